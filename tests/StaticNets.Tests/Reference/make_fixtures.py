#!/usr/bin/python3
"""Generate the PyTorch reference fixtures used by the StaticNets C# tests.

Run from the repository root with Debian's PyTorch 1.13:

    /usr/bin/python3 tests/StaticNets.Tests/Reference/make_fixtures.py

It (re)writes three JSON files next to this script, under fixtures/:

    losses.json       loss, penalty and parameter gradient of small networks
    optimizers.json   five steps of every torch.optim optimizer StaticNets mirrors
    activations.json  activation values and derivatives in float64

Everything is seeded, single-threaded and written with a fixed formatter, so a rerun gives
byte-identical files. The README.md next to this script documents the JSON layouts.

Library conventions this script follows (see README.md):
  * The parameter vector holds, for each layer in order, the weights as an (inputs, outputs)
    row-major matrix - the transpose of torch.nn.Linear.weight - followed by the biases.
    Gradients use the same layout. The script keeps all parameters in one flat float32 leaf
    tensor and slices the layers out of it, so theta.grad is already in that layout.
  * Batches are row-major (batch, features); targets are (batch, outputs).
  * Losses are means, exactly as torch reduces them.
"""

import json
import math
import os
import sys
import zlib

import torch
import torch.nn.functional as F

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")

BATCH = 4
KINK_MARGIN = 1e-3  # keep pre-activations / residuals at least this far from a kink
LARGE_LOGIT = 50.0  # |logit| the "large logits" cases are scaled to


# ----------------------------------------------------------------------------------------------
# JSON output
# ----------------------------------------------------------------------------------------------

def _format(value, indent):
    """Format a JSON value: objects one key per line, lists of numbers and small flat objects
    on a single line."""
    pad = "  " * indent
    inner = "  " * (indent + 1)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("non-finite value in fixture")
        # repr is the shortest text that parses back to the same double. Every float32 is exactly
        # a double, so a float32 value written this way parses back to itself bit for bit.
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, dict):
        if len(value) <= 6 and all(not isinstance(v, (list, dict)) for v in value.values()):
            # Small flat objects (layers, hyper-parameters) fit on one line.
            return "{" + ", ".join(json.dumps(k) + ": " + _format(v, indent + 1) for k, v in value.items()) + "}"
        items = [inner + json.dumps(k) + ": " + _format(v, indent + 1) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (list, dict)) for v in value):
            return "[" + ", ".join(_format(v, indent + 1) for v in value) + "]"
        return "[\n" + ",\n".join(inner + _format(v, indent + 1) for v in value) + "\n" + pad + "]"
    raise TypeError(type(value))


def write_json(file_name, value):
    text = _format(value, 0) + "\n"
    json.loads(text)  # sanity check: the formatter produced valid JSON
    path = os.path.join(OUT_DIR, file_name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(path)} ({len(text.encode())} bytes)")


def floats(tensor):
    """A tensor as a flat list of Python floats (float32 values are widened exactly)."""
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def seed_of(name):
    """A stable per-case seed, so adding or reordering cases does not change the others.
    Masked to 31 bits so it also fits a C# int."""
    return zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF


# ----------------------------------------------------------------------------------------------
# Networks in the library's layout
# ----------------------------------------------------------------------------------------------

def layer(units, activation, **params):
    """A layer description as written to JSON; LeakyReLU/ELU always carry their parameter."""
    entry = {"units": units, "activation": activation}
    if activation == "LeakyReLU":
        entry["negative_slope"] = params.get("negative_slope", 0.01)
    elif activation == "ELU":
        entry["alpha"] = params.get("alpha", 1.0)
    elif params:
        raise ValueError(f"{activation} takes no parameters")
    return entry


