"""Tables (issue 16): Soma's table reader and `soma train` on raw tables, side by side with pandas and scikit-learn.

`benchmarks/peers/run tables` starts this with a python3 that has scikit-learn, pandas and numpy (see README.md).
Without a subcommand it runs both parts and prints markdown:

1. whole processes on the real tables: `./soma train --data datasets/credit_g/train.csv --test ... --label class
   --optimizer lbfgs --l2 1/n` against a fresh python3 running `tables.py fit` (pandas read_csv with
   keep_default_na=False, so an empty cell is a level of its own; a ColumnTransformer with StandardScaler on the
   numeric columns and OneHotEncoder(handle_unknown='ignore') on the others; LogisticRegression(C=1), lbfgs, with a
   tolerance tight enough to land on the same optimum), the same for vote; wall time from process start to exit,
   interleaved, and the training log loss each reaches;
2. reading throughput on two generated 500,000-row tables (written to a temporary folder and deleted): whole
   `./soma train ... --epochs 1` processes, pandas read_csv + the scikit-learn encoding in a python process, and
   the JMH `TableReadBenchmark` (TableReader.read against the older CsvDatasetReader) on the very same files.

The subcommands are the children; they can be run alone too.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# The real tables: (folder, label, the reference optimum of the mean training log loss from issue 16).
TABLES = [("credit_g", "class", 0.4428588568), ("vote", "Class", 0.0614617776)]
LARGE_ROWS = 500_000
MIXED_NUMERIC, MIXED_LEVELS = 10, (10, 20, 30, 40, 50)
NUMERIC_COLUMNS = 16


def emit(key, value):
    if isinstance(value, float):
        value = "%.12g" % value
    print("%s=%s" % (key, value), flush=True)


# ----------------------------------------------------------------------------------------------------------------
# Children.

def encoder(frame):
    """The scikit-learn preprocessing a user writes for a raw table: numbers standardised, the rest one-hot."""
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    numeric = [c for c in frame.columns if frame[c].dtype.kind in "if"]
    categorical = [c for c in frame.columns if c not in numeric]
    return ColumnTransformer([("numeric", StandardScaler(), numeric),
                              ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical)]), numeric, categorical


def cmd_fit(args):
    """The whole-process peer of `soma train --test`: read, encode, fit, score, print; timed from outside."""
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    train = pd.read_csv(args.train, keep_default_na=False)
    test = pd.read_csv(args.test, keep_default_na=False)
    y = train.pop(args.label).to_numpy()
    y_test = test.pop(args.label).to_numpy()
    transform, numeric, categorical = encoder(train)
    x = transform.fit_transform(train)
    began = time.perf_counter()
    # C = 1 is lambda = 1/n on the mean loss. scipy's L-BFGS-B stops on ftol (2.2e-9 relative) before this gtol.
    model = LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(x, y)
    fitted = time.perf_counter()
    emit("numeric", len(numeric))
    emit("categorical", len(categorical))
    emit("features", x.shape[1])
    emit("iterations", int(model.n_iter_[0]))
    emit("fit_seconds", fitted - began)
    emit("train_log_loss", log_loss(y, model.predict_proba(x)))
    emit("test_accuracy", model.score(transform.transform(test), y_test))


def cmd_generate(args):
    """The two 500,000-row tables, from a fixed seed: `mixed.csv` (10 numbers, 5 categorical columns of 10-50
    levels, a yes/no label) and `numeric.csv` (16 numbers and a 0/1 label)."""
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(16)
    n = args.rows
    frame = pd.DataFrame({"x%d" % j: rng.standard_normal(n).round(4) for j in range(MIXED_NUMERIC)})
    score = frame["x0"] - 0.5 * frame["x1"]
    for k, levels in enumerate(MIXED_LEVELS):
        codes = rng.integers(0, levels, n)
        frame["c%d" % k] = pd.Categorical.from_codes(codes, ["c%d_level%d" % (k, v) for v in range(levels)])
        score = score + (codes % 3 - 1) * 0.3
    frame["label"] = np.where(rng.random(n) < 1 / (1 + np.exp(-score)), "yes", "no")
    frame.to_csv(os.path.join(args.dir, "mixed.csv"), index=False)
    numbers = pd.DataFrame({"x%d" % j: rng.standard_normal(n).round(5) for j in range(NUMERIC_COLUMNS)})
    numbers["label"] = (rng.random(n) < 1 / (1 + np.exp(-(numbers["x0"] + numbers["x1"])))).astype(int)
    numbers.to_csv(os.path.join(args.dir, "numeric.csv"), index=False)


def cmd_read_encode(args):
    """pandas read_csv, then the ColumnTransformer's fit_transform, timed inside one python process."""
    import pandas as pd
    began = time.perf_counter()
    frame = pd.read_csv(args.csv, keep_default_na=False)
    read = time.perf_counter()
    frame.pop(args.label)
    transform, _, _ = encoder(frame)
    x = transform.fit_transform(frame)
    encoded = time.perf_counter()
    emit("read_seconds", read - began)
    emit("encode_seconds", encoded - read)
    emit("features", x.shape[1])


