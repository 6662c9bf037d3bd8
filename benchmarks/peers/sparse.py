"""Sparse data (issue 17): Soma on LIBSVM files side by side with LIBLINEAR and scikit-learn.

`benchmarks/peers/run sparse` starts this with a python3 that has scikit-learn, numpy and scipy (see README.md).
Without a subcommand it writes the text-like set (cached under benchmarks/target/peers/sparse/, not committed),
computes its float64 optima and prints markdown for heart_scale and the text-like set:

1. time to the optimum of L2 logistic regression, C = 1 (Soma `--l2 1/n`): `./soma train --optimizer lbfgs|newton --json`
   (whole process and its reported training seconds), `liblinear-train -s 0 -c 1 -e E` (whole process; no -B, since
   LIBLINEAR would penalise that bias) at its default -e and at the -e that asks for Soma's gradient norm, and
   scikit-learn `LogisticRegression(C=1)` (lbfgs) on the CSR matrix (fit only). Every solution is scored in float64
   against the optimum of its own problem: J = mean log loss + (lam/2)|w|^2 with an unpenalised bias (Soma,
   scikit-learn) or with no bias (LIBLINEAR);
2. one SGD epoch: `soma train --optimizer sgd --epochs 1` (the --json training seconds), without and with --l2,
   against `SGDClassifier(loss='log_loss', max_iter=1, tol=None)` on the CSR matrix (fit only);
3. reading: the JMH `LibsvmReadBenchmark` (Dataset.readLibsvm), `liblinear-train -e 1e9` (its parse, one gradient and
   the model write) and scikit-learn's `load_svmlight_file`.

`sparse.py memory` is the memory check (a 1,000,000 x 2^20 file, about 50 non-zeros a row, under -Xmx1g).
The subcommands are the children; they can be run alone too.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# The text-like set: (rows, features, draws per row) and a quick variant.
TEXT = {"full": (300_000, 100_000, 48), "small": (30_000, 20_000, 48)}
MEMORY = (1_000_000, 1 << 20, 53)
SEED = 17


def emit(key, value):
    if isinstance(value, float):
        value = "%.12g" % value
    print("%s=%s" % (key, value), flush=True)


# ----------------------------------------------------------------------------------------------------------------
# The data.

def generate(path, rows, features, draws, seed):
    """Writes a seeded text-like set to `path` (LIBSVM, 1-based indices, values with 7 significant digits).

    Each row draws Poisson(draws) words from a Zipf law over the columns (p ~ 1/(rank + 2.7), the ranks shuffled
    over the column indices); a word drawn twice counts twice (term frequency). Values are tf-idf,
    (1 + log tf) * (1 + log((1 + n)/(1 + df))), every row scaled to unit L2 norm. The labels come from a sparse
    true weight vector (10 % of the columns, standard normal weights): the margins are centred on their median and
    scaled to a standard deviation of 4, and y = +1 with probability sigmoid(margin), so the classes are balanced
    and not separable.
    """
    import numpy as np
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, features + 1, dtype=np.float64)
    cdf = np.cumsum(1.0 / (ranks + 2.7))
    cdf /= cdf[-1]
    column_of_rank = rng.permutation(features)
    counts = np.maximum(1, rng.poisson(draws, rows))
    words = column_of_rank[np.minimum(np.searchsorted(cdf, rng.random(int(counts.sum()))), features - 1)]
    key = np.repeat(np.arange(rows, dtype=np.int64), counts) * features + words
    del words
    key, tf = np.unique(key, return_counts=True)
    row = key // features
    col = key % features
    del key
    df = np.bincount(col, minlength=features)
    idf = 1.0 + np.log((1.0 + rows) / (1.0 + df))
    val = (1.0 + np.log(tf)) * idf[col]
    del tf
    val /= np.sqrt(np.bincount(row, weights=val * val, minlength=rows))[row]
    val = np.float64(np.float32(val))  # what a float reader keeps; the labels follow these values
    indptr = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=rows), out=indptr[1:])
    del row
    truth = np.where(rng.random(features) < 0.1, rng.standard_normal(features), 0.0)
    margin = np.add.reduceat(val * truth[col], indptr[:-1])
    margin = (margin - np.median(margin)) / margin.std() * 4.0
    labels = np.where(rng.random(rows) < 1.0 / (1.0 + np.exp(-margin)), "+1", "-1")
    tmp = path + ".part"
    with open(tmp, "w") as out:
        chunk = 20_000
        cols = (col + 1).tolist()
        for start in range(0, rows, chunk):
            stop = min(rows, start + chunk)
            lo, hi = int(indptr[start]), int(indptr[stop])
            tokens = ["%d:%.7g" % pair for pair in zip(cols[lo:hi], val[lo:hi].tolist())]
            lines = []
            for r in range(start, stop):
                a, b = int(indptr[r]) - lo, int(indptr[r + 1]) - lo
                lines.append(labels[r] + " " + " ".join(tokens[a:b]))
            out.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def cmd_generate(args):
    rows, features, draws = (args.rows, args.features, args.draws)
    generate(args.file, rows, features, draws, args.seed)


def load(path):
    import numpy as np
    from sklearn.datasets import load_svmlight_file
    x, y = load_svmlight_file(path, dtype=np.float64)
    return x.tocsr(), np.where(y > 0, 1.0, -1.0)


# ----------------------------------------------------------------------------------------------------------------
# The float64 optima and the scoring of a solution.

def objective(theta, x, s, lam, bias):
    """J = mean log loss + (lam/2)|w|^2 and its gradient; theta = (w, b) with a bias, else w."""
    import numpy as np
    w, b = (theta[:-1], theta[-1]) if bias else (theta, 0.0)
    margin = s * (x @ w + b)
    n = x.shape[0]
    j = np.logaddexp(0.0, -margin).mean() + 0.5 * lam * (w @ w)
    dm = -np.exp(-np.logaddexp(0.0, margin)) * s / n
    grad = np.empty_like(theta)
    grad[:x.shape[1]] = x.T @ dm + lam * w
    if bias:
        grad[-1] = dm.sum()
    return j, grad


def log_loss(theta, x, s, bias):
    import numpy as np
    w, b = (theta[:-1], theta[-1]) if bias else (theta, 0.0)
    return float(np.logaddexp(0.0, -s * (x @ w + b)).mean())


def optimum(x, s, lam, bias):
    """The float64 optimum: scipy L-BFGS-B, then Newton-CG steps (Hessian-vector products) to a gradient norm at
    rounding level."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse.linalg import LinearOperator, cg
    d = x.shape[1] + (1 if bias else 0)
    theta = minimize(objective, np.zeros(d), args=(x, s, lam, bias), jac=True, method="L-BFGS-B",
                     options={"maxiter": 20000, "maxcor": 20, "ftol": 0.0, "gtol": 1e-9}).x
    n = x.shape[0]
    for _ in range(6):
        j, g = objective(theta, x, s, lam, bias)
        if np.linalg.norm(g) < 1e-13:
            break
        w, b = (theta[:-1], theta[-1]) if bias else (theta, 0.0)
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        h = p * (1 - p) / n

        def hessp(v, h=h):
            out = np.empty_like(v)
            u = v[:-1] if bias else v
            z = h * (x @ u + (v[-1] if bias else 0.0))
            out[:x.shape[1]] = x.T @ z + lam * u
            if bias:
                out[-1] = z.sum()
            return out
        step, _ = cg(LinearOperator((d, d), matvec=hessp), g, tol=1e-12, maxiter=2000)
        theta = theta - step
    j, g = objective(theta, x, s, lam, bias)
    return theta, j, float(np.linalg.norm(g))