def activation_function(entry):
    """The torch function for a layer's activation (Softmax is applied by the loss)."""
    name = entry["activation"]
    if name == "Linear":
        return lambda z: z
    if name == "Sigmoid":
        return torch.sigmoid
    if name == "Tanh":
        return torch.tanh
    if name == "ReLU":
        return F.relu
    if name == "LeakyReLU":
        return lambda z: F.leaky_relu(z, negative_slope=entry["negative_slope"])
    if name == "ELU":
        return lambda z: F.elu(z, alpha=entry["alpha"])
    if name == "Softplus":
        return F.softplus  # beta 1, threshold 20 (torch defaults)
    if name == "GELU":
        return F.gelu  # exact erf form (approximate='none')
    if name == "SiLU":
        return F.silu
    if name == "Softmax":
        return lambda z: torch.softmax(z, dim=1)
    raise ValueError(name)


def layer_shapes(input_size, layers):
    """(fan_in, units, offset) of each layer in the parameter vector, and the total count."""
    shapes, offset, fan_in = [], 0, input_size
    for entry in layers:
        units = entry["units"]
        shapes.append((fan_in, units, offset))
        offset += fan_in * units + units
        fan_in = units
    return shapes, offset


def weight_views(theta, input_size, layers):
    """Views of theta: each layer's (in, out) weight matrix and its bias vector."""
    views = []
    for fan_in, units, offset in layer_shapes(input_size, layers)[0]:
        w = theta[offset:offset + fan_in * units].reshape(fan_in, units)
        b = theta[offset + fan_in * units:offset + fan_in * units + units]
        views.append((w, b))
    return views


def forward(theta, x, input_size, layers):
    """Run the network; returns the pre-activations and activations of every layer."""
    zs, activations = [], []
    a = x
    for (w, b), entry in zip(weight_views(theta, input_size, layers), layers):
        # torch.nn.Linear computes x @ weight.T + bias with weight (out, in) = w.T.
        z = F.linear(a, w.t(), b)
        a = activation_function(entry)(z)
        zs.append(z)
        activations.append(a)
    return zs, activations


def data_loss(loss, z, a, y, delta=None):
    """The mean data loss. z are the output logits, a the output activations."""
    if loss == "MeanSquaredError":
        return F.mse_loss(a, y)
    if loss == "MeanAbsoluteError":
        return F.l1_loss(a, y)
    if loss == "Huber":
        return F.huber_loss(a, y, delta=delta)
    if loss == "BinaryCrossEntropy":
        return F.binary_cross_entropy_with_logits(z, y)  # sigmoid fused into the loss
    if loss == "SoftmaxCrossEntropy":
        return -(y * F.log_softmax(z, dim=1)).sum(dim=1).mean()  # softmax fused into the loss
    if loss == "Hinge":
        return torch.clamp(1 - y * a, min=0).mean()
    if loss == "Logistic":
        return F.soft_margin_loss(a, y)  # mean of log(1 + exp(-y f))
    raise ValueError(loss)


REQUIRED_OUTPUT = {
    "BinaryCrossEntropy": "Sigmoid",
    "SoftmaxCrossEntropy": "Softmax",
    "Hinge": "Linear",
    "Logistic": "Linear",
}


# ----------------------------------------------------------------------------------------------
# losses.json
# ----------------------------------------------------------------------------------------------

def draw_targets(kind, outputs, rows=BATCH):
    """Targets of the given kind, drawn from the global (seeded) torch generator."""
    shape = (rows, outputs)
    if kind == "normal":  # regression targets for a Linear output
        return torch.randn(shape)
    if kind == "unit":  # regression / BCE targets in [0, 1]
        return torch.rand(shape)
    if kind == "binary":  # hard 0/1 BCE targets
        return torch.randint(0, 2, shape).to(torch.float32)
    if kind == "sign":  # -1/+1 labels for Hinge and Logistic
        return torch.randint(0, 2, shape).to(torch.float32) * 2 - 1
    if kind == "onehot":
        return F.one_hot(torch.randint(0, outputs, (rows,)), outputs).to(torch.float32)
    if kind == "soft":  # probability rows
        return torch.softmax(torch.randn(shape) * 1.5, dim=1)
    raise ValueError(kind)


