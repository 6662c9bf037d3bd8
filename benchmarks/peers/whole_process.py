"""The python side of the whole-process rows: a fresh python3 that reads the CSV with pandas, standardises it and
fits scikit-learn's LogisticRegression (C = 1, its defaults), then exits. Usage: whole_process.py CSV"""

import sys

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

frame = pd.read_csv(sys.argv[1])
labels = frame.pop("label").to_numpy()
features = StandardScaler().fit_transform(frame.to_numpy(dtype=float))
model = LogisticRegression(C=1.0).fit(features, labels)
print("training accuracy %.4f" % model.score(features, labels))
