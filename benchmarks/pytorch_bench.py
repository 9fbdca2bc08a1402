#!/usr/bin/python3
"""The PyTorch peer (DESIGN.md, "Performance workloads"): W1-W6 in PyTorch, to set beside the C# benchmarks.

    /usr/bin/python3 benchmarks/pytorch_bench.py                  # everything (about three minutes)
    /usr/bin/python3 benchmarks/pytorch_bench.py --only W1 W4     # some workloads
    /usr/bin/python3 benchmarks/pytorch_bench.py --quick          # smoke test, seconds; numbers mean little

Workloads (the networks, data and hyper-parameters of the C# benchmarks in StaticNets.Benchmarks/):
  W1 mlp-infer-1    784 -> 128 ReLU -> 10 softmax, one sample, inference latency (1 thread)
  W2 mlp-infer-256  the same network on a batch of 256, inference, on 1 and 2 threads
  W3 mlp-train      one epoch of the W1 network on 60,000 samples of 784 values in [0, 1) with random labels over
                    10 classes, cross-entropy, Adam 0.001, batch 32 and 128, on 1 and 2 threads
  W4 tiny           4 -> 16 tanh -> 3 softmax: one-sample inference, and one SGD step (lr 0.01) on one sample
  W5 cnn            Conv2D(32, 3x3, ReLU) -> MaxPool2 -> Conv2D(64, 3x3, ReLU) -> MaxPool2 -> Flatten -> Dense(64, ReLU)
                    -> Dense(10, softmax) on 28x28x1: one-sample inference (1 thread), and one Adam 0.001 training
                    step on a batch of 32 on 1 and 2 threads
  W6 mlp-big-train  one epoch of 784 -> 512 ReLU -> 256 ReLU -> 10 on the W3 data, Adam 0.001, batch 128, 1 and 2 threads

A training step is what StaticNets' TrainBatch does: zero_grad, forward, loss, backward, optimizer step. An epoch
is a loop of such steps over the data in order, batches sliced from tensors made beforehand (the C# "TrainBatch
loop"); no DataLoader, no shuffling, so PyTorch is timed at its fastest. Inference runs under
torch.inference_mode(). The thread count is torch.set_num_threads(n), which also sets OpenBLAS's OpenMP threads.
Calls are warmed up, then timed with time.perf_counter: latencies as the median (and min) over blocks of calls,
epochs as the median (and min) over several epochs after one warm-up epoch.

BLAS NOTE -- read before quoting numbers. Debian's python3-torch (torch 1.13) links the generic BLAS/LAPACK
alternatives, and with the default reference BLAS (libblas3) it is 4-36x slower than with an optimised BLAS.
The fair setting for comparisons is OpenBLAS's OpenMP build, libopenblas0-openmp (NOT the pthread build,
libopenblas0-pthread, whose threads fight torch's OpenMP threads at 2 threads), selected for this process only
with LD_LIBRARY_PATH, e.g. on amd64:

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 benchmarks/pytorch_bench.py

(the package must be installed; this script installs nothing). The script prints which BLAS library the process
actually mapped and which kernels OpenBLAS picked for the CPU, so a result can be labelled. OpenBLAS 0.3.21 (Debian 12)
does not know CPUs newer than it: on AMD family 26 (Zen 5) it picks its AVX2 "Haswell" kernels; OPENBLAS_CORETYPE=SkylakeX
selects its AVX-512 ones, which ran W1 about 2x faster there. Quote numbers only from one run on an otherwise idle machine,
together with that BLAS line.

DENORMALS. The training data has random labels, on which ReLU units die; Adam's moments of their weights then
decay into subnormal floats, which this kind of CPU handles in microcode. StaticNets stores such state as 0;
PyTorch keeps it unless told otherwise. --flush-denormal calls torch.set_flush_denormal(True) (flush-to-zero and
denormals-are-zero for the whole process), the nearest PyTorch setting; the header says which was used.
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

SAMPLES, FEATURES, CLASSES = 60_000, 784, 10
WORKLOADS = ("W1", "W2", "W3", "W4", "W5", "W6")


def load_linear_layers(layers, params_file):
    """Copies parameters in StaticNets' layout ((inputs, outputs) weights, then biases, per layer) into nn.Linear layers."""
    path = os.path.join(MODELS, params_file)
    if not os.path.exists(path):
        return
    flat = torch.from_numpy(np.fromfile(path, dtype="<f4").astype(np.float32))
    offset = 0
    with torch.no_grad():
        for layer in layers:
            n_in, n_out = layer.in_features, layer.out_features
            # StaticNets stores (inputs, outputs) row-major: the transpose of nn.Linear.weight.
            layer.weight.copy_(flat[offset:offset + n_in * n_out].view(n_in, n_out).t())
            offset += n_in * n_out
            layer.bias.copy_(flat[offset:offset + n_out])
            offset += n_out
    assert offset == flat.numel(), f"{path}: {flat.numel()} values, expected {offset}"


