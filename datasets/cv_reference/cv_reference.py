"""Issue 19: scikit-learn's 5-fold cross-validated log loss on the folds Soma deals, recorded once for Soma's tests.

Run with a python3 that has scikit-learn, pandas and numpy (on the project machine /usr/bin/python3) from the
repository root:

    /usr/bin/python3 datasets/cv_reference/cv_reference.py > datasets/cv_reference/reference.json

The folds are the files beside this script, written by Soma (seed 0, stratified):

    ./soma cv --data datasets/breast_cancer/train.csv --folds 5 --l2 0.002 --folds-out datasets/cv_reference/breast_cancer_folds.csv
    ./soma cv --data datasets/credit_g/train.csv --label class --folds 5 --l2 0.002 --folds-out datasets/cv_reference/credit_g_folds.csv

Each fold trains scikit-learn's LogisticRegression (lbfgs, tol 1e-10) behind the preprocessing Soma learns inside
the fold: StandardScaler on the numeric columns, and for credit_g OneHotEncoder(handle_unknown='ignore') on the
others (an empty cell would be a level of its own: keep_default_na=False), one-hot columns left 0/1. Soma minimises
mean log loss + (λ/2)‖w‖² (bias free), so the same optimum is scikit-learn's C = 1/(λ·n) with n the fold's training
rows, which differs between folds (364 or 365 rows): the estimator below sets C from λ at each fit, so that
cross_val_score with PredefinedSplit runs Soma's folds unchanged. Scored by neg_log_loss.
"""

import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import PredefinedSplit, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.dirname(HERE)
L2 = 0.002


class PenalisedLogistic(BaseEstimator, ClassifierMixin):
    """Logistic regression with Soma's penalty λ: C = 1 / (λ · n) for the n rows it is fitted on."""

    def __init__(self, lam=1.0):
        self.lam = lam

    def fit(self, x, y):
        self.model_ = LogisticRegression(C=1.0 / (self.lam * x.shape[0]), tol=1e-10, max_iter=100000)
        self.model_.fit(x, y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, x):
        return self.model_.predict_proba(x)

    def predict(self, x):
        return self.model_.predict(x)


def folds(name):
    frame = pd.read_csv(os.path.join(HERE, name + "_folds.csv"))
    return frame.sort_values("row")["fold"].to_numpy()


def cross_validated(name, label, table):
    frame = pd.read_csv(os.path.join(DATASETS, name, "train.csv"), keep_default_na=not table)
    y = frame.pop(label).to_numpy()
    if table:
        numeric = [c for c in frame.columns if frame[c].dtype.kind in "if"]
        categorical = [c for c in frame.columns if c not in numeric]
        pre = ColumnTransformer([("numeric", StandardScaler(), numeric),
                                 ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical)])
    else:
        pre = StandardScaler()
    pipeline = Pipeline([("preprocess", pre), ("logistic", PenalisedLogistic(lam=L2))])
    scores = -cross_val_score(pipeline, frame, y, cv=PredefinedSplit(folds(name)), scoring="neg_log_loss")
    return {"l2": L2, "folds": [float(s) for s in scores], "mean": float(np.mean(scores)),
            "sd": float(np.std(scores))}


def main():
    import sklearn
    out = {"scikit-learn": sklearn.__version__,
           "breast_cancer": cross_validated("breast_cancer", "label", False),
           "credit_g": cross_validated("credit_g", "class", True)}
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
