"""The float64 optimum of L2 logistic regression on heart_scale, as Soma's tests compare against.

J(w, b) = mean log loss + (lam/2) |w|^2 with lam = 1/n (scikit-learn's C = 1), the bias b not penalised, the features
as the file holds them (no standardisation). Solved with scipy's L-BFGS-B to a gradient norm below 1e-10, and
cross-checked with scikit-learn's LogisticRegression(C=1, tol=1e-12). Run with a Python that has numpy, scipy and
scikit-learn: python3 datasets/heart_scale/reference.py
"""
import json
import os
import sys

import numpy as np
from scipy.optimize import minimize
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))


def objective(theta, X, s, lam):
    """J and its gradient; s = +1/-1 labels, theta = (w, b)."""
    w, b = theta[:-1], theta[-1]
    margin = s * (X @ w + b)
    # log(1 + exp(-m)), stable for both signs
    loss = np.logaddexp(0.0, -margin)
    n = X.shape[0]
    J = loss.mean() + 0.5 * lam * (w @ w)
    # d/dm log(1 + exp(-m)) = -1 / (1 + exp(m))
    g_margin = -np.exp(-np.logaddexp(0.0, margin)) * s / n
    grad = np.empty_like(theta)
    grad[:-1] = X.T @ g_margin + lam * w
    grad[-1] = g_margin.sum()
    return J, grad


def solve(X, s, lam):
    d = X.shape[1]
    result = minimize(objective, np.zeros(d + 1), args=(X, s, lam), jac=True, method="L-BFGS-B",
                      options={"maxiter": 100000, "maxcor": 30, "ftol": 0.0, "gtol": 1e-13})
    theta = result.x
    # Newton polish: the objective is smooth and strictly convex, two steps take the gradient to rounding level.
    for _ in range(3):
        w, b = theta[:-1], theta[-1]
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        weight = p * (1 - p) / X.shape[0]
        Z = np.hstack([X, np.ones((X.shape[0], 1))])
        H = Z.T @ (Z * weight[:, None])
        H[:d, :d] += lam * np.eye(d)
        _, g = objective(theta, X, s, lam)
        theta = theta - np.linalg.solve(H, g)
    J, g = objective(theta, X, s, lam)
    return theta, J, np.linalg.norm(g), result


def main():
    path = os.path.join(HERE, "heart_scale")
    X, y = load_svmlight_file(path)
    X = X.toarray()
    n, d = X.shape
    s = np.where(y > 0, 1.0, -1.0)
    lam = 1.0 / n
    theta, J, gnorm, lbfgs = solve(X, s, lam)
    w, b = theta[:-1], theta[-1]
    margin = s * (X @ w + b)
    logloss = np.logaddexp(0.0, -margin).mean()
    accuracy = float(np.mean(margin > 0))

    sk = LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit(X, y)
    # scikit-learn's +1 is its class 1; its objective is the same as ours times n.
    sk_theta = np.concatenate([sk.coef_[0], sk.intercept_])
    sk_J, _ = objective(sk_theta, X, s, lam)
    sk_logloss = np.logaddexp(0.0, -s * (X @ sk.coef_[0] + sk.intercept_[0])).mean()

    # The same optimum on the features rounded to float32, as Soma holds them.
    X32 = X.astype(np.float32).astype(np.float64)
    theta32, J32, _, _ = solve(X32, s, lam)
    logloss32 = np.logaddexp(0.0, -s * (X32 @ theta32[:-1] + theta32[-1])).mean()

    out = {
        "n": n, "features": d, "lam": lam,
        "train_mean_logloss": logloss, "objective": J, "gradient_norm": gnorm, "train_accuracy": accuracy,
        "lbfgs_iterations": int(lbfgs.nit), "lbfgs_gradient_norm": float(np.linalg.norm(lbfgs.jac)),
        "sklearn_logloss": sk_logloss, "sklearn_objective": sk_J,
        "sklearn_logloss_difference": abs(sk_logloss - logloss),
        "float32_features_logloss": logloss32, "float32_features_objective": J32,
        "weights": w.tolist(), "bias": b,
    }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
