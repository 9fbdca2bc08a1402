#!/usr/bin/env bash
# Runs the runtime tests again at every vector width the generated kernels branch on, so that the Vector256, Vector128
# and scalar branches run too, not only the widest one this CPU has. Needs a Release build (dotnet build -c Release).
#
#   scripts/test-widths.sh [results-directory]
#
# Each run writes width-<name>.trx to the results directory (default TestResults).
#   vector256  DOTNET_EnableAVX512=0                 Vector512 off: the Vector256 branches run.
#   vector128  DOTNET_PreferredVectorBitWidth=128    Vector256 and Vector512 report no acceleration: the Vector128
#                                                    branches run, with hardware FMA.
#   scalar     DOTNET_EnableHWIntrinsic=0            no vector acceleration at all: the scalar branches run. Every
#                                                    multiply-add is then emulated in software, so the two classes that
#                                                    only repeat whole CNN trainings (thread-count comparisons and the
#                                                    Fashion-MNIST epoch) are left out; every kernel they run is also
#                                                    run by the reference, gradient and fixture tests.
set -uo pipefail
cd "$(dirname "$0")/.."
results=${1:-TestResults}
status=0

run() {
  local name=$1 setting=$2 filter=$3
  echo "== runtime tests, $name ($setting)"
  local args=(test tests/StaticNets.Tests -c Release --no-build --logger "trx;LogFileName=width-$name.trx" --results-directory "$results")
  if [ -n "$filter" ]; then
    args+=(--filter "$filter")
  fi
  env "$setting" dotnet "${args[@]}" || status=1
}

run vector256 DOTNET_EnableAVX512=0 ""
run vector128 DOTNET_PreferredVectorBitWidth=128 ""
run scalar DOTNET_EnableHWIntrinsic=0 "FullyQualifiedName!~StaticNets.Tests.Convolution.ParallelTrainingTests&FullyQualifiedName!~StaticNets.Tests.Training.FashionMnistIntegrationTests"
exit $status
