#!/usr/bin/python3
"""Generate the PyTorch reference fixture for StaticNets' convolutional layers.

Run from the repository root with Debian's PyTorch 1.13:

    /usr/bin/python3 tests/StaticNets.Tests/Reference/make_conv_fixtures.py

It (re)writes fixtures/convolution.json next to this script:

    layer_cases    one Conv2D / MaxPool2D / AveragePool2D / GlobalAveragePool2D layer on a batch of 2:
                   output, and for a random upstream gradient the input and parameter gradients
    network_cases  small CNNs with a loss: outputs, loss and parameter gradient

Seeded, single-threaded, float32, and written with make_fixtures.py's formatter, so a rerun gives a
byte-identical file. README.md (section "fixtures/convolution.json") documents the layout.

Library conventions this script follows (see README.md):
  * Tensors are HWC (channels last), row-major; a batch is (batch, H*W*C). torch works in NCHW, so
    every tensor is permuted on the way in and out.
  * Conv2D weights are (KH, KW, Cin, Cout) row-major = torch's Conv2d weight.permute(2, 3, 1, 0),
    then Cout biases. Dense weights are (inputs, outputs) = the transpose of Linear.weight, then
    biases. All parameters live in one flat float32 leaf tensor, so theta.grad is already in the
    library's layout.
  * "same" padding is Keras/TensorFlow's: out = ceil(in / stride), the total padding split with the
    smaller half before. torch's Conv2d(padding="same") is symmetric and refuses strides, so the
    script pads explicitly with F.pad and then runs a valid convolution.
  * Flatten is HWC order (Keras channels_last): NCHW activations are permuted to NHWC first.
  * Losses are means, exactly as torch reduces them.
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ beside the fixtures
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import activation_function, floats, seed_of, write_json  # noqa: E402

LAYER_BATCH = 2
NETWORK_BATCH = 3
KINK_MARGIN = 1e-3  # keep ReLU pre-activations at least this far from 0
MAX_MARGIN = 1e-4  # in networks, a window's maximum beats the runner-up by at least this much


# ----------------------------------------------------------------------------------------------
# Layers in the library's layout
# ----------------------------------------------------------------------------------------------

def conv2d(filters, kernel, strides=(1, 1), padding="valid", activation="Linear"):
    return {"kind": "Conv2D", "filters": filters, "kernel_height": kernel[0], "kernel_width": kernel[1],
            "stride_height": strides[0], "stride_width": strides[1], "padding": padding,
            "activation": activation}


def max_pool2d(pool, strides):
    return {"kind": "MaxPool2D", "pool_height": pool[0], "pool_width": pool[1],
            "stride_height": strides[0], "stride_width": strides[1]}


def average_pool2d(pool, strides):
    return {"kind": "AveragePool2D", "pool_height": pool[0], "pool_width": pool[1],
            "stride_height": strides[0], "stride_width": strides[1]}


def global_average_pool2d():
    return {"kind": "GlobalAveragePool2D"}


def flatten():
    return {"kind": "Flatten"}


def dense(units, activation):
    return {"kind": "Dense", "units": units, "activation": activation}


def same_padding(size, kernel, stride):
    """Keras/TensorFlow "same": (output, pad_before, pad_after) along one axis."""
    output = -(-size // stride)  # ceil
    total = max((output - 1) * stride + kernel - size, 0)
    return output, total // 2, total - total // 2


def layer_geometry(entry, shape):
    """The output shape (H, W, C) of a layer, its pads (top, bottom, left, right) and parameter count."""
    h, w, c = shape
    kind = entry["kind"]
    if kind == "Conv2D":
        kh, kw = entry["kernel_height"], entry["kernel_width"]
        sh, sw = entry["stride_height"], entry["stride_width"]
        if entry["padding"] == "same":
            oh, top, bottom = same_padding(h, kh, sh)
            ow, left, right = same_padding(w, kw, sw)
        elif entry["padding"] == "valid":
            oh, ow, top, bottom, left, right = (h - kh) // sh + 1, (w - kw) // sw + 1, 0, 0, 0, 0
        else:
            raise ValueError(entry["padding"])
        count = kh * kw * c * entry["filters"] + entry["filters"]
        return (oh, ow, entry["filters"]), (top, bottom, left, right), count
    if kind in ("MaxPool2D", "AveragePool2D"):
        ph, pw = entry["pool_height"], entry["pool_width"]
        sh, sw = entry["stride_height"], entry["stride_width"]
        return ((h - ph) // sh + 1, (w - pw) // sw + 1, c), (0, 0, 0, 0), 0
    if kind == "GlobalAveragePool2D":
        return (1, 1, c), (0, 0, 0, 0), 0
    if kind == "Flatten":
        return (1, 1, h * w * c), (0, 0, 0, 0), 0
    if kind == "Dense":
        return (1, 1, entry["units"]), (0, 0, 0, 0), h * w * c * entry["units"] + entry["units"]
    raise ValueError(kind)


def network_geometry(input_shape, layers):
    """Per layer: (input shape, output shape, pads, parameter offset, parameter count); and the total."""
    result, shape, offset = [], input_shape, 0
    for entry in layers:
        out_shape, pads, count = layer_geometry(entry, shape)
        result.append((shape, out_shape, pads, offset, count))
        shape, offset = out_shape, offset + count
    return result, offset


def to_nchw(flat, shape):
    """(batch, H*W*C) rows, HWC order -> an NCHW tensor."""
    h, w, c = shape
    return flat.reshape(-1, h, w, c).permute(0, 3, 1, 2)


def to_rows(x):
    """An NCHW tensor -> (batch, H*W*C) rows in HWC order; a (batch, n) tensor stays as it is."""
    if x.dim() == 2:
        return x
    return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)


def apply_layer(entry, x, theta, geometry):
    """One layer on x (NCHW for image layers, (batch, n) for flat ones). Returns (z, a): the
    pre-activation and the activation (the same tensor for layers without an activation)."""
    in_shape, out_shape, (top, bottom, left, right), offset, count = geometry
    kind = entry["kind"]
    if kind == "Conv2D":
        kh, kw, cin, cout = entry["kernel_height"], entry["kernel_width"], in_shape[2], entry["filters"]
        weights = theta[offset:offset + kh * kw * cin * cout].reshape(kh, kw, cin, cout).permute(3, 2, 0, 1)
        bias = theta[offset + kh * kw * cin * cout:offset + count]
        padded = F.pad(x, (left, right, top, bottom))  # zeros; exact for asymmetric "same" padding
        z = F.conv2d(padded, weights, bias, stride=(entry["stride_height"], entry["stride_width"]))
        return z, activation_function(entry)(z)
    if kind == "MaxPool2D":
        z = F.max_pool2d(x, (entry["pool_height"], entry["pool_width"]), (entry["stride_height"], entry["stride_width"]))
        return z, z
    if kind == "AveragePool2D":
        z = F.avg_pool2d(x, (entry["pool_height"], entry["pool_width"]), (entry["stride_height"], entry["stride_width"]))
        return z, z
    if kind == "GlobalAveragePool2D":
        z = x.mean(dim=(2, 3))
        return z, z
    if kind == "Flatten":
        z = to_rows(x)  # HWC order, not torch.flatten's CHW
        return z, z
    if kind == "Dense":
        units = entry["units"]
        fan_in = x.shape[1]
        w = theta[offset:offset + fan_in * units].reshape(fan_in, units)
        b = theta[offset + fan_in * units:offset + count]
        z = F.linear(x, w.t(), b)
        return z, activation_function(entry)(z)
    raise ValueError(kind)


def window_margins(entry, x):
    """For a max-pool layer's input x (NCHW): top-1 minus top-2 of every window, and top-1."""
    windows = x.unfold(2, entry["pool_height"], entry["stride_height"]).unfold(3, entry["pool_width"], entry["stride_width"])
    values = windows.reshape(*windows.shape[:4], -1).topk(2, dim=-1).values
    return values[..., 0] - values[..., 1], values[..., 0]


