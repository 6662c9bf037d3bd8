package dev.soma.benchmarks;

import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.PassSums;
import dev.soma.engine.kernels.Rows;
import java.util.SplittableRandom;
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
 * The vector kernels against their scalar twins, in the same run and the same JVM: the {@code kernels}
 * parameter picks the path, everything else is equal. Every fork has the Vector API module, so the scalar rows
 * measure the scalar code, not a JVM without the module.
 *
 * <p>{@code floats} is the length of each operand; the working set ({@link #workingSetBytes}) is two operands
 * of that length, so 1024 floats (8 KiB) lives in L1, 32768 (256 KiB) in L2, 1 Mi (8 MiB) in L3 and
 * 32 Mi (256 MiB) in main memory on the machines we measure (L1d 32–48 KiB, L2 0.5–2 MiB, L3 ≥ 32 MiB). 4096 is
 * the sigmoid target's size.
 *
 * <ul>
 *   <li>{@code dot}: one dot product of two vectors.</li>
 *   <li>{@code axpy}: {@code y += αx}.</li>
 *   <li>{@code sigmoid}: σ of a vector into another.</li>
 *   <li>{@code gemvRowByRow}: a row-major matrix of {@code floats} floats and {@value #GEMV_COLUMNS} columns
 *       times a vector, one dot product per row (the matrix is the operand; the vector stays in L1).</li>
 *   <li>{@code gemv}: the same product with the engine's gemv, four rows sharing each load of the vector.</li>
 *   <li>{@code logisticPass}: the fused logistic-regression pass (z, σ, loss, δ, {@code g += Xᵀδ}) over the same
 *       matrix: one full-batch epoch of that data.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class KernelBenchmark {

    static final int GEMV_COLUMNS = 256;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"1024", "4096", "32768", "1048576", "33554432"})
    public int floats;

    private Kernels k;
    private float[] a;
    private float[] b;
    private float[] w;
    private float[] rowLabels;
    private float[] rowScores;
    private float[] g;
    private final PassSums sums = new PassSums();
    private Rows rows;

    @Setup(Level.Trial)
    public void setUp() {
        k = KernelPaths.named(kernels);
        SplittableRandom random = new SplittableRandom(42);
        a = uniform(random, floats, 1f);
        b = uniform(random, floats, 1f);
        w = uniform(random, GEMV_COLUMNS, 0.1f);
        int matrixRows = Math.max(1, floats / GEMV_COLUMNS);
        rows = Rows.range(0, matrixRows);
        rowScores = new float[matrixRows];
        rowLabels = new float[matrixRows];
        for (int i = 0; i < matrixRows; i++) {
            rowLabels[i] = random.nextBoolean() ? 1f : 0f;
        }
        g = new float[GEMV_COLUMNS];
    }

    /** The bytes a benchmark of this size reads: two operands of {@code floats} floats. */
    static long workingSetBytes(int floats) {
        return 2L * floats * Float.BYTES;
    }

    @Benchmark
    public float dot() {
        return k.dot(a, 0, b, 0, floats);
    }

    @Benchmark
    public float[] axpy() {
        k.axpy(1e-7f, a, 0, b, 0, floats);
        return b;
    }

    @Benchmark
    public float[] sigmoid() {
        k.sigmoid(a, b, 0, floats);
        return b;
    }

    @Benchmark
    public float[] gemvRowByRow() {
        for (int r = 0; r < rows.size(); r++) {
            rowScores[r] = k.dot(a, r * GEMV_COLUMNS, w, 0, GEMV_COLUMNS);
        }
        return rowScores;
    }

    @Benchmark
    public float[] gemv() {
        k.gemv(a, GEMV_COLUMNS, rows, w, 0f, rowScores, 0);
        return rowScores;
    }

    @Benchmark
    public double logisticPass() {
        sums.clear();
        k.logisticPass(a, GEMV_COLUMNS, rows, rowLabels, 0, w, 0.1f, rowScores, 0, g, sums);
        return sums.loss;
    }

    private static float[] uniform(SplittableRandom random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble(-1, 1) * scale);
        }
        return v;
    }
}