def well_defined(spec, theta, x, y):
    """True when no quantity sits on a kink, so torch's gradient is the unique derivative,
    and the data exercise both branches of the piecewise losses."""
    with torch.no_grad():
        zs, activations = forward(theta, x, spec["input_size"], spec["layers"])
        for z, entry in zip(zs, spec["layers"]):
            if entry["activation"] in ("ReLU", "LeakyReLU", "ELU"):
                if z.abs().min() < KINK_MARGIN:
                    return False
                if not (z > 0).any() or not (z < 0).any():
                    return False
        a = activations[-1]
        loss = spec["loss"]
        if loss == "MeanAbsoluteError" and (a - y).abs().min() < KINK_MARGIN:
            return False
        if loss == "Huber":
            r = (a - y).abs()
            delta = spec["delta"]
            if (r - delta).abs().min() < KINK_MARGIN:
                return False
            if (r < delta).sum() < 2 or (r > delta).sum() < 2:  # both quadratic and linear parts
                return False
        if loss == "Hinge":
            margin = 1 - y * a
            if margin.abs().min() < KINK_MARGIN:
                return False
            if (margin > 0).sum() < 2 or (margin < 0).sum() < 2:  # active and inactive terms
                return False
        if loss in ("BinaryCrossEntropy", "Hinge", "Logistic") and spec["targets_kind"] in ("binary", "sign"):
            if y.max() == y.min():
                return False
        if spec.get("l1", 0.0) > 0:  # |w| has a kink at 0
            for w, _ in weight_views(theta, spec["input_size"], spec["layers"]):
                if w.abs().min() < KINK_MARGIN:
                    return False
    return True


def loss_case(name, input_size, layers, loss, targets, delta=None, l1=0.0, l2=0.0, large_logits=False):
    """Build one losses.json case: draw data until well defined, then evaluate with autograd."""
    if loss in REQUIRED_OUTPUT and layers[-1]["activation"] != REQUIRED_OUTPUT[loss]:
        raise ValueError(f"{name}: {loss} needs a {REQUIRED_OUTPUT[loss]} output layer")
    spec = {"input_size": input_size, "layers": layers, "loss": loss, "targets_kind": targets,
            "delta": delta, "l1": l1, "l2": l2}
    shapes, count = layer_shapes(input_size, layers)
    seed = seed_of(name)
    torch.manual_seed(seed)
    for _ in range(1000):
        theta = torch.randn(count) * 0.5
        x = torch.randn(BATCH, input_size)
        y = draw_targets(targets, layers[-1]["units"])
        if large_logits:
            # Scale the last layer (weights and biases) so the largest |logit| is LARGE_LOGIT.
            with torch.no_grad():
                logits = forward(theta, x, input_size, layers)[0][-1]
                fan_in, units, offset = shapes[-1]
                end = offset + fan_in * units + units
                theta[offset:end] *= LARGE_LOGIT / logits.abs().max()
        if well_defined(spec, theta, x, y):
            break
    else:
        raise RuntimeError(f"{name}: could not draw well-defined data")

    theta = theta.clone().requires_grad_(True)
    zs, activations = forward(theta, x, input_size, layers)
    data = data_loss(loss, zs[-1], activations[-1], y, delta)
    penalty = torch.zeros((), dtype=torch.float32)
    for w, _ in weight_views(theta, input_size, layers):  # weights only, never biases
        if l1:
            penalty = penalty + l1 * w.abs().sum()
        if l2:
            penalty = penalty + l2 * (w * w).sum()
    total = data + penalty
    total.backward()

    case = {"name": name, "seed": seed, "input_size": input_size, "layers": layers, "loss": loss}
    if delta is not None:
        case["delta"] = delta
    if l1 or l2:
        case["l1"] = float(l1)
        case["l2"] = float(l2)
    case.update({
        "batch": BATCH,
        "parameters": floats(theta),
        "inputs": floats(x),
        "targets": floats(y),
        "data_loss": float(data),
        "penalty": float(penalty),
        "total_loss": float(total),  # "loss" already names the loss function
        "gradients": floats(theta.grad),
    })
    if large_logits:
        print(f"  {name}: max |logit| = {float(zs[-1].abs().max()):.3f}")
    return case


