package dev.soma.benchmarks;

import java.util.List;
import java.util.function.Consumer;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The two ways to run the suite, each a list of JMH runs (JMH restricts a parameter across a whole run, so a
 * profile that needs a parameter value for one benchmark only takes two runs).
 *
 * <p>{@code quick} finishes in under 5 minutes on 2 cores: dot and sigmoid at L1, L2-target, L3 and RAM sizes, the
 * other kernels at two sizes, short iterations, Tribuo on {@code sgd} only, the scalar time-to-optimum left out; of the
 * small-data benchmarks only the breast-cancer L-BFGS fit (both paths), the vector fit overhead of L-BFGS and 3 forks of
 * the breast-cancer first fit. {@code full} runs every benchmark at every size with the
 * iteration counts the benchmark classes declare.
 */
enum Profile {

    QUICK(List.of(
            options -> shortIterations(options)
                    .include(benchmarks("KernelBenchmark\\.(dot|sigmoid)"))
                    .param("floats", "1024", "4096", "1048576", "33554432"),
            options -> shortIterations(options)
                    .include(benchmarks("KernelBenchmark\\.(gemv|gemvRowByRow|axpy)"))
                    .param("floats", "4096", "33554432"),
            options -> shortIterations(options)
                    .include(benchmarks("MemoryReadBenchmark\\..*", "EpochBenchmark\\..*",
                            "ParallelEpochBenchmark\\..*")),
            options -> shortIterations(options)
                    .include(benchmarks("TribuoEpochBenchmark\\..*"))
                    .param("optimizer", "sgd"),
            options -> shortIterations(options)
                    .include(benchmarks("TimeToOptimumBenchmark\\..*", "FitOverheadBenchmark\\.lbfgs"))
                    .param("kernels", "vector"),
            options -> shortIterations(options)
                    .include(benchmarks("SmallDataBenchmark\\.lbfgs"))
                    .param("data", SmallData.BREAST_CANCER),
            options -> options.include(benchmarks("FirstFitBenchmark\\..*"))
                    .param("kernels", "default")
                    .param("data", SmallData.BREAST_CANCER)
                    .forks(3))),

    FULL(List.of(
            options -> options.include(benchmarks("KernelBenchmark\\..*", "MemoryReadBenchmark\\..*",
                    "EpochBenchmark\\..*", "ParallelEpochBenchmark\\..*", "TimeToOptimumBenchmark\\..*",
                    "TribuoEpochBenchmark\\..*", "MlpEpochBenchmark\\..*", "SmallDataBenchmark\\..*",
                    "FitOverheadBenchmark\\..*")),
            options -> options.include(benchmarks("FirstFitBenchmark\\..*"))
                    .param("data", SmallData.BREAST_CANCER, FirstFitBenchmark.SYNTHETIC_1M),
            // After reading the 1M x 64 CSV (about 20 s a fork): the default kernels only, 5 forks.
            options -> options.include(benchmarks("FirstFitBenchmark\\..*"))
                    .param("kernels", "default")
                    .param("data", FirstFitBenchmark.SYNTHETIC_1M_CSV)
                    .forks(5),
            // The first fit in JVMs that never load the Vector API (a run of its own: its forks' arguments differ).
            options -> options.include(benchmarks("FirstFitBenchmark\\..*"))
                    .param("kernels", "default")
                    .param("data", SmallData.BREAST_CANCER)
                    .jvmArgsAppend("--add-modules=jdk.incubator.vector", "-Xmx4g", "-Dsoma.kernels=scalar")));

    private final List<Consumer<ChainedOptionsBuilder>> runs;

    Profile(List<Consumer<ChainedOptionsBuilder>> runs) {
        this.runs = runs;
    }

    /** The runs, each completing an options builder that already carries the suite's common settings. */
    List<Consumer<ChainedOptionsBuilder>> runs() {
        return runs;
    }

    /**
     * Short, but past the JIT: the vector kernels need about a second before C2 has compiled them (a single 0.5 s
     * warm-up left the first measured iteration at a fifth of the steady speed).
     */
    private static ChainedOptionsBuilder shortIterations(ChainedOptionsBuilder options) {
        return options.warmupIterations(2)
                .warmupTime(TimeValue.milliseconds(750))
                .measurementIterations(3)
                .measurementTime(TimeValue.milliseconds(400));
    }

    private static String benchmarks(String... names) {
        return "^dev\\.soma\\.benchmarks\\.(?:" + String.join("|", names) + ")$";
    }
}
