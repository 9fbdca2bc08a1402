#!/usr/bin/python3
"""The PyTorch peer (DESIGN.md, "Performance workloads"): W1 mlp-infer-1 and W4 tiny in PyTorch.

    /usr/bin/python3 benchmarks/pytorch_bench.py            # full run (about a minute)
    /usr/bin/python3 benchmarks/pytorch_bench.py --quick    # smoke test, a few seconds; numbers mean little

Workloads (same networks and parameters as the C# benchmarks; see benchmarks/export_onnx.py):
  W1 mlp-infer-1   784 -> 128 ReLU -> 10 softmax, one sample, inference latency
  W4 tiny predict  4 -> 16 tanh -> 3 softmax, one sample, inference latency
  W4 tiny sgd-step one SGD step (lr 0.01, softmax cross-entropy) on one sample: zero_grad, forward, loss,
                   backward, step -- what StaticNets' TrainBatch(batch of 1) does

Inference runs under torch.inference_mode() with torch.set_num_threads(1) (the C# side is single-threaded too).
Each workload is warmed up, then timed with time.perf_counter over many repetitions of a block of calls; the
script prints the median (and min) time per call in microseconds.

BLAS NOTE -- read before quoting numbers. Debian's python3-torch (torch 1.13) links the generic BLAS/LAPACK
alternatives, and with the default reference BLAS (libblas3) it is 4-36x slower than with an optimised BLAS.
The fair setting for comparisons is OpenBLAS's OpenMP build, libopenblas0-openmp (NOT the pthread build,
libopenblas0-pthread), selected for this process only with LD_LIBRARY_PATH,
e.g. on amd64:

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 benchmarks/pytorch_bench.py

(the package must be installed; this script installs nothing). The script prints which BLAS library the process
actually mapped, so a result can be labelled. Quote numbers only from one run on an otherwise idle machine,
together with that BLAS line.
"""

import argparse
import os
import platform
import statistics
import time

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "StaticNets.Benchmarks", "Models")


def mlp(inputs, hidden, outputs, activation, params_file):
    """nn.Linear -> activation -> nn.Linear (logits); parameters from the StaticNets-layout file if present."""
    model = nn.Sequential(nn.Linear(inputs, hidden), activation(), nn.Linear(hidden, outputs))
    path = os.path.join(MODELS, params_file)
    if os.path.exists(path):
        flat = torch.from_numpy(np.fromfile(path, dtype="<f4").astype(np.float32))
        offset = 0
        with torch.no_grad():
            for layer in (model[0], model[2]):
                n_in, n_out = layer.in_features, layer.out_features
                # StaticNets stores (inputs, outputs) row-major: the transpose of nn.Linear.weight.
                layer.weight.copy_(flat[offset:offset + n_in * n_out].view(n_in, n_out).t())
                offset += n_in * n_out
                layer.bias.copy_(flat[offset:offset + n_out])
                offset += n_out
        assert offset == flat.numel(), f"{path}: {flat.numel()} values, expected {offset}"
    return model


def time_per_call(fn, warmup, blocks, block_size):
    """Median and min seconds per call over `blocks` timed blocks of `block_size` calls each."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(blocks):
        start = time.perf_counter()
        for _ in range(block_size):
            fn()
        samples.append((time.perf_counter() - start) / block_size)
    return statistics.median(samples), min(samples)


def blas_libraries():
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split()[-1] for line in maps if "blas" in line.lower() or "lapack" in line.lower()}
        return ", ".join(sorted(os.path.realpath(n) for n in names)) or "(none mapped)"
    except OSError:
        return "(unknown)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions: checks the script works, in seconds")
    args = parser.parse_args()
    warmup, blocks, block_size = (200, 20, 100) if args.quick else (2000, 200, 500)

    torch.set_num_threads(1)
    torch.manual_seed(0)

    w1 = mlp(784, 128, 10, nn.ReLU, "w1-mlp.params.bin").eval()
    w4 = mlp(4, 16, 3, nn.Tanh, "w4-tiny.params.bin")
    w1_x = torch.rand(1, 784)
    w4_x = torch.randn(16, 4)
    w4_y = torch.randint(0, 3, (16,))
    optimizer = torch.optim.SGD(w4.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    state = {"next": 0}

    def w1_predict():
        with torch.inference_mode():
            return torch.softmax(w1(w1_x), dim=1)

    def w4_predict():
        with torch.inference_mode():
            return torch.softmax(w4(w4_x[0:1]), dim=1)

    def w4_sgd_step():
        s = state["next"] = (state["next"] + 1) & 15
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(w4(w4_x[s:s + 1]), w4_y[s:s + 1])
        loss.backward()
        optimizer.step()
        return loss

    print(f"torch {torch.__version__}, Python {platform.python_version()}, {platform.machine()}, "
          f"threads {torch.get_num_threads()}")
    print(f"BLAS mapped: {blas_libraries()}")
    print(f"{'mode':s}: {'quick (indicative only)' if args.quick else 'full'}; "
          f"warm-up {warmup}, {blocks} blocks x {block_size} calls")
    print(f"{'workload':<20} {'median us':>10} {'min us':>10}")
    for name, fn in (("W1 mlp-infer-1", w1_predict), ("W4 tiny predict", w4_predict),
                     ("W4 tiny sgd-step", w4_sgd_step)):
        median, best = time_per_call(fn, warmup, blocks, block_size)
        print(f"{name:<20} {median * 1e6:>10.2f} {best * 1e6:>10.2f}")


if __name__ == "__main__":
    main()
