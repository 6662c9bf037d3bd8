"""Soma side by side with scikit-learn and LIBLINEAR on this machine, in one run: see README.md.

`benchmarks/peers/run` starts this with a python3 that has scikit-learn, pandas and numpy. Without arguments it
runs everything and prints a markdown table; each measurement runs in its own child process (a python one for
the peers, a JVM running dev.soma.benchmarks.PeerTimings for Soma), which prints `key=value` lines. The
subcommands below are those children; they can be run alone too.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
C = 1.0
TOL = 1e-6
SGD_RATE = 0.01
SYNTHETIC_ROWS, SYNTHETIC_COLUMNS = 1_000_000, 64


def emit(key, value):
    if isinstance(value, (list, tuple)):
        value = ",".join("%.9g" % v for v in value)
    elif isinstance(value, float):
        value = "%.12g" % value
    print("%s=%s" % (key, value), flush=True)


# ----------------------------------------------------------------------------------------------------------------
# The peers' children: each runs in a fresh python process.

def breast_cancer(csv):
    """The CSV's features standardised as StandardScaler does (population standard deviation), labels 0/1."""
    import pandas as pd
    from sklearn.preprocessing import StandardScaler
    frame = pd.read_csv(csv)
    y = frame.pop("label").to_numpy().astype(int)
    x = StandardScaler().fit_transform(frame.to_numpy(dtype=float))
    return x, y


def objective(x, y, w, b, lam):
    """Soma's objective J = mean log loss + (lam/2)|w|^2 (bias not penalised) and the 2-norm of its gradient."""
    import numpy as np
    z = x @ w + b
    loss = np.mean(np.logaddexp(0.0, z) - y * z)
    p = 0.5 * (1.0 + np.tanh(0.5 * z))
    residual = p - y
    gw = x.T @ residual / len(y) + lam * w
    gb = residual.mean()
    return loss + 0.5 * lam * (w @ w), float(np.sqrt(gw @ gw + gb * gb))


def sklearn_lbfgs():
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=C, tol=TOL)


def checked_lbfgs_fit(x, y):
    model = sklearn_lbfgs().fit(x, y)
    if model.n_iter_[0] >= model.max_iter:
        raise SystemExit("scikit-learn's lbfgs hit max_iter=%d before tol: the time would be for less work"
                         % model.max_iter)
    return model


def describe_sklearn(model, x, y):
    cost, grad = objective(x, y, model.coef_[0], model.intercept_[0], 1.0 / (C * len(y)))
    emit("iterations", int(model.n_iter_[0]))
    emit("cost", cost)
    emit("gradient_norm", grad)


def cmd_sklearn_lbfgs_warm(args):
    x, y = breast_cancer(args.csv)
    for _ in range(args.warm):
        checked_lbfgs_fit(x, y)
    seconds = []
    for _ in range(args.measured):
        start = time.perf_counter()
        model = checked_lbfgs_fit(x, y)
        seconds.append(time.perf_counter() - start)
    emit("seconds", seconds)
    describe_sklearn(model, x, y)


def cmd_sklearn_first_fit(args):
    start = time.perf_counter()
    x, y = breast_cancer(args.csv)
    read = time.perf_counter()
    model = checked_lbfgs_fit(x, y)
    fitted = time.perf_counter()
    checked_lbfgs_fit(x, y)
    again = time.perf_counter()
    emit("read_seconds", read - start)
    emit("fit_seconds", fitted - read)
    emit("second_fit_seconds", again - fitted)
    describe_sklearn(model, x, y)


def synthetic(path):
    import numpy as np
    raw = np.fromfile(path, dtype="<f4")
    expected = SYNTHETIC_ROWS * (SYNTHETIC_COLUMNS + 1)
    if raw.size != expected:
        raise SystemExit("%s holds %d floats, not %d" % (path, raw.size, expected))
    x = raw[:SYNTHETIC_ROWS * SYNTHETIC_COLUMNS].reshape(SYNTHETIC_ROWS, SYNTHETIC_COLUMNS).astype(np.float64)
    y = raw[SYNTHETIC_ROWS * SYNTHETIC_COLUMNS:].astype(int)
    return x, y