def references(path, folder):
    """The optima with an unpenalised bias and without a bias, cached in `folder`."""
    cache = os.path.join(folder, os.path.basename(path) + ".optimum.json")
    if os.path.exists(cache) and os.path.getmtime(cache) >= os.path.getmtime(path):
        with open(cache) as f:
            return json.load(f)
    x, s = load(path)
    lam = 1.0 / x.shape[0]
    result = {"n": x.shape[0], "features": x.shape[1], "non_zeros": int(x.nnz), "positives": int((s > 0).sum())}
    for name, bias in (("bias", True), ("no_bias", False)):
        began = time.perf_counter()
        theta, j, gnorm = optimum(x, s, lam, bias)
        result[name] = {"objective": j, "log_loss": log_loss(theta, x, s, bias), "gradient_norm": gnorm,
                        "seconds": time.perf_counter() - began}
        if bias:
            result[name]["bias_value"] = float(theta[-1])
    with open(cache, "w") as f:
        json.dump(result, f, indent=1)
    return result


def score(x, s, w, b, bias):
    """J, the mean log loss and the gradient norm of a solution (float64)."""
    import numpy as np
    theta = np.append(w, b) if bias else np.asarray(w, dtype=np.float64)
    j, g = objective(theta, x, s, 1.0 / x.shape[0], bias)
    return j, log_loss(theta, x, s, bias), float(np.linalg.norm(g))


