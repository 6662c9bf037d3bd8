package dev.soma.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the given command-line options (the same as {@code java -jar benchmarks.jar}) and prints, for
 * every benchmark and parameter set, the speed-up of the vector kernels over the scalar ones in the same run:
 * vector/scalar for throughput scores, scalar/vector for time-per-operation scores.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.soma.benchmarks.Ratios KernelBenchmark</pre>
 */
public final class Ratios {

    private Ratios() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        Map<String, Map<String, RunResult>> byCase = new TreeMap<>();
        for (RunResult r : results) {
            var params = r.getParams();
            String kernels = params.getParam("kernels");
            if (kernels == null) {
                continue;
            }
            String others = params.getParamsKeys().stream()
                    .filter(key -> !key.equals("kernels"))
                    .map(key -> key + "=" + params.getParam(key))
                    .collect(Collectors.joining(", "));
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.', params.getBenchmark().lastIndexOf('.') - 1) + 1);
            byCase.computeIfAbsent(name + (others.isEmpty() ? "" : " (" + others + ")"), c -> new TreeMap<>())
                    .put(kernels, r);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-50s %16s %16s %9s%n", "benchmark", "scalar", "vector", "speed-up");
        for (var entry : byCase.entrySet()) {
            RunResult scalar = entry.getValue().get("scalar");
            RunResult vector = entry.getValue().get("vector");
            if (scalar == null || vector == null) {
                continue;
            }
            double s = scalar.getPrimaryResult().getScore();
            double v = vector.getPrimaryResult().getScore();
            String unit = scalar.getPrimaryResult().getScoreUnit();
            boolean throughput = scalar.getParams().getMode() == Mode.Throughput;
            double speedUp = throughput ? v / s : s / v;
            System.out.printf(Locale.ROOT, "%-50s %9.3f ±%5.1f%% %9.3f ±%5.1f%% %8.2fx  (%s)%n", entry.getKey(),
                    s, relativeError(scalar), v, relativeError(vector), speedUp, unit);
        }
    }

    private static double relativeError(RunResult r) {
        double error = r.getPrimaryResult().getScoreError();
        return Double.isNaN(error) ? Double.NaN : 100 * error / r.getPrimaryResult().getScore();
    }
}