def mlp(sizes, activation, params_file=None):
    """Linear layers of the given sizes with the activation between them; the last layer gives logits."""
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(activation())
    model = nn.Sequential(*layers)
    if params_file:
        load_linear_layers([m for m in model if isinstance(m, nn.Linear)], params_file)
    return model


class ReferenceCnn(nn.Module):
    """W5 on NCHW images (PyTorch's native layout; the C# side stores channels last, which changes no arithmetic)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(5 * 5 * 64, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)  # (N, 32, 13, 13)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)  # (N, 64, 5, 5)
        x = torch.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)  # logits


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


def train_step(model, optimizer, loss_fn):
    def step(x, y):
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss
    return step


def time_epochs(step, inputs, labels, batch_size, epochs):
    """Median and min seconds per epoch (a loop of steps over the data in order) after one warm-up epoch."""
    def epoch():
        start = time.perf_counter()
        for first in range(0, inputs.shape[0], batch_size):
            step(inputs[first:first + batch_size], labels[first:first + batch_size])
        return time.perf_counter() - start
    epoch()
    times = [epoch() for _ in range(epochs)]
    return statistics.median(times), min(times)


def openblas_core():
    """The kernel family OpenBLAS chose for this CPU (its dynamic-architecture build picks one at load time)."""
    import ctypes
    try:
        with open("/proc/self/maps") as maps:
            paths = sorted({line.split()[-1] for line in maps if "libopenblas" in line})
        for path in paths:
            library = ctypes.CDLL(path)
            library.openblas_get_corename.restype = ctypes.c_char_p
            return library.openblas_get_corename().decode()
    except (OSError, AttributeError):
        pass
    return "(not OpenBLAS)"


def blas_libraries():
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split()[-1] for line in maps if "blas" in line.lower() or "lapack" in line.lower()}
        return ", ".join(sorted(os.path.realpath(n) for n in names)) or "(none mapped)"
    except OSError:
        return "(unknown)"


class Report:
    def __init__(self):
        print(f"{'workload':<42} {'median':>12} {'min':>12}  unit")

    def row(self, name, median, best, unit, scale):
        print(f"{name:<42} {median * scale:>12.3f} {best * scale:>12.3f}  {unit}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions and a short epoch: checks the script works")
    parser.add_argument("--only", nargs="+", choices=WORKLOADS, default=list(WORKLOADS), metavar="W",
                        help="workloads to run (W1 ... W6); default all")
    parser.add_argument("--threads", nargs="+", type=int, default=[1, 2], help="thread counts for W2, W3, W5 training and W6")
    parser.add_argument("--flush-denormal", action="store_true", help="torch.set_flush_denormal(True) (see DENORMALS)")
    args = parser.parse_args()

    if args.quick:
        warmup, blocks, block_size, epochs, samples = 20, 5, 20, 1, 2_048
    else:
        warmup, blocks, block_size, epochs, samples = 2000, 200, 500, 5, SAMPLES
    flushed = torch.set_flush_denormal(True) if args.flush_denormal else False

    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} logical CPUs")
    print(f"BLAS mapped: {blas_libraries()}")
    print(f"OpenBLAS kernels: {openblas_core()}")
    print(f"denormals: {'flushed to zero' if flushed else 'kept (PyTorch default)'}")
    print(f"mode: {'quick (indicative only)' if args.quick else 'full'}; latencies: warm-up {warmup}, "
          f"{blocks} blocks x {block_size} calls; epochs: 1 warm-up + {epochs} timed of {samples:,} samples")
    report = Report()
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(3)
    loss_fn = nn.CrossEntropyLoss()

    if "W1" in args.only or "W2" in args.only:
        w1 = mlp([784, 128, 10], nn.ReLU, "w1-mlp.params.bin").eval()

        def predict(x):
            with torch.inference_mode():
                return torch.softmax(w1(x), dim=1)

        if "W1" in args.only:
            x1 = torch.rand(1, 784, generator=generator)
            report.row("W1 mlp-infer-1, 1 thread", *time_per_call(lambda: predict(x1), warmup, blocks, block_size), "us", 1e6)
        if "W2" in args.only:
            x256 = torch.rand(256, 784, generator=generator)
            for threads in args.threads:
                torch.set_num_threads(threads)
                median, best = time_per_call(lambda: predict(x256), warmup // 10, blocks // 2, max(1, block_size // 20))
                report.row(f"W2 mlp-infer-256, {threads} thread(s)", median, best, "us per batch", 1e6)
                print(f"{'':<42} {256 / median / 1e3:>12.0f} {256 / best / 1e3:>12.0f}  k samples/s")
            torch.set_num_threads(1)

    if "W3" in args.only or "W6" in args.only:
        inputs = torch.rand(samples, FEATURES, generator=generator)
        labels = torch.randint(0, CLASSES, (samples,), generator=generator)
        cases = []
        if "W3" in args.only:
            cases += [("W3 mlp-train", [784, 128, 10], batch) for batch in (32, 128)]
        if "W6" in args.only:
            cases.append(("W6 mlp-big-train", [784, 512, 256, 10], 128))
        for name, sizes, batch in cases:
            for threads in args.threads:
                torch.set_num_threads(threads)
                torch.manual_seed(42)
                model = mlp(sizes, nn.ReLU)
                optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
                median, best = time_epochs(train_step(model, optimizer, loss_fn), inputs, labels, batch, epochs)
                report.row(f"{name}, batch {batch}, {threads} thread(s)", median, best, "s per epoch", 1)
        torch.set_num_threads(1)

    if "W4" in args.only:
        w4 = mlp([4, 16, 3], nn.Tanh, "w4-tiny.params.bin")
        x4 = torch.randn(16, 4, generator=generator)
        y4 = torch.randint(0, 3, (16,), generator=generator)
        step = train_step(w4, torch.optim.SGD(w4.parameters(), lr=0.01), loss_fn)
        state = {"next": 0}

        def w4_predict():
            with torch.inference_mode():
                return torch.softmax(w4(x4[0:1]), dim=1)

        def w4_sgd_step():
            s = state["next"] = (state["next"] + 1) & 15
            return step(x4[s:s + 1], y4[s:s + 1])

        report.row("W4 tiny predict", *time_per_call(w4_predict, warmup, blocks, block_size), "us", 1e6)
        report.row("W4 tiny sgd-step (batch 1)", *time_per_call(w4_sgd_step, warmup, blocks, block_size), "us", 1e6)

    if "W5" in args.only:
        torch.manual_seed(5)
        cnn = ReferenceCnn()
        image = torch.rand(1, 1, 28, 28, generator=generator)
        images = torch.rand(32, 1, 28, 28, generator=generator)
        image_labels = torch.randint(0, CLASSES, (32,), generator=generator)

        def cnn_predict():
            with torch.inference_mode():
                return torch.softmax(cnn(image), dim=1)

        report.row("W5 cnn predict, 1 thread", *time_per_call(cnn_predict, warmup // 10, blocks // 2, block_size // 10), "us", 1e6)
        step = train_step(cnn, torch.optim.Adam(cnn.parameters(), lr=0.001), loss_fn)
        for threads in args.threads:
            torch.set_num_threads(threads)
            median, best = time_per_call(lambda: step(images, image_labels), warmup // 100, blocks // 4, max(1, block_size // 50))
            report.row(f"W5 cnn train step, batch 32, {threads} thread(s)", median, best, "ms", 1e3)
        torch.set_num_threads(1)


if __name__ == "__main__":
    main()