HIDDEN_ACTIVATIONS = [
    ("linear", layer(5, "Linear")),
    ("sigmoid", layer(5, "Sigmoid")),
    ("tanh", layer(5, "Tanh")),
    ("relu", layer(5, "ReLU")),
    ("leaky_relu", layer(5, "LeakyReLU")),
    ("elu", layer(5, "ELU")),
    ("softplus", layer(5, "Softplus")),
    ("gelu", layer(5, "GELU")),
    ("silu", layer(5, "SiLU")),
    ("leaky_relu_0.2", layer(5, "LeakyReLU", negative_slope=0.2)),
    ("elu_0.5", layer(5, "ELU", alpha=0.5)),
]


def loss_cases():
    tanh5 = layer(5, "Tanh")
    out = lambda activation: layer(4, activation)  # noqa: E731 - the 4-unit output layer
    cases = [
        # Every loss with a 3 -> 5 Tanh -> 4 network.
        loss_case("mse_linear", 3, [tanh5, out("Linear")], "MeanSquaredError", "normal"),
        loss_case("mse_sigmoid", 3, [tanh5, out("Sigmoid")], "MeanSquaredError", "unit"),
        loss_case("mae_linear", 3, [tanh5, out("Linear")], "MeanAbsoluteError", "normal"),
        loss_case("mae_sigmoid", 3, [tanh5, out("Sigmoid")], "MeanAbsoluteError", "unit"),
        loss_case("huber_delta1_linear", 3, [tanh5, out("Linear")], "Huber", "normal", delta=1.0),
        loss_case("huber_delta0.5_linear", 3, [tanh5, out("Linear")], "Huber", "normal", delta=0.5),
        loss_case("huber_delta0.5_sigmoid", 3, [tanh5, out("Sigmoid")], "Huber", "unit", delta=0.5),
        loss_case("bce", 3, [tanh5, out("Sigmoid")], "BinaryCrossEntropy", "unit"),
        loss_case("bce_binary_targets", 3, [tanh5, out("Sigmoid")], "BinaryCrossEntropy", "binary"),
        loss_case("bce_large_logits", 3, [tanh5, out("Sigmoid")], "BinaryCrossEntropy", "binary",
                  large_logits=True),
        loss_case("softmax_ce_onehot", 3, [tanh5, out("Softmax")], "SoftmaxCrossEntropy", "onehot"),
        loss_case("softmax_ce_soft_targets", 3, [tanh5, out("Softmax")], "SoftmaxCrossEntropy", "soft"),
        loss_case("softmax_ce_large_logits", 3, [tanh5, out("Softmax")], "SoftmaxCrossEntropy", "onehot",
                  large_logits=True),
        loss_case("hinge", 3, [tanh5, out("Linear")], "Hinge", "sign"),
        loss_case("logistic", 3, [tanh5, out("Linear")], "Logistic", "sign"),
    ]
    # Every hidden activation, with a regression and a classification loss.
    for tag, hidden in HIDDEN_ACTIVATIONS:
        cases.append(loss_case(f"hidden_{tag}_mse", 3, [hidden, out("Linear")], "MeanSquaredError", "normal"))
        cases.append(loss_case(f"hidden_{tag}_softmax_ce", 3, [hidden, out("Softmax")],
                               "SoftmaxCrossEntropy", "onehot"))
    # Regularisation (weights only), added to the data loss.
    cases += [
        loss_case("l1_mse", 3, [tanh5, out("Linear")], "MeanSquaredError", "normal", l1=0.01),
        loss_case("l2_mse", 3, [tanh5, out("Linear")], "MeanSquaredError", "normal", l2=0.02),
        loss_case("elastic_net_mse", 3, [tanh5, out("Linear")], "MeanSquaredError", "normal", l1=0.01, l2=0.02),
        loss_case("elastic_net_softmax_ce", 3, [layer(5, "ReLU"), out("Softmax")], "SoftmaxCrossEntropy",
                  "onehot", l1=0.005, l2=0.05),
        # Two hidden layers, to exercise back-propagation through more than one layer.
        loss_case("deep_relu_gelu_mse", 3, [layer(6, "ReLU"), layer(5, "GELU"), layer(2, "Linear")],
                  "MeanSquaredError", "normal"),
        loss_case("deep_elastic_net_softmax_ce", 4,
                  [layer(6, "ELU", alpha=0.5), layer(5, "LeakyReLU", negative_slope=0.2), layer(3, "Softmax")],
                  "SoftmaxCrossEntropy", "soft", l1=0.01, l2=0.01),
    ]
    return cases