# ----------------------------------------------------------------------------------------------
# layer_cases
# ----------------------------------------------------------------------------------------------

def layer_case(name, input_shape, entry):
    """One layer on a batch of LAYER_BATCH: output, and for a random upstream gradient g the
    gradients of sum(output * g) with respect to the input and the parameters."""
    seed = seed_of(name)
    torch.manual_seed(seed)
    (geometry,), count = network_geometry(input_shape, [entry])
    out_shape = geometry[1]
    h, w, c = input_shape
    for _ in range(100):
        theta = torch.randn(count) * 0.5
        x = torch.randn(LAYER_BATCH, h * w * c)
        if entry["kind"] != "MaxPool2D" or (window_margins(entry, to_nchw(x, input_shape))[0] > 0).all():
            break  # no ties in any max-pool window
    else:
        raise RuntimeError(f"{name}: could not draw inputs without ties")
    upstream = torch.randn(LAYER_BATCH, out_shape[0] * out_shape[1] * out_shape[2])

    theta = theta.clone().requires_grad_(True)
    x = x.clone().requires_grad_(True)
    z, _ = apply_layer(entry, to_nchw(x, input_shape), theta, geometry)
    output = to_rows(z)
    assert output.shape == upstream.shape, name
    (output * upstream).sum().backward()

    top, bottom, left, right = geometry[2]
    return {
        "name": name,
        "seed": seed,
        "layer": entry,
        "batch": LAYER_BATCH,
        "input_height": h,
        "input_width": w,
        "input_channels": c,
        "output_height": out_shape[0],
        "output_width": out_shape[1],
        "output_channels": out_shape[2],
        "pad_top": top,
        "pad_bottom": bottom,
        "pad_left": left,
        "pad_right": right,
        "parameters": floats(theta),
        "inputs": floats(x),
        "outputs": floats(output),
        "output_gradient": floats(upstream),
        "input_gradient": floats(x.grad),
        "parameter_gradient": floats(theta.grad) if count else [],
    }