# ----------------------------------------------------------------------------------------------------------------
# The orchestration.

def median_text(values, unit="s"):
    scale, suffix = {"s": (1, " s"), "ms": (1e3, " ms")}[unit]
    show = lambda v: "%.3g" % (v * scale)  # noqa: E731
    return "%s%s [%s–%s], n = %d" % (show(statistics.median(values)), suffix, show(min(values)), show(max(values)),
                                     len(values))


def orchestrate(args):
    from peers import Runner, machine
    args.large_repeats = 0
    run = Runner(args)
    began = time.perf_counter()
    soma_command = os.path.join(run.root, "soma")

    def step(message):
        print("[%5.0f s] %s" % (time.perf_counter() - began, message), file=sys.stderr, flush=True)

    out = ["## Tables (issue 16): Soma and scikit-learn, same machine, same run", ""] + machine(run.java) + [""]
    if not args.skip_real:
        out += real_tables(run, args, soma_command, step)
    if not args.skip_large:
        out += large_tables(run, args, soma_command, step)
    out.append("Total %.0f s." % (time.perf_counter() - began))
    text = "\n".join(out).rstrip() + "\n"
    with open(os.path.join(run.work, "tables.md"), "w") as results:
        results.write(text)
    print(text)
    step("written to " + os.path.join(run.work, "tables.md"))


