#!/usr/bin/env bash
# Mutation testing with Stryker.NET (a local dotnet tool, restored from dotnet-tools.json): small bugs are injected one
# at a time into the code, and each must make some test fail. Too slow for every CI run; run it after changing tests or
# the code they guard, and record the score in docs/testing.md.
#
#   scripts/mutation.sh runtime      src/StaticNets against tests/StaticNets.Tests
#   scripts/mutation.sh generator    the generator's Emit/ against tests/StaticNets.Generators.Tests
#   scripts/mutation.sh generator-behaviour
#                                    the generator's Emit/ against the tests that compile and run generated code only,
#                                    without string mutations (in an emitter, a string is generated C#)
#
# Reports (HTML, JSON, Markdown) go to artifacts/mutation/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-}
case "$target" in
  runtime) project_dir=src/StaticNets ;;
  generator|generator-behaviour) project_dir=generators/StaticNets.Generators ;;
  *) echo "usage: scripts/mutation.sh runtime|generator|generator-behaviour" >&2; exit 2 ;;
esac

root=$(pwd)
dotnet tool restore
cd "$project_dir"
dotnet dotnet-stryker --config-file "$root/mutation/stryker-$target.json" --output "$root/artifacts/mutation/$target"
