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
 * work that still reads all of it. Its time is the floor for a {@code "batch"} epoch over the same data; 256 MB
 * divided by it is the bandwidth one thread gets on this machine.
 *
 * <ul>
 *   <li>{@code vector}: the engine's SIMD {@code Kernels.sum}.</li>
 *   <li>{@code scalar}: a plain Java loop with {@value #ACCUMULATORS} independent float accumulators
 *       ({@link #scalarSum}), not the engine's scalar {@code sum}: that one is a single chain of dependent
 *       additions, each waiting for the previous one (3–4 cycles), so it measures the latency of a float add
 *       (about 1 float per cycle), not memory. With {@value #ACCUMULATORS} chains in flight the loop can retire a
 *       load and an add every cycle, faster than main memory delivers floats, so what it measures is the
 *       bandwidth a scalar loop gets. On the development machine (AVX2 EPYC) this loop sums about 7 G floats/s
 *       with its data in L1 or L2 and 5 G floats/s over the 256 MB matrix, so at this size memory bounds it;
 *       the single chain runs at 1.2 G floats/s whatever the size.</li>
 * </ul>
 *
 * <p>The floor is the faster of the two rows, and on AVX-512 machines that is {@code scalar}: measured on a
 * 2-core AVX-512 EPYC (Zen 4) the 8-accumulator loop reads the matrix in 11–12 ms (about 22 GB/s), the engine's
 * 512-bit {@code sum} in 13–15 ms, a 512-bit loop with two accumulators in 12–13 ms and one with eight in
 * 17–19 ms. A 64-byte vector load from a {@code float[]} (whose elements start 16 bytes into a cache line) spans
 * two lines, so the wide loads cost more than they save; the scalar loop's 4-byte loads never split. Compare a
 * {@code "batch"} epoch with the fastest read, not with the {@code vector} row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class MemoryReadBenchmark {

    /** Independent partial sums of the scalar reference: more than a float add's latency in cycles × loads per cycle. */
    static final int ACCUMULATORS = 8;

    @Param({"scalar", "vector"})
    public String kernels;

    /** Rows of the synthetic data: the full size in a benchmark run; tests set a small one before set-up. */
    int rows = SyntheticLogistic.ROWS;

    float[] x;
    private Kernels k;

    @Setup(Level.Trial)
    public void setUp() {
        k = kernels.equals("scalar") ? null : KernelPaths.named(kernels);
        x = SyntheticLogistic.generate(rows).x;
    }

    @Benchmark
    public float sum() {
        return k == null ? scalarSum(x) : k.sum(x, 0, x.length);
    }

    /**
     * The sum of {@code x} in {@value #ACCUMULATORS} interleaved partial sums ({@code s_j} takes the elements
     * {@code i ≡ j mod 8}), added together at the end.
     */
    static float scalarSum(float[] x) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (int end = x.length - ACCUMULATORS + 1; i < end; i += ACCUMULATORS) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < x.length; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The bytes one {@link #sum} reads. */
    static long bytes() {
        return (long) SyntheticLogistic.ROWS * SyntheticLogistic.FEATURES * Float.BYTES;
    }
}
