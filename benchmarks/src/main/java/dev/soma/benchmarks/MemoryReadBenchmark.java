package dev.soma.benchmarks;

import dev.soma.engine.kernels.Kernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory-read reference: a sum of every float of the synthetic 1,000,000 × 64 matrix (256 MB), the least
 * work that still reads all of it. Its vector time is the floor for a {@code "batch"} epoch over the same data;
 * 256 MB divided by it is the bandwidth one thread gets on this machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class MemoryReadBenchmark {

    @Param({"scalar", "vector"})
    public String kernels;

    private float[] x;
    private Kernels k;

    @Setup(Level.Trial)
    public void setUp() {
        k = KernelPaths.named(kernels);
        x = SyntheticLogistic.standard().x;
    }

    @Benchmark
    public float sum() {
        return k.sum(x, 0, x.length);
    }

    /** The bytes one {@link #sum} reads. */
    static long bytes() {
        return (long) SyntheticLogistic.ROWS * SyntheticLogistic.FEATURES * Float.BYTES;
    }
}