def sgd_fit_seconds(x, y, epochs):
    from sklearn.linear_model import SGDClassifier
    model = SGDClassifier(loss="log_loss", penalty=None, learning_rate="constant", eta0=SGD_RATE,
                          max_iter=epochs, tol=None, shuffle=True, random_state=0)
    start = time.perf_counter()
    model.fit(x, y)
    seconds = time.perf_counter() - start
    if model.n_iter_ != epochs or model.t_ != epochs * len(y) + 1:
        raise SystemExit("SGDClassifier ran %s epochs (%s steps), not %d" % (model.n_iter_, model.t_ - 1, epochs))
    return seconds


def cmd_sklearn_sgd_epoch(args):
    x, y = breast_cancer(args.data) if args.kind == "breast" else synthetic(args.data)
    for _ in range(args.warm):
        sgd_fit_seconds(x, y, 1)
        sgd_fit_seconds(x, y, 1 + args.epochs)
    per_epoch, one = [], []
    for _ in range(args.repeats):
        t1 = sgd_fit_seconds(x, y, 1)
        tk = sgd_fit_seconds(x, y, 1 + args.epochs)
        one.append(t1)
        per_epoch.append((tk - t1) / args.epochs)
    emit("epoch_seconds", per_epoch)
    emit("one_epoch_fit_seconds", one)


def cmd_liblinear_warm(args):
    """LIBLINEAR -s 0 -c 1 -B 1 through its python binding: the train call on a problem built once (solve only)."""
    import numpy as np
    import liblinearutil as ll
    x, y = breast_cancer(args.csv)
    n = len(y)
    problem = ll.problem(y.tolist(), x.tolist())
    # LIBLINEAR minimises f = |w~|^2/2 + C sum log(1 + exp(-y w~.x~)) (x~ = [x, 1], so the bias is penalised) and
    # stops when |grad f| <= e * max(min(pos, neg), 1) / n * |grad f(0)|. f = C n J, so |grad J| <= 1e-6 (Soma's
    # and the other rows' tolerance) is |grad f| <= C n 1e-6: this -e asks for that.
    signs = np.where(y == 1, 1.0, -1.0)
    xb = np.hstack([x, np.ones((n, 1))])
    grad0 = 0.5 * C * np.linalg.norm(xb.T @ signs)
    pos = int((y == 1).sum())
    matched = C * n * TOL * n / (max(min(pos, n - pos), 1) * grad0)
    emit("matched_e", matched)
    for name, eps in (("default", None), ("matched", matched)):
        options = "-s 0 -c %g -B 1 -q" % C + ("" if eps is None else " -e %.6g" % eps)
        parameter = ll.parameter(options)
        for _ in range(args.warm):
            ll.train(problem, parameter)
        seconds = []
        for _ in range(args.measured):
            start = time.perf_counter()
            model = ll.train(problem, parameter)
            seconds.append(time.perf_counter() - start)
        coefficients, bias = model.get_decfun()
        sign = 1.0 if model.get_labels()[0] == 1 else -1.0
        w = sign * np.array(coefficients)
        b = sign * bias
        # The norm of LIBLINEAR's own gradient, in the mean form: |grad f| / (C n).
        z = signs * (x @ w + b)
        g = np.append(w, b) - C * xb.T @ (signs * 0.5 * (1.0 - np.tanh(0.5 * z)))
        cost, _ = objective(x, y, w, b, 1.0 / (C * n))
        emit(name + "_options", options)
        emit(name + "_seconds", seconds)
        emit(name + "_cost", cost)
        emit(name + "_own_gradient_norm", float(np.linalg.norm(g)) / (C * n))


def cmd_write_libsvm(args):
    x, y = breast_cancer(args.csv)
    with open(args.out, "w") as out:
        for row, label in zip(x, y):
            out.write("%d %s\n" % (label, " ".join("%d:%.17g" % (j + 1, v) for j, v in enumerate(row))))


# ----------------------------------------------------------------------------------------------------------------
# The orchestration: runs the children, takes medians, prints the table.

