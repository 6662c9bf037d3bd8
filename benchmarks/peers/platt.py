#!/usr/bin/env python3
"""Reference values for Soma's Platt scaling and reliability table (engine PlattScalingTest): scikit-learn's sigmoid
calibration (the one CalibratedClassifierCV(method="sigmoid") fits) and calibration_curve, on held-out scores made by
a formula that PlattScalingTest computes the same way. Run with the Debian python that has scikit-learn:

    /usr/bin/python3 benchmarks/peers/platt.py

and copy the printed numbers into PlattScalingTest if the formula changes."""
import math

import numpy as np
from sklearn.calibration import _sigmoid_calibration, calibration_curve


def scores_and_classes(n=300):
    """Scores spread over [-4.5, 4.5]; the class is 1 with probability sigmoid(1.7 z - 0.4), decided by a fixed
    pseudo-random number in [0, 1) per example (the fractional part of sin(12.9898 i) * 43758.5453)."""
    z = np.empty(n)
    y = np.empty(n, dtype=int)
    for i in range(n):
        z[i] = 4 * math.sin(0.37 * i) + 0.5 * math.cos(1.3 * i)
        u = math.sin(12.9898 * i) * 43758.5453
        u -= math.floor(u)
        y[i] = 1 if u < 1 / (1 + math.exp(-(1.7 * z[i] - 0.4))) else 0
    return z, y


z, y = scores_and_classes()
a, b = _sigmoid_calibration(z, y)
print(f"positives {y.sum()} of {len(y)}")
print(f"a = {a:.10f}")
print(f"b = {b:.10f}")
p = 1 / (1 + np.exp(a * z + b))
true, predicted = calibration_curve(y, p, n_bins=10, strategy="uniform")
print("fraction positive per non-empty bin:", ", ".join(f"{v:.10f}" for v in true))
print("mean predicted per non-empty bin:   ", ", ".join(f"{v:.10f}" for v in predicted))
