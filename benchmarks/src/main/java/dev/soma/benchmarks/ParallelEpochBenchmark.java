package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.kernels.Kernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A data-parallel {@code "batch"} epoch on the synthetic 1,000,000 × 64 dataset with the vector kernels, on one
 * thread and on two in the same run. The chunks' sums are added in a fixed order, so the weights are the
 * same for any thread count (tested in the engine); this measures what the second core buys. Each invocation
 * trains {@value #EPOCHS} epochs from zero with every stopping rule but the budget off, and checks that they ran,
 * as {@link EpochBenchmark} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class ParallelEpochBenchmark {

    static final int EPOCHS = 10;

    @Param({"1", "2"})
    public int threads;

    /** Rows of the synthetic data: the full size in a benchmark run; tests set a small one before set-up. */
    int rows = SyntheticLogistic.ROWS;

    /** The kernels: always the vector ones in a benchmark run; tests on the scalar fallback set scalar. */
    String kernels = "vector";

    private Dataset data;
    private Kernels k;

    @Setup(Level.Trial)
    public void setUp() {
        k = KernelPaths.named(kernels);
        data = SyntheticLogistic.generate(rows).dataset();
    }

    @Benchmark
    @OperationsPerInvocation(EPOCHS)
    public LogisticRegression batchEpoch() {
        return EpochBenchmark.train("ParallelEpochBenchmark", data, "batch", k, threads, EPOCHS);
    }
}