class Runner:
    def __init__(self, args):
        self.root = args.root
        self.java = args.java
        self.jar = os.path.join(args.root, "benchmarks", "target", "benchmarks.jar")
        self.work = os.path.join(args.root, "benchmarks", "target", "peers")
        self.csv = os.path.join(args.root, "datasets", "breast_cancer", "train.csv")
        self.runs = args.runs
        self.liblinear_cli = shutil.which("liblinear-train") or (
            "/usr/bin/liblinear-train" if os.access("/usr/bin/liblinear-train", os.X_OK) else None)
        try:
            import liblinearutil  # noqa: F401
            self.liblinear_binding = True
        except ImportError:
            self.liblinear_binding = False
        # OPENBLAS_NUM_THREADS=1 is for the python processes only: the JVMs get the environment without it.
        self.python_env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        self.java_env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
        os.makedirs(self.work, exist_ok=True)

    def child(self, command, env):
        result = subprocess.run(command, env=env, cwd=self.root, capture_output=True, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit("benchmarks/peers: failed: " + " ".join(command))
        values = {}
        for line in result.stdout.splitlines():
            key, sep, value = line.partition("=")
            if not sep:
                continue
            parts = value.split(",")
            try:
                values[key] = [float(p) for p in parts] if len(parts) > 1 else float(value)
            except ValueError:
                values[key] = value
        return values

    def soma(self, *arguments):
        return self.child([self.java, "--add-modules", "jdk.incubator.vector", "-cp", self.jar,
                           "dev.soma.benchmarks.PeerTimings", *arguments], self.java_env)

    def python(self, *arguments):
        return self.child([sys.executable, os.path.abspath(__file__), *arguments], self.python_env)

    def wall(self, command, env):
        start = time.perf_counter()
        result = subprocess.run(command, env=env, cwd=self.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            sys.stderr.write(result.stderr.decode(errors="replace"))
            raise SystemExit("benchmarks/peers: failed: " + " ".join(command))
        return seconds


def as_list(value):
    return value if isinstance(value, list) else [value]


class Figure:
    """A median of several runs, with its spread."""

    def __init__(self, values):
        self.values = as_list(values)
        self.median = statistics.median(self.values)

    def show(self, unit):
        scale, suffix = {"s": (1, " s"), "ms": (1e3, " ms"), "us": (1e6, " µs")}[unit]
        return "%s%s [%s–%s], n = %d" % (number(self.median * scale), suffix, number(min(self.values) * scale),
                                          number(max(self.values) * scale), len(self.values))


def number(v):
    return "%.3g" % v if v < 100 else "%.0f" % v


def ratio(soma, peer):
    return "**%.2f×**" % (soma.median / peer.median)


def machine(java):
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    java_version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()
    import numpy
    import pandas
    import scipy
    import sklearn
    liblinear = "not installed"
    if shutil.which("dpkg-query"):
        found = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "liblinear4"], capture_output=True, text=True)
        if found.returncode == 0 and found.stdout:
            liblinear = found.stdout
    return [
        "- CPU: %s, %d cores visible" % (cpu, os.cpu_count() or 0),
        "- JVM: %s" % (java_version[-1] if java_version else java),
        "- Python %s (%s): scikit-learn %s, numpy %s, scipy %s, pandas %s; OPENBLAS_NUM_THREADS=1"
        % (platform.python_version(), sys.executable, sklearn.__version__, numpy.__version__, scipy.__version__,
           pandas.__version__),
        "- LIBLINEAR %s" % liblinear,
        "- %s, %s" % (platform.system(), time.strftime("%Y-%m-%d %H:%M")),
    ]