def liblinear_weights(model_file, features):
    """w of a liblinear-train model file, in the +1 orientation (LIBLINEAR's first label is its positive class)."""
    import numpy as np
    with open(model_file) as f:
        lines = f.read().split("\n")
    header = {}
    i = 0
    while lines[i] != "w":
        key, _, value = lines[i].partition(" ")
        header[key] = value
        i += 1
    w = np.array([float(v) for v in lines[i + 1:i + 1 + int(header["nr_feature"])]])
    w = np.concatenate([w, np.zeros(features - len(w))])
    first = int(header["label"].split()[0])
    return w if first > 0 else -w


# ----------------------------------------------------------------------------------------------------------------
# The children timed inside python.

def cmd_sklearn_load(args):
    from sklearn.datasets import load_svmlight_file
    began = time.perf_counter()
    x, y = load_svmlight_file(args.file)
    emit("load_seconds", time.perf_counter() - began)
    emit("non_zeros", x.nnz)


def cmd_sklearn_lbfgs(args):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    x, s = load(args.file)
    began = time.perf_counter()
    model = LogisticRegression(C=1.0, tol=args.tol, max_iter=100_000).fit(x, s)
    emit("fit_seconds", time.perf_counter() - began)
    emit("iterations", int(model.n_iter_[0]))
    j, loss, gnorm = score(x, s, model.coef_[0], model.intercept_[0], True)
    emit("objective", j)
    emit("log_loss", loss)
    emit("gradient_norm", gnorm)


def cmd_sklearn_sgd(args):
    from sklearn.linear_model import SGDClassifier
    x, s = load(args.file)
    times = []
    for _ in range(args.repeats):
        model = SGDClassifier(loss="log_loss", penalty="l2" if args.alpha > 0 else None, alpha=args.alpha,
                              learning_rate="constant", eta0=args.eta0, max_iter=1, tol=None, shuffle=True,
                              random_state=0)
        began = time.perf_counter()
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning: one epoch is asked for
            model.fit(x, s)
        times.append(time.perf_counter() - began)
        assert model.n_iter_ == 1 and model.t_ == x.shape[0] + 1, (model.n_iter_, model.t_)
    emit("fit_seconds", ",".join("%.6g" % t for t in times) if len(times) > 1 else times[0])


# ----------------------------------------------------------------------------------------------------------------
# Memory: a 1,000,000 x 2^20 file trained under -Xmx1g.

def gc_figures(log_file):
    """The largest heap before and after a collection in a -Xlog:gc log, in MB, and the pauses."""
    before_after = re.findall(r"Pause.*? (\d+)M->(\d+)M\((\d+)M\)", open(log_file).read())
    if not before_after:
        return None
    return {"max_before_mb": max(int(b) for b, _, _ in before_after),
            "max_after_mb": max(int(a) for _, a, _ in before_after),
            "collections": len(before_after)}


