#!/usr/bin/python3
"""Export the ONNX models the ONNX Runtime peer benchmarks load (W1 mlp-infer-1, W2 mlp-infer-256 and W4 tiny).

Run once, from the repository root, with Debian's PyTorch (python3-torch, torch 1.13):

    /usr/bin/python3 benchmarks/export_onnx.py

It writes, under benchmarks/StaticNets.Benchmarks/Models/ (committed as small test assets):

    w1-mlp.onnx          784 -> 128 ReLU -> 10 softmax, input "x" (1, 784), output "y" (1, 10)
    w1-mlp.params.bin    the same parameters in StaticNets' layout (see below)
    w2-mlp-b256.onnx     the W1 network and parameters with a fixed batch of 256: input "x" (256, 784), output "y" (256, 10)
    w4-tiny.onnx         4 -> 16 tanh -> 3 softmax, input "x" (1, 4), output "y" (1, 3)
    w4-tiny.params.bin   the same parameters in StaticNets' layout

The weights come from torch's default nn.Linear initialisation under a fixed torch.manual_seed, so re-running
the script reproduces the same files (on the same torch version). The values do not matter for timing, but the
C# [GlobalSetup] loads the .params.bin file into the generated network and the plain baseline and checks that
ONNX Runtime, the generated network and the baseline agree within 1e-4 before anything is timed.

.params.bin layout (StaticNets' INetwork parameter layout, raw little-endian float32, no header): for each
dense layer in order, its weights as an (inputs, outputs) row-major matrix -- the TRANSPOSE of
torch.nn.Linear.weight, which is (outputs, inputs) -- followed by its outputs biases.
"""

import os

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "StaticNets.Benchmarks", "Models")
OPSET = 13


def build(inputs, hidden, outputs, activation, seed):
    torch.manual_seed(seed)
    return nn.Sequential(
        nn.Linear(inputs, hidden),
        activation(),
        nn.Linear(hidden, outputs),
        nn.Softmax(dim=1),
    ).eval()


def staticnets_parameters(model):
    """Every Linear layer's weight.T (inputs, outputs) row-major, then its bias, as one float32 vector."""
    parts = []
    for layer in model:
        if isinstance(layer, nn.Linear):
            parts.append(layer.weight.detach().t().contiguous().numpy().astype("<f4").ravel())
            parts.append(layer.bias.detach().numpy().astype("<f4").ravel())
    return np.concatenate(parts)


def export(name, model, inputs, batch=1, write_parameters=True):
    onnx_path = os.path.join(MODELS, name + ".onnx")
    params_path = os.path.join(MODELS, name + ".params.bin")
    example = torch.zeros(batch, inputs)
    with torch.no_grad():
        torch.onnx.export(
            model,
            example,
            onnx_path,
            input_names=["x"],
            output_names=["y"],
            opset_version=OPSET,
            do_constant_folding=True,
        )
    if not write_parameters:
        print(f"{onnx_path}: {os.path.getsize(onnx_path)} bytes")
        return
    parameters = staticnets_parameters(model)
    parameters.tofile(params_path)
    print(f"{onnx_path}: {os.path.getsize(onnx_path)} bytes; {params_path}: {parameters.size} parameters")


def main():
    os.makedirs(MODELS, exist_ok=True)
    export("w1-mlp", build(784, 128, 10, nn.ReLU, seed=1), 784)
    # W2: the same network and parameters (w1-mlp.params.bin) with a batch of 256.
    export("w2-mlp-b256", build(784, 128, 10, nn.ReLU, seed=1), 784, batch=256, write_parameters=False)
    export("w4-tiny", build(4, 16, 3, nn.Tanh, seed=4), 4)


if __name__ == "__main__":
    main()
