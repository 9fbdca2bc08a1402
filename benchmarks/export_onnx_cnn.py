#!/usr/bin/python3
"""Export the ONNX model the W5 cnn benchmark loads (the reference CNN, issue 6).

Run once, from the repository root, with Debian's PyTorch (python3-torch, torch 1.13):

    /usr/bin/python3 benchmarks/export_onnx_cnn.py

It writes, under benchmarks/StaticNets.Benchmarks/Models/ (committed as small test assets):

    w5-cnn.onnx          Input(28, 28, 1) -> Conv2D(32, 3x3, ReLU) -> MaxPool2D(2) -> Conv2D(64, 3x3, ReLU)
                         -> MaxPool2D(2) -> Flatten -> Dense(64, ReLU) -> Dense(10, Softmax);
                         input "x" (1, 784), output "y" (1, 10)
    w5-cnn.params.bin    the same 121,930 parameters in StaticNets' layout (see below)

The input is the 784 floats the C# side gives the generated network: one 28x28x1 image, channels last, element
(y, x, c) at (y * 28 + x) * 1 + c. The graph itself reshapes it to NHWC (1, 28, 28, 1) and permutes it to the NCHW
layout torch's Conv2d wants; before the first dense layer it permutes the (1, 64, 5, 5) maps back to NHWC, so that
Flatten gives the channels-last order StaticNets' Flatten keeps.

The weights come from torch's default Conv2d and Linear initialisation under a fixed torch.manual_seed, so
re-running the script reproduces the same files (on the same torch version). The values do not matter for timing,
but the C# [GlobalSetup] loads the .params.bin file into the generated network and checks that ONNX Runtime and
the generated network agree within 1e-4 before anything is timed.

.params.bin layout (StaticNets' INetwork parameter layout, raw little-endian float32, no header), layer by layer:
  Conv2D: weights (KH, KW, Cin, Cout) row-major -- torch's Conv2d.weight (Cout, Cin, KH, KW) permuted (2, 3, 1, 0) --
          then Cout biases;
  Dense:  weights (inputs, outputs) row-major -- the TRANSPOSE of torch's Linear.weight -- then outputs biases.
Pooling and Flatten have no parameters.
"""

import os

import numpy as np
import torch
from torch import nn

from export_onnx import MODELS, OPSET

HEIGHT, WIDTH, CHANNELS = 28, 28, 1
INPUTS = HEIGHT * WIDTH * CHANNELS
SEED = 5


class ReferenceCnn(nn.Module):
    """The W5 network on a (batch, 784) channels-last input, with the layout changes inside the graph."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(CHANNELS, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(5 * 5 * 64, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = x.reshape(-1, HEIGHT, WIDTH, CHANNELS).permute(0, 3, 1, 2)  # NHWC -> NCHW
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)  # (N, 32, 13, 13)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)  # (N, 64, 5, 5): the last row and column fill no window
        x = x.permute(0, 2, 3, 1).reshape(-1, 5 * 5 * 64)  # NCHW -> NHWC, then Flatten in StaticNets' order
        x = torch.relu(self.fc1(x))
        return torch.softmax(self.fc2(x), dim=1)


def staticnets_parameters(model):
    """Conv2d weight.permute(2, 3, 1, 0) and Linear weight.T, each followed by its bias, as one float32 vector."""
    parts = []
    for layer in (model.conv1, model.conv2, model.fc1, model.fc2):
        weight = layer.weight.detach()
        weight = weight.permute(2, 3, 1, 0) if isinstance(layer, nn.Conv2d) else weight.t()
        parts.append(weight.contiguous().numpy().astype("<f4").ravel())
        parts.append(layer.bias.detach().numpy().astype("<f4").ravel())
    return np.concatenate(parts)


def main():
    os.makedirs(MODELS, exist_ok=True)
    torch.manual_seed(SEED)
    model = ReferenceCnn().eval()

    onnx_path = os.path.join(MODELS, "w5-cnn.onnx")
    params_path = os.path.join(MODELS, "w5-cnn.params.bin")
    with torch.no_grad():
        torch.onnx.export(
            model,
            torch.zeros(1, INPUTS),
            onnx_path,
            input_names=["x"],
            output_names=["y"],
            opset_version=OPSET,
            do_constant_folding=True,
        )
    parameters = staticnets_parameters(model)
    assert parameters.size == 121930, parameters.size
    parameters.tofile(params_path)
    print(f"{onnx_path}: {os.path.getsize(onnx_path)} bytes; {params_path}: {parameters.size} parameters")


if __name__ == "__main__":
    main()