def cmd_memory(args):
    """Writes the file (or reuses --file), trains on it under -Xmx, prints what the GC log says."""
    rows, features, draws = args.rows, MEMORY[1], MEMORY[2]
    folder = None
    path = args.file
    if path is None:
        folder = tempfile.mkdtemp(prefix="soma-sparse-memory-", dir=args.dir)
        path = os.path.join(folder, "big-%dx%d.svm" % (rows, features))
        began = time.perf_counter()
        generate(path, rows, features, draws, SEED + 1)
        print("wrote %s (%.0f MB) in %.0f s" % (path, os.path.getsize(path) / 1e6, time.perf_counter() - began),
              file=sys.stderr, flush=True)
    try:
        lines = nonzeros = 0
        with open(path) as f:
            for line in f:
                lines += 1
                nonzeros += line.count(":")
        log_file = os.path.join(args.root, "benchmarks", "target", "peers", "sparse-memory-gc.log")
        os.makedirs(os.path.dirname(log_file), exist_ok=True)
        command = [args.java, "-Xmx" + args.xmx, "--add-modules", "jdk.incubator.vector", "-Xlog:gc:file=" + log_file,
                   "-jar", os.path.join(args.root, "cli", "target", "soma.jar"), "train", "--data", path, "--format",
                   "libsvm", "--optimizer", "lbfgs", "--epochs", str(args.epochs), "--json"]
        began = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - began
        csr = nonzeros * 8 + (lines + 1) * 4 + lines * 4
        weights = features * 4
        emit("file_mb", os.path.getsize(path) / 1e6)
        emit("rows", lines)
        emit("non_zeros", nonzeros)
        emit("csr_mb", csr / 1e6)
        emit("weights_mb", weights / 1e6)
        emit("exit", result.returncode)
        emit("wall_seconds", wall)
        if result.returncode == 0:
            report = json.loads(result.stdout)
            emit("epochs", report["epochs"])
            emit("train_seconds", report["seconds"])
        else:
            emit("error", (result.stderr.strip().splitlines() or ["?"])[-1])
        figures = gc_figures(log_file)
        if figures:
            for key, value in figures.items():
                emit(key, value)
        emit("gc_log", log_file)
        emit("command", " ".join(command))
    finally:
        if folder and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


# ----------------------------------------------------------------------------------------------------------------
# The orchestration.

def fig(values, unit="s"):
    scale, suffix = {"s": (1, " s"), "ms": (1e3, " ms")}[unit]
    values = values if isinstance(values, list) else [values]
    show = lambda v: ("%.3g" % (v * scale)) if v * scale < 100 else "%.0f" % (v * scale)  # noqa: E731
    if len(values) == 1:
        return show(values[0]) + suffix
    return "%s%s [%s–%s], n = %d" % (show(statistics.median(values)), suffix, show(min(values)), show(max(values)),
                                     len(values))


def med(values):
    return statistics.median(values if isinstance(values, list) else [values])


def soma_json(run, arguments):
    command = [os.path.join(run.root, "soma"), "train", *arguments, "--json"]
    began = time.perf_counter()
    result = subprocess.run(command, env=run.java_env, cwd=run.root, capture_output=True, text=True)
    wall = time.perf_counter() - began
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("benchmarks/peers: failed: " + " ".join(command))
    return json.loads(result.stdout), wall


def soma_weights(model_file):
    with open(model_file) as f:
        model = json.load(f)["model"]
    return model["weights"], model["bias"]


