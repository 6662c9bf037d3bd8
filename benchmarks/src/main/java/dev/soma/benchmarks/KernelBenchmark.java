package dev.soma.benchmarks;

import dev.soma.engine.kernels.KernelSelection;
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
 * <ul>
 *   <li>{@code dot}: one dot product of {@code d} floats (data in L1).</li>
 *   <li>{@code logisticPass}: the fused logistic-regression pass over {@value #ROWS} rows of {@code d} features:
 *       z, σ(z), loss, δ and {@code g += Xᵀδ} — one epoch of full-batch training on that data.</li>
 *   <li>{@code sigmoid}: σ over {@value #ROWS} floats.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class KernelBenchmark {

    static final int ROWS = 4096;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"30", "256"})
    public int d;

    private Kernels k;
    private float[] a;
    private float[] b;
    private float[] x;
    private float[] y;
    private float[] w;
    private float[] z;
    private float[] out;
    private float[] delta;
    private float[] g;
    private final PassSums sums = new PassSums();
    private Rows rows;

    @Setup(Level.Trial)
    public void setUp() {
        k = switch (kernels) {
            case "scalar" -> KernelSelection.scalar();
            case "vector" -> KernelSelection.vector().orElseThrow(() -> new IllegalStateException(
                    "the vector kernels are unavailable: run the fork with --add-modules jdk.incubator.vector"));
            default -> throw new IllegalArgumentException("kernels must be scalar or vector: " + kernels);
        };
        SplittableRandom random = new SplittableRandom(42);
        a = gaussian(random, d);
        b = gaussian(random, d);
        x = gaussian(random, ROWS * d);
        w = gaussian(random, d);
        for (int j = 0; j < d; j++) {
            w[j] *= 0.1f;
        }
        y = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            y[i] = random.nextBoolean() ? 1f : 0f;
        }
        z = gaussian(random, ROWS);
        out = new float[ROWS];
        delta = new float[ROWS];
        g = new float[d];
        rows = Rows.range(0, ROWS);
    }

    @Benchmark
    public float dot() {
        return k.dot(a, 0, b, 0, d);
    }

    @Benchmark
    public double logisticPass() {
        sums.clear();
        k.logisticPass(x, d, rows, y, 0, w, 0.1f, delta, 0, g, sums);
        return sums.loss;
    }

    @Benchmark
    public float[] sigmoid() {
        k.sigmoid(z, out, 0, ROWS);
        return out;
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller: JMH state set-up only.
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return v;
    }
}