# ----------------------------------------------------------------------------------------------
# optimizers.json
# ----------------------------------------------------------------------------------------------

OPT_INPUT_SIZE = 3
OPT_LAYERS = [layer(4, "Tanh"), layer(2, "Linear")]
OPT_STEPS = 5
OPT_SEED = seed_of("optimizers")

# PyTorch 1.13's default hyper-parameters, in the fixture's names. make_optimizer checks them
# against the param_group torch actually builds, so a mismatch cannot slip through.
# SGD has no default lr in torch, so every SGD case sets one.
OPT_DEFAULTS = {
    "SGD": {"lr": None, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0, "nesterov": False},
    "Adagrad": {"lr": 0.01, "lr_decay": 0.0, "weight_decay": 0.0, "initial_accumulator_value": 0.0,
                "eps": 1e-10},
    "Adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.0},
    "RMSprop": {"lr": 0.01, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0, "momentum": 0.0,
                "centered": False},
    "Adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0, "amsgrad": False},
    "AdamW": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01, "amsgrad": False},
}

OPT_CASES = [
    ("sgd_defaults_lr0.1", "SGD", {"lr": 0.1}),
    ("sgd_momentum", "SGD", {"lr": 0.1, "momentum": 0.9}),
    ("sgd_nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("sgd_momentum_dampening", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1}),
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "weight_decay": 0.01}),
    # Nesterov's look-ahead must use the gradient with weight decay added: weight decay 0.1 makes that term a sizeable
    # part of each step, so a look-ahead on the bare gradient shows at the first step.
    ("sgd_nesterov_weight_decay", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}),
    ("adagrad_defaults", "Adagrad", {}),
    ("adagrad_custom", "Adagrad", {"lr": 0.05, "lr_decay": 0.01, "initial_accumulator_value": 0.1,
                                   "weight_decay": 0.01}),
    ("adadelta_defaults", "Adadelta", {}),
    ("adadelta_custom", "Adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-5, "weight_decay": 0.01}),
    ("rmsprop_defaults", "RMSprop", {}),
    ("rmsprop_custom", "RMSprop", {"lr": 0.01, "alpha": 0.9, "eps": 1e-6}),
    ("rmsprop_centered", "RMSprop", {"centered": True}),
    ("rmsprop_momentum", "RMSprop", {"momentum": 0.9}),
    ("rmsprop_centered_momentum_weight_decay", "RMSprop", {"centered": True, "momentum": 0.9,
                                                           "weight_decay": 0.01}),
    ("adam_defaults", "Adam", {}),
    ("adam_custom", "Adam", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6}),
    ("adam_weight_decay", "Adam", {"weight_decay": 0.01}),
    ("adam_amsgrad", "Adam", {"amsgrad": True}),
    # With beta2 = 0.999 the second moment almost only grows over five steps, so AMSGrad's running
    # maximum rarely differs from it; beta2 = 0.5 makes the maximum take effect in most entries.
    ("adam_amsgrad_beta2_0.5", "Adam", {"amsgrad": True, "lr": 0.01, "beta2": 0.5}),
    ("adamw_defaults", "AdamW", {}),
    ("adamw_custom", "AdamW", {"lr": 0.01, "weight_decay": 0.1}),
]


