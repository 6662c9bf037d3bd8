package dev.soma.benchmarks;

import dev.soma.engine.kernels.KernelSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.openjdk.jmh.results.RunResult;

/** The suite's results as markdown tables: every row puts the scalar and the vector path side by side. */
final class Report {

    private final List<RunResult> results;
    private final Profile profile;
    private final double minutes;

    Report(Collection<RunResult> results, Profile profile, double minutes) {
        this.results = List.copyOf(results);
        this.profile = profile;
        this.minutes = minutes;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Machine\n\n").append(machine()).append('\n');
        md.append(String.format(Locale.ROOT, "Profile `%s`, %.1f minutes.%n%n", profile.name().toLowerCase(Locale.ROOT),
                minutes));
        kernels(md);
        memoryRead(md);
        epochs(md);
        parallel(md);
        timeToOptimum(md);
        mlp(md);
        smallData(md);
        fitOverhead(md);
        firstFit(md);
        return md.toString();
    }

    private void kernels(StringBuilder md) {
        List<RunResult> kernelRuns = of("KernelBenchmark");
        if (kernelRuns.isEmpty()) {
            return;
        }
        md.append("## Kernels\n\nThroughput in GB/s of operands read (two vectors of `floats` floats; for gemv and "
                + "the fused pass, the matrix), one thread; speed-up = vector / scalar in the same run.\n\n");
        md.append("| kernel | floats | working set | scalar GB/s | vector GB/s | speed-up |\n|---|---:|---:|---:|---:|---:|\n");
        Map<String, Map<Integer, Map<String, RunResult>>> byMethod = new TreeMap<>();
        for (RunResult r : kernelRuns) {
            byMethod.computeIfAbsent(method(r), m -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(r.getParams().getParam("floats")), f -> new TreeMap<>())
                    .put(r.getParams().getParam("kernels"), r);
        }
        byMethod.forEach((method, sizes) -> sizes.forEach((floats, paths) -> {
            RunResult scalar = paths.get("scalar");
            RunResult vector = paths.get("vector");
            double s = scalar == null ? Double.NaN : gigabytesPerSecond(method, floats, score(scalar));
            double v = vector == null ? Double.NaN : gigabytesPerSecond(method, floats, score(vector));
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | **%.2f×** |%n", method, floats,
                    size(bytesRead(method, floats)), s, v, v / s));
        }));
        md.append('\n');
    }

    /** Bytes a kernel benchmark reads per operation (see {@link KernelBenchmark}). */
    static long bytesRead(String method, int floats) {
        return switch (method) {
            case "gemv", "gemvRowByRow", "logisticPass" -> (long) floats * Float.BYTES;
            default -> KernelBenchmark.workingSetBytes(floats);
        };
    }

    static double gigabytesPerSecond(String method, int floats, double opsPerMillisecond) {
        return opsPerMillisecond * bytesRead(method, floats) / 1e6;
    }

    private void memoryRead(StringBuilder md) {
        Optional<Double> vector = time("MemoryReadBenchmark", r -> "vector".equals(r.getParams().getParam("kernels")));
        Optional<Double> scalar = time("MemoryReadBenchmark", r -> "scalar".equals(r.getParams().getParam("kernels")));
        if (vector.isEmpty()) {
            return;
        }
        double gb = MemoryReadBenchmark.bytes() / 1e9;
        md.append("## Memory-read reference\n\nA sum over the 1,000,000 × 64 float matrix (256 MB), one thread; "
                + "scalar: a plain loop with 8 independent accumulators (see `MemoryReadBenchmark`).\n\n");
        md.append("| path | ms | GB/s |\n|---|---:|---:|\n");
        scalar.ifPresent(s -> md.append(String.format(Locale.ROOT, "| scalar | %.2f | %.2f |%n", s, gb / (s / 1e3))));
        md.append(String.format(Locale.ROOT, "| vector | %.2f | %.2f |%n%n", vector.get(), gb / (vector.get() / 1e3)));
    }

    private void epochs(StringBuilder md) {
        List<RunResult> runs = of("EpochBenchmark");
        if (runs.isEmpty()) {
            return;
        }
        Optional<Double> memory = time("MemoryReadBenchmark", r -> "vector".equals(r.getParams().getParam("kernels")));
        md.append("## Training epochs, 1,000,000 × 64\n\nMilliseconds per epoch through the public `Trainer` (see "
                + "`EpochBenchmark`), one thread. Tribuo: `LinearSGDTrainer`, log loss, plain SGD, same data and "
                + "batch size, same run.\n\n");
        md.append("| optimizer | scalar ms | vector ms | vector speed-up | vector / memory read | Tribuo ms | "
                + "Tribuo / Soma vector |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (String optimizer : new TreeSet<>(runs.stream().map(r -> r.getParams().getParam("optimizer")).toList())) {
            Optional<Double> scalar = time("EpochBenchmark", r -> optimizer.equals(r.getParams().getParam("optimizer"))
                    && "scalar".equals(r.getParams().getParam("kernels")));
            Optional<Double> vector = time("EpochBenchmark", r -> optimizer.equals(r.getParams().getParam("optimizer"))
                    && "vector".equals(r.getParams().getParam("kernels")));
            Optional<Double> tribuo = time("TribuoEpochBenchmark",
                    r -> optimizer.equals(r.getParams().getParam("optimizer")));
            double s = scalar.orElse(Double.NaN);
            double v = vector.orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | **%.2f×** | %s | %s | %s |%n", optimizer, s, v,
                    s / v, memory.map(m -> String.format(Locale.ROOT, "%.2f×", v / m)).orElse("–"),
                    tribuo.map(t -> String.format(Locale.ROOT, "%.1f", t)).orElse("–"),
                    tribuo.map(t -> String.format(Locale.ROOT, "%.2f×", t / v)).orElse("–")));
        }
        md.append('\n');
    }

    private void parallel(StringBuilder md) {
        Optional<Double> one = time("ParallelEpochBenchmark", r -> "1".equals(r.getParams().getParam("threads")));
        Optional<Double> two = time("ParallelEpochBenchmark", r -> "2".equals(r.getParams().getParam("threads")));
        if (one.isEmpty() || two.isEmpty()) {
            return;
        }
        md.append("## Two threads\n\n`\"batch\"` epoch, vector kernels, 1,000,000 × 64.\n\n");
        md.append("| 1 thread ms | 2 threads ms | speed-up |\n|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %.1f | %.1f | **%.2f×** |%n%n", one.get(), two.get(),
                one.get() / two.get()));
    }

    private void timeToOptimum(StringBuilder md) {
        List<RunResult> runs = of("TimeToOptimumBenchmark");
        if (runs.isEmpty()) {
            return;
        }
        md.append("## Time to optimum\n\n`\"lbfgs\"` from zero to within 1e-6 of the optimum mean log loss, "
                + "1,000,000 × 64, after JIT warm-up (whole `fit`).\n\n");
        md.append("| kernels | threads | seconds |\n|---|---:|---:|\n");
        for (RunResult r : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.3f |%n", r.getParams().getParam("kernels"),
                    r.getParams().getParam("threads"), score(r) / 1e3));
        }
        md.append('\n');
    }

    private void mlp(StringBuilder md) {
        Optional<Double> scalar = time("MlpEpochBenchmark", r -> "scalar".equals(r.getParams().getParam("kernels")));
        Optional<Double> vector = time("MlpEpochBenchmark", r -> "vector".equals(r.getParams().getParam("kernels")));
        if (scalar.isEmpty() || vector.isEmpty()) {
            return;
        }
        md.append("## MLP epoch\n\n4096 × 64, one tanh layer of 64, minibatch 32, Adam; epochs only, the fit's "
                + "fixed costs untimed (see `MlpEpochBenchmark`).\n\n");
        md.append("| scalar ms | vector ms | speed-up |\n|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %.2f | %.2f | **%.2f×** |%n%n", scalar.get(), vector.get(),
                scalar.get() / vector.get()));
    }

    private void smallData(StringBuilder md) {
        List<RunResult> runs = of("SmallDataBenchmark");
        if (runs.isEmpty()) {
            return;
        }
        md.append("## Small data\n\nMicroseconds, warm, through the public `Trainer` (see `SmallDataBenchmark`): "
                + "`lbfgs` is a whole fit (L2 with C = 1, standardised, to gradient norm 1e-6); the epochs are "
                + "32-epoch fits divided by 32.\n\n");
        md.append("| data | work | scalar µs | vector µs | vector speed-up |\n|---|---|---:|---:|---:|\n");
        Map<String, Map<String, Map<String, RunResult>>> byData = new TreeMap<>();
        for (RunResult r : runs) {
            byData.computeIfAbsent(r.getParams().getParam("data"), d -> new TreeMap<>())
                    .computeIfAbsent(method(r), m -> new TreeMap<>())
                    .put(r.getParams().getParam("kernels"), r);
        }
        byData.forEach((data, methods) -> methods.forEach((method, paths) -> {
            double s = paths.containsKey("scalar") ? score(paths.get("scalar")) : Double.NaN;
            double v = paths.containsKey("vector") ? score(paths.get("vector")) : Double.NaN;
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | **%.2f×** |%n", data, method, s, v, s / v));
        }));
        md.append('\n');
    }

    private void fitOverhead(StringBuilder md) {
        List<RunResult> runs = of("FitOverheadBenchmark");
        if (runs.isEmpty()) {
            return;
        }
        md.append("## Fixed cost of a fit\n\nMicroseconds, warm: a whole one-epoch fit on 16 rows × 30 (see "
                + "`FitOverheadBenchmark`); the passes over those rows cost under a microsecond.\n\n");
        md.append("| optimizer | kernels | µs |\n|---|---|---:|\n");
        for (RunResult r : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f |%n", method(r), r.getParams().getParam("kernels"),
                    score(r)));
        }
        md.append('\n');
    }

    private void firstFit(StringBuilder md) {
        List<RunResult> runs = of("FirstFitBenchmark");
        if (runs.isEmpty()) {
            return;
        }
        md.append("## First fit in a fresh JVM\n\nMilliseconds for the first `fit` call, one per fork (see "
                + "`FirstFitBenchmark`): the median, the fastest and the slowest fork.\n\n");
        md.append("| data | kernels | JVM | forks | median ms | min ms | max ms |\n|---|---|---|---:|---:|---:|---:|\n");
        for (RunResult r : runs) {
            List<Double> times = new ArrayList<>();
            r.getBenchmarkResults().forEach(b -> b.getIterationResults()
                    .forEach(i -> times.add(i.getPrimaryResult().getScore())));
            times.sort(null);
            if (times.isEmpty()) {
                continue;
            }
            int n = times.size();
            double median = n % 2 == 1 ? times.get(n / 2) : (times.get(n / 2 - 1) + times.get(n / 2)) / 2;
            boolean scalarJvm = r.getParams().getJvmArgs().stream().anyMatch(a -> a.equals("-Dsoma.kernels=scalar"));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.1f | %.1f |%n",
                    r.getParams().getParam("data"), r.getParams().getParam("kernels"),
                    scalarJvm ? "-Dsoma.kernels=scalar" : "Vector API module", n, median, times.get(0),
                    times.get(n - 1)));
        }
        md.append('\n');
    }

    private List<RunResult> of(String benchmarkClass) {
        List<RunResult> matching = new ArrayList<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().contains("." + benchmarkClass + ".")) {
                matching.add(r);
            }
        }
        return matching;
    }

    /** The score (ms per operation for the time benchmarks) of the one run of the class that matches. */
    private Optional<Double> time(String benchmarkClass, Predicate<RunResult> which) {
        return of(benchmarkClass).stream().filter(which).findFirst().map(Report::score);
    }

    static double score(RunResult r) {
        return r.getPrimaryResult().getScore();
    }

    static String method(RunResult r) {
        String benchmark = r.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static String size(long bytes) {
        if (bytes >= 1 << 20) {
            return (bytes >> 20) + " MiB";
        }
        return (bytes >> 10) + " KiB";
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            }
        } catch (IOException e) {
            // The CPU's name is a nicety of the report; the figures stand without it.
        }
        int bits = KernelSelection.vector().map(k -> k.vectorBits()).orElse(0);
        return String.format(Locale.ROOT, "- CPU: %s, %d cores visible to the JVM; preferred vector %d bits%n"
                        + "- JVM: %s %s (%s)%n- OS: %s %s%n", cpu, Runtime.getRuntime().availableProcessors(), bits,
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
