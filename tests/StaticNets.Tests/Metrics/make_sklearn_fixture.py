#!/usr/bin/python3
"""Write SklearnFixture.cs: cases scored by scikit-learn, for the C# metrics tests to compare against.

Regenerate from the repository root with Debian's python3-sklearn (1.2) and python3-numpy:

    /usr/bin/python3 tests/StaticNets.Tests/Metrics/make_sklearn_fixture.py

The script is seeded and formats its own output, so a rerun gives a byte-identical file. If you edit it,
regenerate and commit both files. The tests only read the generated C#: they need neither Python nor sklearn.

For each case it records the inputs (output rows or predicted classes, labels, class names) and what
scikit-learn computes from them with labels=range(classes) and zero_division=0 (the value sklearn's
default "warn" also uses): confusion_matrix, precision_recall_fscore_support per class and averaged
(macro, weighted), accuracy_score, and the text of classification_report(digits=4).
"""

import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    precision_recall_fscore_support,
)

OUT_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "SklearnFixture.cs")

FASHION_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def fashion_case(rng):
    """300 samples of 10 classes. Outputs are small integers, so rows often tie and argmax must take the first."""
    samples, classes = 300, len(FASHION_NAMES)
    labels = rng.integers(0, classes, size=samples)
    outputs = rng.integers(0, 4, size=(samples, classes)).astype(np.float32)
    # Favour the true class in about two rows of three, so the scores are neither all low nor all high.
    boost = rng.random(samples) < 0.65
    outputs[np.arange(samples)[boost], labels[boost]] += 2.0
    predictions = np.argmax(outputs, axis=1)  # ties go to the lowest index
    return dict(name="FashionWithTies", classes=classes, names=FASHION_NAMES,
                outputs=outputs, labels=labels, predictions=predictions)


def edge_case(rng):
    """Zero divisions, a long class name and a rounding tie.

    Class 2 is never predicted (precision 0/0), class 3 never occurs in the labels (recall 0/0), and
    class 0 is predicted 32 times with 1 hit, so its precision is exactly 1/32 = 0.03125, which rounds
    to 0.0312 (ties to even). Every class is labelled or predicted, so sklearn prints "accuracy".
    """
    pairs = []  # (label, prediction)
    pairs += [(0, 0)] * 1 + [(1, 0)] * 31          # column 0: 32 predictions, 1 correct
    pairs += [(1, 1)] * 5 + [(0, 1)] * 2            # column 1
    pairs += [(2, 1)] * 3 + [(2, 4)] * 4            # class 2: labelled 7 times, never predicted
    pairs += [(0, 3)] * 2 + [(4, 3)] * 1            # class 3: predicted 3 times, never labelled
    pairs += [(4, 4)] * 6 + [(0, 4)] * 1
    order = rng.permutation(len(pairs))
    labels = np.array([pairs[k][0] for k in order])
    predictions = np.array([pairs[k][1] for k in order])
    names = ["alpha", "beta", "never predicted", "never labelled", "e"]
    return dict(name="ZeroDivisionsAndTie", classes=5, names=names,
                outputs=None, labels=labels, predictions=predictions)


def score(case):
    classes = case["classes"]
    labels, predictions = case["labels"], case["predictions"]
    all_classes = list(range(classes))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # zero_division=0 must silence every ill-defined warning
        p, r, f, s = precision_recall_fscore_support(labels, predictions, labels=all_classes, average=None, zero_division=0)
        macro = precision_recall_fscore_support(labels, predictions, labels=all_classes, average="macro", zero_division=0)
        weighted = precision_recall_fscore_support(labels, predictions, labels=all_classes, average="weighted", zero_division=0)
        report = classification_report(labels, predictions, labels=all_classes, target_names=case["names"],
                                       digits=4, zero_division=0)
    assert " accuracy " in report, report  # not "micro avg": the C# report always prints accuracy
    return dict(
        matrix=confusion_matrix(labels, predictions, labels=all_classes),
        accuracy=accuracy_score(labels, predictions),
        precision=p, recall=r, f1=f, support=s,
        macro=macro[:3], weighted=weighted[:3], report=report)


def number(x):
    # repr is the shortest text that parses back to the same double.
    return repr(float(x))


def array(items, per_line):
    """A C# collection expression, wrapped per_line items to a line when it does not fit on one."""
    items = list(items)
    if len(items) <= per_line:
        return "[" + ", ".join(items) + "]"
    pad = "            "
    rows = [pad + ", ".join(items[k:k + per_line]) + "," for k in range(0, len(items), per_line)]
    return "[\n" + "\n".join(rows) + "\n        ]"


def ints(values, per_line=30):
    return array((str(int(v)) for v in values), per_line)


def doubles(values):
    return array((number(v) for v in values), len(values))


def floats(values, per_line):
    # float32 outputs: repr of the double is exact, and the f suffix keeps them float in C#.
    return array((number(v) + "f" for v in values), per_line)


def strings(values):
    return array(('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values), len(values))


def emit_case(case, scores):
    lines = []
    add = lines.append
    add(f"    /// <summary>{case['name']}: {len(case['labels'])} samples, {case['classes']} classes.</summary>")
    add(f"    public static readonly SklearnCase {case['name']} = new(")
    add(f"        Name: \"{case['name']}\",")
    add(f"        ClassCount: {case['classes']},")
    add(f"        ClassNames: {strings(case['names'])},")
    outputs = case["outputs"]
    add(f"        Outputs: {'null' if outputs is None else floats(outputs.reshape(-1), outputs.shape[1])},")
    add(f"        Labels: {ints(case['labels'])},")
    add(f"        Predictions: {ints(case['predictions'])},")
    add(f"        Matrix: {ints(scores['matrix'].reshape(-1), case['classes'])},")
    add(f"        Accuracy: {number(scores['accuracy'])},")
    add(f"        Precision: {doubles(scores['precision'])},")
    add(f"        Recall: {doubles(scores['recall'])},")
    add(f"        F1: {doubles(scores['f1'])},")
    add(f"        Support: {ints(scores['support'])},")
    add(f"        Macro: {doubles(scores['macro'])},")
    add(f"        Weighted: {doubles(scores['weighted'])},")
    add("        Report: \"\"\"")
    for line in scores["report"].split("\n")[:-1]:
        add("            " + line if line else "")
    add("            \"\"\" + \"\\n\");")
    return "\n".join(lines)


def main():
    rng = np.random.default_rng(20241103)
    cases = [fashion_case(rng), edge_case(rng)]
    body = "\n\n".join(emit_case(case, score(case)) for case in cases)
    text = f"""// <auto-generated/>
// Written by make_sklearn_fixture.py (scikit-learn {sklearn.__version__}, NumPy {np.__version__}); do not edit.
// Regenerate: /usr/bin/python3 tests/StaticNets.Tests/Metrics/make_sklearn_fixture.py
#nullable enable

namespace StaticNets.Tests.Metrics;

/// <summary>Cases scored by scikit-learn. Arrays are row-major; Macro and Weighted are (precision, recall, f1).</summary>
public static class SklearnFixture
{{
{body}
}}
"""
    with open(OUT_PATH, "w", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