def full_hyper(optimizer, overrides):
    """All hyper-parameters of a case: torch's defaults with the overrides applied."""
    hyper = dict(OPT_DEFAULTS[optimizer])
    unknown = set(overrides) - set(hyper)
    if unknown:
        raise ValueError(f"unknown {optimizer} hyper-parameters {unknown}")
    hyper.update(overrides)
    return {k: (v if isinstance(v, bool) else float(v)) for k, v in hyper.items()}


def make_optimizer(optimizer, hyper, params):
    """The torch.optim optimizer for the hyper-parameters, on the single-tensor (foreach=False) path."""
    kwargs = {k: v for k, v in hyper.items() if k not in ("beta1", "beta2")}
    if "beta1" in hyper:
        kwargs["betas"] = (hyper["beta1"], hyper["beta2"])
    opt = getattr(torch.optim, optimizer)(params, foreach=False, **kwargs)
    group = opt.param_groups[0]
    for k, v in kwargs.items():  # torch really uses what the fixture says
        assert group[k] == v, (optimizer, k, group[k], v)
    assert group["foreach"] is False and not group.get("maximize", False)
    return opt


def optimizer_cases():
    _, count = layer_shapes(OPT_INPUT_SIZE, OPT_LAYERS)
    outputs = OPT_LAYERS[-1]["units"]
    torch.manual_seed(OPT_SEED)
    initial = torch.randn(count) * 0.5
    batches = [(torch.randn(BATCH, OPT_INPUT_SIZE), torch.randn(BATCH, outputs)) for _ in range(OPT_STEPS)]

    cases = []
    for name, optimizer, overrides in OPT_CASES:
        hyper = full_hyper(optimizer, overrides)
        theta = initial.clone().requires_grad_(True)
        opt = make_optimizer(optimizer, hyper, [theta])
        losses, after = [], []
        amsgrad_active = 0  # steps in which AMSGrad's maximum differed from the second moment
        for x, y in batches:
            opt.zero_grad()
            zs, activations = forward(theta, x, OPT_INPUT_SIZE, OPT_LAYERS)
            loss = data_loss("MeanSquaredError", zs[-1], activations[-1], y)
            loss.backward()
            opt.step()
            losses.append(float(loss))
            after.append(floats(theta))
            if hyper.get("amsgrad"):
                state = opt.state[theta]
                amsgrad_active += bool((state["max_exp_avg_sq"] > state["exp_avg_sq"]).any())
        if hyper.get("amsgrad"):
            print(f"  {name}: AMSGrad maximum took effect in {amsgrad_active} of {OPT_STEPS} steps")
        cases.append({
            "name": name,
            "optimizer": optimizer,
            "hyper": hyper,
            "input_size": OPT_INPUT_SIZE,
            "layers": OPT_LAYERS,
            "loss": "MeanSquaredError",
            "batch": BATCH,
            "parameters": floats(initial),
            "batches": [{"inputs": floats(x), "targets": floats(y)} for x, y in batches],
            "losses": losses,
            "parameters_after": after,
        })
    return cases


# ----------------------------------------------------------------------------------------------
# activations.json
# ----------------------------------------------------------------------------------------------

def activation_z_values():
    """41 points from -8 to 8 in steps of 0.4, plus +-30 and +-100, each rounded to the nearest
    float32 so a float32 operator sees exactly the z the float64 reference was computed at."""
    grid = [(i - 20) * 0.4 for i in range(41)]
    values = sorted([-100.0, -30.0] + grid + [30.0, 100.0])
    return torch.tensor(values, dtype=torch.float32).to(torch.float64)