def optimum_rows(run, args, name, path, step, work):
    """Time to the optimum on one file: returns markdown lines."""
    import numpy as np
    ref = references(path, work)
    x, s = load(path)
    n, d = x.shape
    lam = 1.0 / n
    out = ["### %s: time to the L2 optimum (C = 1)" % name, "",
           "%d rows × %d features, %d non-zeros (%.1f a row), %d positives. Float64 optima (computed here): "
           "J* = %.10f, log loss %.10f with an unpenalised bias (b = %.4f; Soma, scikit-learn); J* = %.10f, log loss "
           "%.10f without a bias (LIBLINEAR without -B)." % (
               n, d, x.nnz, x.nnz / n, ref["positives"], ref["bias"]["objective"], ref["bias"]["log_loss"],
               ref["bias"]["bias_value"], ref["no_bias"]["objective"], ref["no_bias"]["log_loss"]), "",
           "| tool | whole process | training (in process) | iterations | J − J* | log loss − its optimum's | ‖∇J‖ |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    rows = {}
    for optimizer in ("lbfgs", "newton"):
        soma_args = ["--data", path, "--format", "libsvm", "--optimizer", optimizer, "--l2", repr(lam)]
        step("%s: soma %s" % (name, optimizer))
        model_file = os.path.join(work, "soma-model.json")
        report, _ = soma_json(run, soma_args + ["--out", model_file])
        w, b = soma_weights(model_file)
        j, loss, gnorm = score(x, s, np.asarray(w, dtype=np.float64), b, True)
        walls, trains = [], []
        for _ in range(args.runs):
            r, wall = soma_json(run, soma_args)
            walls.append(wall)
            trains.append(r["seconds"])
        rows["soma " + optimizer] = (walls, trains)
        passes = (", %.0f passes" % report["passes"]) if "passes" in report else ""
        out.append("| Soma `train --optimizer %s --l2 1/n` (tolerance 1e-7) | %s | %s | %d (%s%s) | %.2e | %.2e | %.1e |"
                   % (optimizer, fig(walls), fig(trains), report["epochs"], report["stopReason"].lower(), passes,
                      j - ref["bias"]["objective"], loss - ref["bias"]["log_loss"], gnorm))
    if run.liblinear_cli:
        # LIBLINEAR stops when |grad f| <= e * max(min(#pos, #neg), 1)/n * |grad f(0)|, f = C*n*J (no bias).
        # grad f(0) = -C * X^T y / 2; Soma's stop |grad J| <= 1e-7 is |grad f| <= 1e-7 * n.
        g0 = np.linalg.norm(x.T @ s) / 2
        smaller = max(min(ref["positives"], n - ref["positives"]), 1)
        matched = 1e-7 * n / (smaller / n * g0)
        for label, e in (("default -e 0.01", 0.01), ("-e %.2g (Soma's gradient norm)" % matched, matched)):
            step("%s: liblinear-train %s" % (name, label))
            model = os.path.join(work, "liblinear.model")
            command = [run.liblinear_cli, "-s", "0", "-c", "1", "-e", repr(e), path, model]
            walls = [run.wall(command, run.java_env) for _ in range(args.runs)]
            log = subprocess.run(command, capture_output=True, text=True).stdout
            iterations = len(re.findall(r"^iter", log, re.M))
            j, loss, gnorm = score(x, s, liblinear_weights(model, d), 0.0, False)
            rows["liblinear " + label] = (walls, None)
            out.append("| `liblinear-train -s 0 -c 1` %s | %s | — | %d | %.2e | %.2e | %.1e |" % (
                label, fig(walls), iterations, j - ref["no_bias"]["objective"], loss - ref["no_bias"]["log_loss"],
                gnorm))
    if not args.skip_sklearn_lbfgs:
        step("%s: scikit-learn LogisticRegression" % name)
        sk = [run.python_child("sklearn-lbfgs", path, "--tol", repr(args.sklearn_tol)) for _ in range(args.sklearn_runs)]
        fits = [r["fit_seconds"] for r in sk]
        rows["sklearn"] = (None, fits)
        out.append("| scikit-learn `LogisticRegression(C=1, tol=%g)` lbfgs, on the CSR matrix | — | %s | %d | %.2e | "
                   "%.2e | %.1e |" % (args.sklearn_tol, fig(fits), sk[0]["iterations"],
                                      sk[0]["objective"] - ref["bias"]["objective"],
                                      sk[0]["log_loss"] - ref["bias"]["log_loss"], sk[0]["gradient_norm"]))
    ratios = []
    for optimizer in ("lbfgs", "newton"):
        soma_wall, soma_train = med(rows["soma " + optimizer][0]), med(rows["soma " + optimizer][1])
        for key, (walls, fits) in rows.items():
            if key.startswith("liblinear"):
                ratios.append("Soma %s whole process / liblinear-train (%s): **%.2f×** (target ≤ 0.5)" % (
                    optimizer, key[len("liblinear "):], soma_wall / med(walls)))
            if key == "sklearn":
                ratios.append("Soma %s training / scikit-learn fit: **%.2f×** (target ≤ 0.25)" % (
                    optimizer, soma_train / med(fits)))
    return out + [""] + ["- " + r for r in ratios] + [""], rows


def sgd_rows(run, args, name, path, step):
    n = int(subprocess.run(["wc", "-l", path], capture_output=True, text=True).stdout.split()[0])
    k = args.warm_epochs
    out = ["### %s: one SGD epoch" % name, "",
           "m = 1, log loss, constant rate 0.01 (scikit-learn `learning_rate='constant', eta0=0.01`), shuffled. Soma, "
           "first epoch: the `--json` training seconds of `train --optimizer sgd --epochs 1 --tol 0` (a fresh JVM: "
           "the epoch, its JIT compilation and the full-data evaluation after it). Soma, warm epoch: (seconds of "
           "`--epochs %d` − seconds of `--epochs 1`) / %d. scikit-learn: `SGDClassifier(loss='log_loss', max_iter=1, "
           "tol=None)` fit time on the CSR matrix, repeated in one process. With λ > 0 Soma keeps the shrinkage as one "
           "scale factor (w = s·v), so a penalised step is O(non-zeros) too." % (k + 1, k), "",
           "| penalty | Soma first epoch | Soma warm epoch | scikit-learn epoch | Soma/sklearn first, warm "
           "(target ≤ 0.33) |", "|---|---:|---:|---:|---:|"]
    for label, lam in (("none", 0.0), ("L2, λ = 1/n (alpha = 1/n)", 1.0 / n)):
        step("%s: sgd epoch, %s" % (name, label))
        extra = ["--l2", repr(lam)] if lam > 0 else []
        base = ["--data", path, "--format", "libsvm", "--optimizer", "sgd", "--learning-rate", "0.01", "--tol", "0",
                *extra]
        runs = args.runs
        first = [soma_json(run, base + ["--epochs", "1"])[0]["seconds"] for _ in range(runs)]
        warm = [(soma_json(run, base + ["--epochs", str(k + 1)])[0]["seconds"] - first[i]) / k for i in range(runs)]
        sk = run.python_child("sklearn-sgd", path, "--alpha", repr(lam), "--repeats", str(args.runs))
        fits = sk["fit_seconds"] if isinstance(sk["fit_seconds"], list) else [sk["fit_seconds"]]
        out.append("| %s | %s | %s | %s | **%.2f×**, %s |" % (
            label, fig(first, "ms"), fig(warm, "ms") if warm else "—", fig(fits, "ms"), med(first) / med(fits),
            "**%.2f×**" % (med(warm) / med(fits)) if warm else "—"))
    return out + [""]


def read_rows(run, args, name, path, step):
    size = os.path.getsize(path) / 1e6
    out = ["### %s: reading the LIBSVM file (%.0f MB)" % (name, size), "",
           "| reader | time | MB/s |", "|---|---:|---:|"]
    results = {}
    if not args.skip_jmh:
        step("%s: JMH LibsvmReadBenchmark" % name)
        result_file = os.path.join(run.work, "libsvm-read.json")
        subprocess.run([run.java, "-cp", run.jar, "org.openjdk.jmh.Main", r"LibsvmReadBenchmark\.read$", "-p",
                        "file=" + path, "-f", "1", "-wi", "2", "-i", str(max(3, args.runs)), "-rf", "json", "-rff",
                        result_file], env=run.java_env, cwd=run.root, check=True, stdout=subprocess.DEVNULL)
        raw = [t / 1e3 for t in json.load(open(result_file))[0]["primaryMetric"]["rawData"][0]]
        results["soma"] = raw
        out.append("| Soma `Dataset.readLibsvm` (JMH single shot, warm JVM) | %s | %.0f |" % (fig(raw), size / med(raw)))
    if run.liblinear_cli:
        step("%s: liblinear-train -e 1e9" % name)
        model = os.path.join(run.work, "liblinear-parse.model")
        walls = [run.wall([run.liblinear_cli, "-s", "0", "-c", "1", "-e", "1e9", path, model], run.java_env)
                 for _ in range(args.runs)]
        results["liblinear"] = walls
        out.append("| `liblinear-train -s 0 -e 1e9` whole process (parse + one gradient + model write) | %s | %.0f |"
                   % (fig(walls), size / med(walls)))
    step("%s: load_svmlight_file" % name)
    loads = [run.python_child("sklearn-load", path)["load_seconds"] for _ in range(args.runs)]
    results["sklearn"] = loads
    out.append("| scikit-learn `load_svmlight_file` (in process) | %s | %.0f |" % (fig(loads), size / med(loads)))
    if "soma" in results and "liblinear" in results:
        out += ["", "Soma read / liblinear-train with no training: **%.2f×** (target ≤ 1); Soma / load_svmlight_file: "
                    "**%.2f×**." % (med(results["soma"]) / med(results["liblinear"]),
                                    med(results["soma"]) / med(loads))]
    return out + [""]


def orchestrate(args):
    from peers import Runner, machine
    args.large_repeats = 0
    run = Runner(args)
    run.python_child = lambda *a: run.child([sys.executable, os.path.abspath(__file__), *a], run.python_env)
    began = time.perf_counter()

    def step(message):
        print("[%5.0f s] %s" % (time.perf_counter() - began, message), file=sys.stderr, flush=True)

    work = os.path.join(run.work, "sparse")
    os.makedirs(work, exist_ok=True)
    rows, features, draws = TEXT[args.size]
    text = os.path.join(work, "text-%dx%d.svm" % (rows, features))
    if not os.path.exists(text):
        step("writing %s" % text)
        generate(text, rows, features, draws, SEED)
    files = [("heart_scale", os.path.join(run.root, "datasets", "heart_scale", "heart_scale")),
             ("text-like %s × %s" % (format(rows, ","), format(features, ",")), text)]
    step("the float64 optima")
    for _, path in files:
        references(path, work)
    out = ["## Sparse data (issue 17): Soma, LIBLINEAR and scikit-learn, same machine, same run", ""] + machine(
        run.java) + [""]
    if not run.liblinear_cli:
        out += ["liblinear-train was not found: its rows are left out.", ""]
    for name, path in files:
        lines, _ = optimum_rows(run, args, name, path, step, work)
        out += lines
    name, path = files[1]
    if not args.only_optimum:
        out += sgd_rows(run, args, name, path, step)
        out += read_rows(run, args, name, path, step)
    out.append("Total %.0f s." % (time.perf_counter() - began))
    text_out = "\n".join(out).rstrip() + "\n"
    with open(os.path.join(run.work, "sparse.md"), "w") as results:
        results.write(text_out)
    print(text_out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    everything = sub.add_parser("all", help="run everything and print the tables (the default)")
    for p in (parser, everything):
        p.add_argument("--root", default=os.path.dirname(os.path.dirname(HERE)), help="the Soma checkout")
        p.add_argument("--java", default="java", help="the JDK 25 java")
        p.add_argument("--runs", type=int, default=3, help="runs per timed row")
        p.add_argument("--sklearn-runs", type=int, default=1, help="LogisticRegression fits (slow)")
        p.add_argument("--sklearn-tol", type=float, default=1e-10, help="LogisticRegression tol")
        p.add_argument("--size", choices=sorted(TEXT), default="full", help="the text-like set: full or small")
        p.add_argument("--skip-sklearn-lbfgs", action="store_true", help="leave out LogisticRegression")
        p.add_argument("--skip-jmh", action="store_true", help="leave out the JMH LibsvmReadBenchmark")
        p.add_argument("--only-optimum", action="store_true",
                       help="the time-to-the-optimum tables only (no SGD epoch, no reading)")
        p.add_argument("--warm-epochs", type=int, default=5, help="K of the warm SGD epoch, (t(1 + K) - t(1)) / K")
    generate_parser = sub.add_parser("generate", help="write a text-like LIBSVM file")
    generate_parser.add_argument("file")
    generate_parser.add_argument("--rows", type=int, default=TEXT["full"][0])
    generate_parser.add_argument("--features", type=int, default=TEXT["full"][1])
    generate_parser.add_argument("--draws", type=int, default=TEXT["full"][2], help="mean words drawn per row")
    generate_parser.add_argument("--seed", type=int, default=SEED)
    generate_parser.set_defaults(run=cmd_generate)
    memory = sub.add_parser("memory", help="train on a 1,000,000 x 2^20 LIBSVM file under -Xmx1g (issue 17)")
    memory.add_argument("--rows", type=int, default=MEMORY[0])
    memory.add_argument("--file", help="use this LIBSVM file instead of writing one")
    memory.add_argument("--dir", help="where to write the file (default: the system temporary folder)")
    memory.add_argument("--keep", action="store_true", help="keep the written file")
    memory.add_argument("--xmx", default="1g")
    memory.add_argument("--epochs", type=int, default=2)
    memory.set_defaults(run=cmd_memory)
    for name, function in (("sklearn-load", cmd_sklearn_load), ("sklearn-lbfgs", cmd_sklearn_lbfgs),
                           ("sklearn-sgd", cmd_sklearn_sgd)):
        child = sub.add_parser(name)
        child.add_argument("file")
        child.add_argument("--tol", type=float, default=1e-10)
        child.add_argument("--alpha", type=float, default=0.0)
        child.add_argument("--eta0", type=float, default=0.01)
        child.add_argument("--repeats", type=int, default=1)
        child.set_defaults(run=function)
    args = parser.parse_args()
    if getattr(args, "run", None):
        args.run(args)
    else:
        orchestrate(args)


if __name__ == "__main__":
    main()