def layer_cases():
    return [
        # Conv2D: (H, W, C) and the layer.
        layer_case("conv_valid_3x3_cin3_cout5", (6, 7, 3), conv2d(5, (3, 3))),
        layer_case("conv_valid_2x3_cin2_cout3", (5, 6, 2), conv2d(3, (2, 3))),
        layer_case("conv_valid_3x3_stride2_cin3_cout5", (7, 9, 3), conv2d(5, (3, 3), (2, 2))),
        layer_case("conv_valid_3x2_stride2x1_cin2_cout7", (8, 5, 2), conv2d(7, (3, 2), (2, 1))),
        layer_case("conv_same_2x2_cin3_cout5", (5, 6, 3), conv2d(5, (2, 2), padding="same")),
        layer_case("conv_same_3x3_cin2_cout6", (5, 5, 2), conv2d(6, (3, 3), padding="same")),
        layer_case("conv_same_3x3_stride2_cin3_cout5", (7, 8, 3), conv2d(5, (3, 3), (2, 2), "same")),
        layer_case("conv_same_4x3_stride2x3_cin1_cout4", (6, 7, 1), conv2d(4, (4, 3), (2, 3), "same")),
        layer_case("conv_valid_3x3_cin1_cout32", (5, 5, 1), conv2d(32, (3, 3))),
        layer_case("conv_valid_1x1_cin17_cout9", (3, 4, 17), conv2d(9, (1, 1))),
        layer_case("conv_valid_full_kernel_cin5_cout3", (3, 4, 5), conv2d(3, (3, 4))),
        # MaxPool2D
        layer_case("maxpool_2x2_s2_even", (6, 8, 3), max_pool2d((2, 2), (2, 2))),
        layer_case("maxpool_2x2_s2_odd", (7, 5, 2), max_pool2d((2, 2), (2, 2))),
        layer_case("maxpool_3x3_s2_overlapping", (7, 8, 3), max_pool2d((3, 3), (2, 2))),
        layer_case("maxpool_2x3_s2x3", (6, 9, 5), max_pool2d((2, 3), (2, 3))),
        layer_case("maxpool_3x2_s1", (5, 4, 2), max_pool2d((3, 2), (1, 1))),
        # AveragePool2D
        layer_case("avgpool_2x2_s2_even", (6, 8, 3), average_pool2d((2, 2), (2, 2))),
        layer_case("avgpool_2x2_s2_odd", (7, 5, 2), average_pool2d((2, 2), (2, 2))),
        layer_case("avgpool_3x3_s2_overlapping", (7, 8, 3), average_pool2d((3, 3), (2, 2))),
        layer_case("avgpool_2x3_s2x3", (6, 9, 5), average_pool2d((2, 3), (2, 3))),
        layer_case("avgpool_3x2_s1", (5, 4, 2), average_pool2d((3, 2), (1, 1))),
        # GlobalAveragePool2D
        layer_case("global_avgpool_5x7x3", (5, 7, 3), global_average_pool2d()),
        layer_case("global_avgpool_1x1x6", (1, 1, 6), global_average_pool2d()),
        layer_case("global_avgpool_4x3x17", (4, 3, 17), global_average_pool2d()),
    ]


# ----------------------------------------------------------------------------------------------
# network_cases
# ----------------------------------------------------------------------------------------------

def forward(theta, x, input_shape, layers):
    """Runs the network; returns every layer's (input, z, a)."""
    geometry, _ = network_geometry(input_shape, layers)
    trace, a = [], to_nchw(x, input_shape)
    for entry, g in zip(layers, geometry):
        z, next_a = apply_layer(entry, a, theta, g)
        trace.append((a, z, next_a))
        a = next_a
    return trace


