package dev.soma.benchmarks;

import dev.soma.engine.kernels.Kernels;
import java.util.Arrays;
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
 * The sparse kernels (issue 17), vector against scalar in the same run: {@code sparseDot} (a sparse row times a
 * dense weight vector, a gather) and {@code sparseAxpy} (a sparse row added into a dense vector, a scatter-add).
 * One operation is one row of {@code nnz} non-zeros.
 *
 * <p>The rows are CSR arrays of about {@value #TOTAL_NNZ} non-zeros in all, each row's indices random, distinct
 * and increasing over a dense vector of {@code dim} floats (2^17 = 512 KiB, in L2; 2^20 = 4 MiB, in L3), and
 * every operation takes the next row, so that the row's values and indices stream from memory and its entries of
 * the dense vector are cache misses of the kind a sparse epoch has, while the dense vector itself stays warm
 * (it is used over and over). {@code sparseAxpy} adds with a tiny factor, so the vector stays bounded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class SparseKernelBenchmark {

    /** Non-zeros of all the rows together: 8 MiB of values and indices, beyond L2. */
    static final int TOTAL_NNZ = 1 << 20;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"8", "16", "45", "128", "512", "4096"})
    public int nnz;

    @Param({"131072", "1048576"})
    public int dim;

    private Kernels k;
    private float[] values;
    private int[] indices;
    private float[] w;
    private int rows;
    private int row;

    @Setup(Level.Trial)
    public void setUp() {
        k = KernelPaths.named(kernels);
        SplittableRandom random = new SplittableRandom(17);
        rows = Math.max(1, TOTAL_NNZ / nnz);
        values = new float[rows * nnz];
        indices = new int[rows * nnz];
        boolean[] taken = new boolean[dim];
        int[] picked = new int[nnz];
        for (int r = 0; r < rows; r++) {
            for (int e = 0; e < nnz; e++) {
                int j;
                do {
                    j = random.nextInt(dim);
                } while (taken[j]);
                taken[j] = true;
                picked[e] = j;
            }
            Arrays.sort(picked);
            for (int e = 0; e < nnz; e++) {
                taken[picked[e]] = false;
                indices[r * nnz + e] = picked[e];
                values[r * nnz + e] = (float) random.nextDouble(-1, 1);
            }
        }
        w = new float[dim];
        for (int j = 0; j < dim; j++) {
            w[j] = (float) random.nextDouble(-0.1, 0.1);
        }
        row = 0;
    }

    private int nextRow() {
        int r = row;
        row = r + 1 == rows ? 0 : r + 1;
        return r * nnz;
    }

    @Benchmark
    public float sparseDot() {
        int from = nextRow();
        return k.sparseDot(values, indices, from, from + nnz, w);
    }

    @Benchmark
    public float[] sparseAxpy() {
        int from = nextRow();
        k.sparseAxpy(1e-7f, values, indices, from, from + nnz, w);
        return w;
    }
}