# Float64 forms whose autograd derivative keeps full RELATIVE precision in the saturated tails.
# Torch's own float64 kernels are accurate to ~1e-16 in absolute terms, but some lose relative
# precision where the value or derivative is tiny: sigmoid'(z) = s(1 - s) is 1e-3 off at z = 30
# and 0 at z = 100; tanh'(z) = 1 - t^2 is 0 at |z| = 30 instead of 3.5e-26; F.gelu's
# 0.5 z (1 + erf(z / sqrt 2)) is 2% off at z = -8 and 0 at z = -30; softplus returns z above
# its threshold of 20. A careful float32 operator can get these tiny values right, so the
# reference must too. activation_entries checks that these forms agree with torch's built-ins.
# (Both branches of each torch.where are finite for |z| <= 100 in float64.)

def sigmoid_float64(z):
    return torch.where(z >= 0, 1 / (1 + torch.exp(-z)), torch.exp(z) / (1 + torch.exp(z)))


def tanh_float64(z):
    return torch.where(z >= 0, 1 - 2 / (torch.exp(2 * z) + 1), 2 / (torch.exp(-2 * z) + 1) - 1)


def softplus_float64(z):
    return torch.where(z >= 0, z + torch.log1p(torch.exp(-z)), torch.log1p(torch.exp(z)))


def gelu_float64(z):
    """Exact GELU, z * Phi(z), written with erfc, which does not cancel for z << 0."""
    return 0.5 * z * torch.special.erfc(-z / math.sqrt(2.0))


ACCURATE_FORMS = {"Sigmoid": sigmoid_float64, "Tanh": tanh_float64, "Softplus": softplus_float64,
                  "GELU": gelu_float64}


def value_and_derivative(fn, z_values):
    """fn(z) and dfn/dz by autograd. Each output depends only on its own z, so the gradient of
    the sum is the elementwise derivative."""
    z = z_values.clone().requires_grad_(True)
    value = fn(z)
    value.sum().backward()
    return value.detach(), z.grad


ACTIVATION_ENTRIES = [
    ("Linear", {}),
    ("Sigmoid", {}),
    ("Tanh", {}),
    ("ReLU", {}),
    ("LeakyReLU", {"negative_slope": 0.01}),
    ("LeakyReLU", {"negative_slope": 0.2}),
    ("ELU", {"alpha": 1.0}),
    ("ELU", {"alpha": 0.5}),
    ("Softplus", {}),
    ("GELU", {}),
    ("SiLU", {}),
]


def activation_entries():
    entries = []
    z_values = activation_z_values()
    for name, params in ACTIVATION_ENTRIES:
        builtin = activation_function({"activation": name, **params})
        value, derivative = value_and_derivative(ACCURATE_FORMS.get(name, builtin), z_values)
        # Whatever form was used, it must agree with torch's own float64 kernels up to their
        # absolute accuracy.
        check_value, check_derivative = value_and_derivative(builtin, z_values)
        assert torch.allclose(value, check_value, rtol=1e-13, atol=1e-15), name
        assert torch.allclose(derivative, check_derivative, rtol=1e-13, atol=1e-15), name
        assert torch.isfinite(value).all() and torch.isfinite(derivative).all(), name
        entry = {"activation": name}
        entry.update({k: float(v) for k, v in params.items()})
        entry.update({"z": floats(z_values), "value": floats(value), "derivative": floats(derivative)})
        entries.append(entry)
    return entries


# ----------------------------------------------------------------------------------------------

def main():
    if not torch.__version__.startswith("1.13"):
        print(f"warning: fixtures are defined against PyTorch 1.13, running {torch.__version__}",
              file=sys.stderr)
    torch.set_num_threads(1)  # deterministic reductions, and polite to concurrent builds
    torch.set_default_dtype(torch.float32)
    os.makedirs(OUT_DIR, exist_ok=True)
    write_json("losses.json", loss_cases())
    write_json("optimizers.json", optimizer_cases())
    write_json("activations.json", activation_entries())


if __name__ == "__main__":
    main()