def well_defined(layers, trace):
    """No ReLU pre-activation near 0 (both signs present), and no near-tie for a window's maximum
    unless the window is all zeros from a ReLU (whose gradient is 0 either way)."""
    for entry, (layer_input, z, _) in zip(layers, trace):
        if entry.get("activation") == "ReLU":
            if z.abs().min() < KINK_MARGIN or not (z > 0).any() or not (z < 0).any():
                return False
        if entry["kind"] == "MaxPool2D":
            margin, top = window_margins(entry, layer_input)
            if ((margin < MAX_MARGIN) & (top != 0)).any():
                return False
    return True


def draw_targets(loss, rows, outputs):
    if loss == "SoftmaxCrossEntropy":
        return F.one_hot(torch.randint(0, outputs, (rows,)), outputs).to(torch.float32)
    if loss == "MeanSquaredError":
        return torch.randn(rows, outputs)
    raise ValueError(loss)


def data_loss(loss, z, a, y):
    if loss == "SoftmaxCrossEntropy":
        return -(y * F.log_softmax(z, dim=1)).sum(dim=1).mean()  # softmax fused into the loss
    if loss == "MeanSquaredError":
        return F.mse_loss(a, y)
    raise ValueError(loss)


def network_case(name, input_shape, layers, loss):
    seed = seed_of(name)
    torch.manual_seed(seed)
    geometry, count = network_geometry(input_shape, layers)
    h, w, c = input_shape
    outputs = geometry[-1][1][2]
    for _ in range(1000):
        theta = torch.randn(count) * 0.5
        x = torch.randn(NETWORK_BATCH, h * w * c)
        y = draw_targets(loss, NETWORK_BATCH, outputs)
        with torch.no_grad():
            if well_defined(layers, forward(theta, x, input_shape, layers)):
                break
    else:
        raise RuntimeError(f"{name}: could not draw well-defined data")

    theta = theta.clone().requires_grad_(True)
    trace = forward(theta, x, input_shape, layers)
    _, z, a = trace[-1]
    value = data_loss(loss, z, a, y)
    value.backward()
    return {
        "name": name,
        "seed": seed,
        "input_height": h,
        "input_width": w,
        "input_channels": c,
        "layers": layers,
        "loss": loss,
        "batch": NETWORK_BATCH,
        "parameters": floats(theta),
        "inputs": floats(x),
        "targets": floats(y),
        "outputs": floats(a),
        "loss_value": float(value),
        "gradients": floats(theta.grad),
    }


def network_cases():
    return [
        network_case("cnn_relu_maxpool_tanh_softmax_ce", (9, 9, 2), [
            conv2d(4, (3, 3), activation="ReLU"),  # 7x7x4
            max_pool2d((2, 2), (2, 2)),  # 3x3x4, the last row and column dropped
            conv2d(6, (2, 3), activation="Tanh"),  # 2x1x6
            flatten(),  # 12
            dense(5, "Softmax"),
        ], "SoftmaxCrossEntropy"),
        network_case("cnn_same_avgpool_gap_linear_mse", (8, 7, 3), [
            conv2d(5, (3, 3), padding="same", activation="ReLU"),  # 8x7x5
            average_pool2d((2, 2), (2, 2)),  # 4x3x5
            conv2d(6, (2, 2), (2, 2), "same", "Sigmoid"),  # 2x2x6, padding 0 above, 1 right
            global_average_pool2d(),  # 6
            dense(3, "Linear"),
        ], "MeanSquaredError"),
        network_case("cnn_stride2_overlapping_maxpool_two_dense_softmax_ce", (11, 10, 1), [
            conv2d(3, (3, 2), (2, 2), activation="Tanh"),  # 5x5x3
            max_pool2d((3, 3), (2, 2)),  # 2x2x3, overlapping windows
            flatten(),  # 12
            dense(4, "ReLU"),
            dense(3, "Softmax"),
        ], "SoftmaxCrossEntropy"),
    ]


# ----------------------------------------------------------------------------------------------

def main():
    if not torch.__version__.startswith("1.13"):
        print(f"warning: fixtures are defined against PyTorch 1.13, running {torch.__version__}",
              file=sys.stderr)
    torch.set_num_threads(1)  # deterministic reductions, and polite to concurrent builds
    torch.set_default_dtype(torch.float32)
    write_json("convolution.json", {"layer_cases": layer_cases(), "network_cases": network_cases()})


if __name__ == "__main__":
    main()