def real_tables(run, args, soma_command, step):
    commands, quality = {}, []
    for name, label, reference in TABLES:
        train = os.path.join(run.root, "datasets", name, "train.csv")
        test = os.path.join(run.root, "datasets", name, "test.csv")
        rows = sum(1 for _ in open(train)) - 1
        soma = [soma_command, "train", "--data", train, "--test", test, "--label", label, "--optimizer", "lbfgs",
                "--l2", repr(1.0 / rows)]
        commands[name + " soma"] = (soma, run.java_env)
        commands[name + " python"] = ([sys.executable, os.path.abspath(__file__), "fit", train, test, label],
                                      run.python_env)
        step("%s: one --json run of each for the losses" % name)
        result = subprocess.run(soma + ["--json"], env=run.java_env, capture_output=True, text=True, check=True)
        report = json.loads(result.stdout)
        sk = run.child(commands[name + " python"][0], run.python_env)
        quality.append((name, rows, reference, report, sk))
    commands["java -version"] = ([run.java, "-version"], run.java_env)
    commands["python imports"] = ([sys.executable, "-c", "import pandas, sklearn.compose, sklearn.linear_model"],
                                  run.python_env)
    times = {name: [] for name in commands}
    for i in range(args.runs):
        step("whole processes on the real tables, round %d of %d" % (i + 1, args.runs))
        for name, (command, env) in commands.items():
            times[name].append(run.wall(command, env))
    out = ["### Whole process on the real tables", "",
           "Wall time from process start to exit, medians of n interleaved runs [min–max]; Soma/scikit-learn below 1 "
           "means Soma is faster.", "",
           "| table | `./soma train … --optimizer lbfgs --l2 1/n` | python3 `tables.py fit` (pandas + scikit-learn) "
           "| Soma/sklearn |", "|---|---:|---:|---:|"]
    for name, _, _ in TABLES:
        soma, python = times[name + " soma"], times[name + " python"]
        out.append("| %s | %s | %s | **%.2f×** |" % (name, median_text(soma), median_text(python),
                                                      statistics.median(soma) / statistics.median(python)))
    out += ["", "Floors: a JVM that prints its version %s; a python3 that imports pandas and scikit-learn %s." % (
        median_text(times["java -version"]), median_text(times["python imports"])), "",
        "The same optimum (mean training log loss; the reference is issue 16's, float64 scikit-learn):", "",
        "| table | n × features | reference | Soma (`--json` train.logLoss) | scikit-learn | Soma fit | sklearn fit "
        "(iterations) | test accuracy Soma / sklearn |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, rows, reference, report, sk in quality:
        features = sum(c["levelCount"] if c["type"] == "categorical" else 1 for c in report["schema"]["columns"])
        out.append("| %s | %d × %d (sklearn %d) | %.10f | %.10f | %.10f | %.0f ms (%d epochs) | %.0f ms (%d) | "
                   "%.4f / %.4f |" % (name, rows, features, sk["features"], reference, report["train"]["logLoss"],
                                      sk["train_log_loss"], report["seconds"] * 1e3, report["epochs"],
                                      sk["fit_seconds"] * 1e3, sk["iterations"], report["test"]["accuracy"],
                                      sk["test_accuracy"]))
    return out + [""]


def large_tables(run, args, soma_command, step):
    folder = tempfile.mkdtemp(prefix="soma-tables-")
    try:
        step("writing the %d-row tables to %s" % (args.rows, folder))
        subprocess.run([sys.executable, os.path.abspath(__file__), "generate", folder, "--rows", str(args.rows)],
                       env=run.python_env, check=True)
        files = {kind: os.path.join(folder, kind + ".csv") for kind in ("mixed", "numeric")}
        sizes = {kind: os.path.getsize(path) / 1e6 for kind, path in files.items()}
        soma_times = {kind: [] for kind in files}
        pandas_times = {kind: [] for kind in files}
        for i in range(args.large_runs):
            for kind, path in files.items():
                step("%d rows, %s, round %d of %d" % (args.rows, kind, i + 1, args.large_runs))
                soma_times[kind].append(run.wall([soma_command, "train", "--data", path, "--label", "label",
                                                  "--epochs", "1"], run.java_env))
                pandas_times[kind].append(run.child([sys.executable, os.path.abspath(__file__), "read-encode", path,
                                                     "label"], run.python_env))
        jmh = {}
        if not args.skip_jmh:
            step("JMH TableReadBenchmark on the same files")
            for method, kinds in (("tableReader", "mixed,numeric"), ("csvDatasetReader", "numeric")):
                result_file = os.path.join(folder, method + ".json")
                subprocess.run([run.java, "-cp", run.jar, "org.openjdk.jmh.Main", r"TableReadBenchmark\." + method + "$", "-p",
                                "folder=" + folder, "-p", "file=" + kinds, "-f", "1", "-wi", "2", "-i", "5",
                                "-rf", "json", "-rff", result_file],
                               env=run.java_env, cwd=run.root, check=True, stdout=subprocess.DEVNULL)
                for entry in json.load(open(result_file)):
                    jmh[(method, entry["params"]["file"])] = entry["primaryMetric"]["rawData"][0]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    out = ["### Reading %s-row tables" % format(args.rows, ","), "",
           "`mixed.csv`: 10 numeric columns, 5 categorical (10, 20, 30, 40, 50 levels), a yes/no label: %.0f MB, 160 "
           "encoded features. `numeric.csv`: 16 numeric columns and a 0/1 label: %.0f MB. Medians [min–max]; "
           "throughput = file size / time." % (sizes["mixed"], sizes["numeric"]), "",
           "| work | mixed.csv | numeric.csv |", "|---|---:|---:|"]

    def cells(values):
        return ["%s (%.0f MB/s)" % (median_text(values[k]), sizes[k] / statistics.median(values[k]))
                for k in ("mixed", "numeric")]

    out.append("| whole process `./soma train --data F --label label --epochs 1` | %s | %s |" % tuple(cells(soma_times)))
    read = {k: [p["read_seconds"] for p in v] for k, v in pandas_times.items()}
    both = {k: [p["read_seconds"] + p["encode_seconds"] for p in v] for k, v in pandas_times.items()}
    out.append("| pandas `read_csv(keep_default_na=False)` (in process) | %s | %s |" % tuple(cells(read)))
    out.append("| pandas `read_csv` + ColumnTransformer `fit_transform` (in process) | %s | %s |" % tuple(cells(both)))
    for method, label in (("tableReader", "JMH `TableReader.read` (two passes, types inferred, encoded)"),
                          ("csvDatasetReader", "JMH `CsvDatasetReader` / `Dataset.readCsv` (numbers only)")):
        row = []
        for kind in ("mixed", "numeric"):
            raw = jmh.get((method, kind))
            row.append("%s (%.0f MB/s)" % (median_text([s / 1e3 for s in raw]), sizes[kind] / statistics.median(
                [s / 1e3 for s in raw])) if raw else "—")
        if any(cell != "—" for cell in row):
            out.append("| %s | %s | %s |" % (label, row[0], row[1]))
    if jmh:
        out += ["", "Ratios (time): `TableReader.read` / pandas read + encode, mixed: **%.2f×**; `TableReader.read` / "
                    "`CsvDatasetReader`, numeric: **%.2f×**; `TableReader.read` / pandas `read_csv`, numeric: **%.2f×**."
                % (statistics.median(jmh[("tableReader", "mixed")]) / 1e3 / statistics.median(both["mixed"]),
                   statistics.median(jmh[("tableReader", "numeric")]) / statistics.median(
                       jmh[("csvDatasetReader", "numeric")]),
                   statistics.median(jmh[("tableReader", "numeric")]) / 1e3 / statistics.median(read["numeric"]))]
    return out + [""]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    everything = sub.add_parser("all", help="run both parts and print the tables (the default)")
    for p in (parser, everything):
        p.add_argument("--root", default=os.path.dirname(os.path.dirname(HERE)), help="the Soma checkout")
        p.add_argument("--java", default="java", help="the JDK 25 java")
        p.add_argument("--runs", type=int, default=10, help="whole processes per real table")
        p.add_argument("--large-runs", type=int, default=3, help="whole processes per 500,000-row table")
        p.add_argument("--rows", type=int, default=LARGE_ROWS, help="rows of the generated tables")
        p.add_argument("--skip-real", action="store_true", help="leave out part 1 (credit_g, vote)")
        p.add_argument("--skip-large", action="store_true", help="leave out part 2 (the generated tables)")
        p.add_argument("--skip-jmh", action="store_true", help="leave out the JMH TableReadBenchmark")
    fit = sub.add_parser("fit")
    fit.add_argument("train")
    fit.add_argument("test")
    fit.add_argument("label")
    fit.set_defaults(run=cmd_fit)
    generate = sub.add_parser("generate")
    generate.add_argument("dir")
    generate.add_argument("--rows", type=int, default=LARGE_ROWS)
    generate.set_defaults(run=cmd_generate)
    read = sub.add_parser("read-encode")
    read.add_argument("csv")
    read.add_argument("label")
    read.set_defaults(run=cmd_read_encode)
    args = parser.parse_args()
    if getattr(args, "run", None):
        args.run(args)
    else:
        orchestrate(args)


if __name__ == "__main__":
    main()
