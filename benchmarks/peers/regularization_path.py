"""The regularisation path (issue 19) in scikit-learn: the C that LogisticRegressionCV chooses, and the mean
held-out log loss of every C, on the folds Soma made (engine/src/test/resources/select/*_folds.csv, written by
Folds.stratified(data, 5, 0).write). RegularizationPathTest holds the figures this prints, so it runs without Python.

Run with a python3 that has scikit-learn and pandas:  /usr/bin/python3 benchmarks/peers/regularization_path.py

The problem is Soma's: numeric columns standardised with the training fold's mean and population standard deviation,
categorical columns one-hot (not scaled; Soma's Standardizer leaves one-hot features alone), the bias not penalised,
C = 1/(λ·n) on the n rows of each fit (RegularizationPath.ofC). The solver's tolerance is tight, so that both land on
the optimum of every fit rather than on where a loose tolerance stops.
"""

import json
import os

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegressionCV
from sklearn.model_selection import PredefinedSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CS = np.logspace(-3, 2, 20)
TABLES = [("breast_cancer", "label"), ("credit_g", "class")]


def run(name, label):
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name, "train.csv"), keep_default_na=False)
    y = frame.pop(label).to_numpy()
    folds = pd.read_csv(os.path.join(ROOT, "engine/src/test/resources/select", name + "_folds.csv"))
    assert list(folds["row"]) == list(range(len(y)))
    numeric = [c for c in frame.columns if frame[c].dtype.kind in "if"]
    categorical = [c for c in frame.columns if c not in numeric]
    transform = ColumnTransformer([("numeric", StandardScaler(), numeric),
                                   ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical)])
    # The standardiser inside the model's cross-validation would need a pipeline per fold; LogisticRegressionCV
    # takes one matrix. So do its work by hand per fold, as it does: a path over CS warm-started, scored on the
    # held-out fold, and check against LogisticRegressionCV on already-standardised data below.
    split = PredefinedSplit(folds["fold"].to_numpy())
    losses = np.zeros((split.get_n_splits(), len(CS)))
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    for f, (train, test) in enumerate(split.split()):
        x_train = transform.fit_transform(frame.iloc[train])
        x_test = transform.transform(frame.iloc[test])
        model = LogisticRegression(tol=1e-10, max_iter=100_000, warm_start=True)
        for i, c in enumerate(CS):
            model.set_params(C=c).fit(x_train, y[train])
            losses[f, i] = log_loss(y[test], model.predict_proba(x_test), labels=model.classes_)
    means = losses.mean(axis=0)
    best = int(np.argmin(means))
    # LogisticRegressionCV itself, in a pipeline (its scaler fitted once on all rows: a little leakage, which the
    # hand-made loop above does not have); it should choose the same C.
    cv = make_pipeline(transform, LogisticRegressionCV(Cs=CS, cv=split, scoring="neg_log_loss", tol=1e-10,
                                                       max_iter=100_000)).fit(frame, y)
    return {"table": name, "rows": len(y), "Cs": list(CS), "meanLogLoss": list(means), "bestIndex": best,
            "bestC": CS[best], "logisticRegressionCV_C": float(cv[-1].C_[0])}


def main():
    results = [run(name, label) for name, label in TABLES]
    print(json.dumps(results, indent=1))
    for r in results:
        print("// %s: best C %.10g (index %d); LogisticRegressionCV chose C %.10g" % (
            r["table"], r["bestC"], r["bestIndex"], r["logisticRegressionCV_C"]))
        print("{" + ", ".join("%.10f" % v for v in r["meanLogLoss"]) + "}")


if __name__ == "__main__":
    main()