def orchestrate(args):
    run = Runner(args)
    began = time.perf_counter()
    rows = []  # (work, soma figure, peer name, peer figure, unit)
    quality = []
    notes = []

    def step(message):
        print("[%5.0f s] %s" % (time.perf_counter() - began, message), file=sys.stderr, flush=True)

    # 1. Breast cancer, L-BFGS, L2 C = 1, to a gradient norm of 1e-6: warm fits.
    step("breast cancer L-BFGS, warm: Soma")
    soma = run.soma("lbfgs-warm", run.csv, "300", "200")
    step("breast cancer L-BFGS, warm: scikit-learn")
    sk = run.python("sklearn-lbfgs-warm", run.csv, "--warm", "20", "--measured", "200")
    work = "breast cancer 456 × 30, L-BFGS, L2 C = 1, warm fit"
    rows.append((work, Figure(soma["seconds"]), "scikit-learn `LogisticRegression(C=1, tol=1e-6)`",
                 Figure(sk["seconds"]), "ms"))
    quality.append(("Soma `lbfgs`, gradientTolerance(1e-6)", soma["epochs"], soma["cost"], soma["gradient_norm"]))
    quality.append(("scikit-learn lbfgs, tol=1e-6", sk["iterations"], sk["cost"], sk["gradient_norm"]))
    if run.liblinear_binding:
        step("breast cancer L-BFGS, warm: LIBLINEAR")
        ll = run.python("liblinear-warm", run.csv, "--warm", "50", "--measured", "500")
        for name, label in (("matched", "LIBLINEAR `%s` (solve only)"), ("default", "LIBLINEAR `%s` (solve only)")):
            rows.append((work, Figure(soma["seconds"]), label % ll[name + "_options"], Figure(ll[name + "_seconds"]),
                         "ms"))
            quality.append(("LIBLINEAR `%s` (bias penalised; its own gradient)" % ll[name + "_options"], "",
                            ll[name + "_cost"], ll[name + "_own_gradient_norm"]))
    else:
        notes.append("LIBLINEAR's python binding (Debian: python3-liblinear) is missing: no LIBLINEAR solve rows.")

    # 2. One SGD epoch, m = 1, log loss, constant rate 0.01, shuffled.
    step("breast cancer SGD epoch: Soma")
    soma = run.soma("sgd-epoch", "breast", run.csv, "30", "30", "100")
    step("breast cancer SGD epoch: scikit-learn")
    sk = run.python("sklearn-sgd-epoch", "breast", run.csv, "--warm", "3", "--repeats", "30", "--epochs", "100")
    rows.append(("breast cancer, one SGD epoch (m = 1, log loss, rate 0.01, shuffled)", Figure(soma["epoch_seconds"]),
                 "scikit-learn `SGDClassifier`", Figure(sk["epoch_seconds"]), "us"))
    synthetic = os.path.join(run.work, "synthetic-1000000x64.f32")
    if not os.path.exists(synthetic):
        step("writing the synthetic 1,000,000 × 64 set for the peers: " + synthetic)
        run.soma("write-synthetic", synthetic)
    step("1M × 64 SGD epoch: Soma")
    soma = run.soma("sgd-epoch", "synthetic", "1", str(args.large_repeats), "10")
    step("1M × 64 SGD epoch: scikit-learn")
    sk = run.python("sklearn-sgd-epoch", "synthetic", synthetic, "--warm", "0", "--repeats", str(args.large_repeats),
                    "--epochs", "10")
    rows.append(("synthetic 1,000,000 × 64, one SGD epoch (the same)", Figure(soma["epoch_seconds"]),
                 "scikit-learn `SGDClassifier`", Figure(sk["epoch_seconds"]), "ms"))

    # 3. The first fit in a fresh process.
    soma_first, sk_first, soma_process, sk_process, soma_read, sk_read = [], [], [], [], [], []
    for i in range(run.runs):
        step("first fit in a fresh process, %d of %d" % (i + 1, run.runs))
        start = time.perf_counter()
        soma = run.soma("first-fit", run.csv)
        soma_process.append(time.perf_counter() - start)
        start = time.perf_counter()
        sk = run.python("sklearn-first-fit", run.csv)
        sk_process.append(time.perf_counter() - start)
        soma_first.append(soma["fit_seconds"])
        soma_read.append(soma["read_seconds"])
        sk_first.append(sk["fit_seconds"])
        sk_read.append(sk["read_seconds"])
    rows.append(("breast cancer, L-BFGS as above, **first fit** in a fresh process (the `fit` call only)",
                 Figure(soma_first), "scikit-learn in a fresh python", Figure(sk_first), "ms"))

    # 4. Whole processes, start to exit.
    soma_command = os.path.join(run.root, "soma")
    libsvm = os.path.join(run.work, "breast_cancer.libsvm")
    if run.liblinear_cli:
        run.python("write-libsvm", run.csv, libsvm)
    commands = {
        "quickstart": ([soma_command, "quickstart"], run.java_env),
        "train": ([soma_command, "train", "--data", run.csv], run.java_env),
        "python": ([sys.executable, os.path.join(HERE, "whole_process.py"), run.csv], run.python_env),
    }
    if run.liblinear_cli:
        commands["liblinear"] = ([run.liblinear_cli, "-s", "0", "-c", "1", "-B", "1", "-q", libsvm,
                                  os.path.join(run.work, "breast_cancer.liblinear-model")], run.python_env)
    else:
        notes.append("liblinear-train (Debian: liblinear-tools) is missing: no LIBLINEAR whole-process row.")
    # The least a JVM process costs here: the floor under every ./soma row.
    commands["probe"] = ([run.java, "-version"], run.java_env)
    times = {name: [] for name in commands}
    for i in range(run.runs):
        step("whole processes, round %d of %d" % (i + 1, run.runs))
        for name, (command, env) in commands.items():
            times[name].append(run.wall(command, env))
    python = Figure(times["python"])
    rows.append(("whole process: `./soma quickstart` (JVM start to exit)", Figure(times["quickstart"]),
                 "python3: pandas reads the CSV, StandardScaler, `LogisticRegression(C=1)`", python, "s"))
    rows.append(("whole process: `./soma train --data datasets/breast_cancer/train.csv`", Figure(times["train"]),
                 "the same python3 process", python, "s"))
    if run.liblinear_cli:
        rows.append(("whole process: `./soma train --data datasets/breast_cancer/train.csv`", Figure(times["train"]),
                     "`liblinear-train -s 0 -c 1 -B 1` on the same data (LIBSVM format)", Figure(times["liblinear"]),
                     "s"))

    total = time.perf_counter() - began
    out = ["## Soma and its peers, same machine, same run", ""]
    out += machine(run.java)
    out += ["", "Medians of n runs [min–max]; Soma/peer below 1 means Soma is faster. Total %.0f s." % total, ""]
    out += ["| work | Soma | peer | peer time | Soma/peer |", "|---|---:|---|---:|---:|"]
    for work, soma_figure, peer, peer_figure, unit in rows:
        out.append("| %s | %s | %s | %s | %s |" % (work, soma_figure.show(unit), peer, peer_figure.show(unit),
                                                    ratio(soma_figure, peer_figure)))
    out += ["", "First fit in a fresh process, the whole child process (start, reading, standardising, two fits, "
                "exit): Soma %s; scikit-learn %s. Before its fit, reading and standardising the CSV took Soma %s; python %s "
                "(with importing pandas and scikit-learn)." % (Figure(soma_process).show("s"), Figure(sk_process).show("s"),
                                                              Figure(soma_read).show("ms"), Figure(sk_read).show("ms")),
            "", "The floor under every `./soma` row, a JVM that starts and prints its version (`java -version`): %s."
                % Figure(times["probe"]).show("s"),
            "", "Solutions of the breast-cancer L-BFGS rows (J = mean log loss + (λ/2)‖w‖², λ = 1/(C·n), the bias "
                "not penalised; gradient 2-norm of J):", "",
            "| solver | iterations | J | ‖∇J‖₂ |", "|---|---:|---:|---:|"]
    for name, iterations, cost, grad in quality:
        shown = "%d" % iterations if iterations != "" else ""
        out.append("| %s | %s | %.10f | %.2e |" % (name, shown, cost, grad))
    out += [""] + ["- " + note for note in notes]
    text = "\n".join(out).rstrip() + "\n"
    with open(os.path.join(run.work, "results.md"), "w") as results:
        results.write(text)
    print(text)
    step("written to " + os.path.join(run.work, "results.md"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    everything = sub.add_parser("all", help="run everything and print the table (the default)")
    for p in (parser, everything):
        p.add_argument("--root", default=os.path.dirname(os.path.dirname(HERE)), help="the Soma checkout")
        p.add_argument("--java", default="java", help="the JDK 25 java")
        p.add_argument("--runs", type=int, default=5, help="fresh processes per whole-process and first-fit row")
        p.add_argument("--large-repeats", type=int, default=3, help="repeats of the 1M × 64 SGD epoch")
    warm = sub.add_parser("sklearn-lbfgs-warm")
    warm.add_argument("csv")
    warm.add_argument("--warm", type=int, default=20)
    warm.add_argument("--measured", type=int, default=200)
    warm.set_defaults(run=cmd_sklearn_lbfgs_warm)
    first = sub.add_parser("sklearn-first-fit")
    first.add_argument("csv")
    first.set_defaults(run=cmd_sklearn_first_fit)
    sgd = sub.add_parser("sklearn-sgd-epoch")
    sgd.add_argument("kind", choices=["breast", "synthetic"])
    sgd.add_argument("data")
    sgd.add_argument("--warm", type=int, default=1)
    sgd.add_argument("--repeats", type=int, default=5)
    sgd.add_argument("--epochs", type=int, default=10)
    sgd.set_defaults(run=cmd_sklearn_sgd_epoch)
    lib = sub.add_parser("liblinear-warm")
    lib.add_argument("csv")
    lib.add_argument("--warm", type=int, default=50)
    lib.add_argument("--measured", type=int, default=500)
    lib.set_defaults(run=cmd_liblinear_warm)
    svm = sub.add_parser("write-libsvm")
    svm.add_argument("csv")
    svm.add_argument("out")
    svm.set_defaults(run=cmd_write_libsvm)
    args = parser.parse_args()
    if getattr(args, "run", None):
        args.run(args)
    else:
        orchestrate(args)


if __name__ == "__main__":
    main()
