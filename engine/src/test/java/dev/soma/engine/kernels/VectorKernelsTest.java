package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector kernel against its scalar twin, over the lengths where loop bounds and tails go wrong
 * (0, 1, lanes−1, lanes, lanes+1, 3·lanes+1, 4·lanes·4+3 and a large one), on random data.
 *
 * <p>Tolerances. The two paths sum in different orders, so a sum of k products may differ by up to
 * {@code 2·k·u·Σ|terms|} (u = 2⁻²⁴, each path within {@code k·u·Σ|terms|} of the exact sum); elementwise
 * products must be bit-identical; the transcendental kernels (sigmoid, the loss) may differ by a few float ulps
 * relative to the value ({@value #TRANSCENDENTAL_RELATIVE}) because the vector path evaluates exp and log1p in
 * float. Skipped in the scalar-fallback run, where the vector kernels cannot load.
 */
class VectorKernelsTest {

    static final double UNIT_ROUNDOFF = Math.ulp(1.0f) / 2;
    static final double TRANSCENDENTAL_RELATIVE = 1e-6;

    private final Kernels scalar = KernelSelection.scalar();
    private Kernels vector;
    private final Random random = new Random(20261126);

    @BeforeEach
    void loadVector() {
        vector = KernelSelection.vector().orElse(null);
        assumeTrue(vector != null, "the vector kernels need --add-modules jdk.incubator.vector");
    }

    static IntStream lengths() {
        int lanes = KernelSelection.vector().map(Kernels::lanes).orElse(8);
        return IntStream.of(0, 1, lanes - 1, lanes, lanes + 1, 3 * lanes + 1, 16 * lanes + 3, 10_007).distinct();
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("lengths")
    void dotAgrees(int n) {
        float[] a = randomArray(n + 3);
        float[] b = randomArray(n + 5);
        for (int[] offsets : new int[][] {{0, 0}, {3, 5}}) {
            double bound = sumBound(a, offsets[0], b, offsets[1], n);
            float s = scalar.dot(a, offsets[0], b, offsets[1], n);
            float v = vector.dot(a, offsets[0], b, offsets[1], n);
            assertEquals(s, v, bound, "dot of " + n);
            assertEquals(exactDot(a, offsets[0], b, offsets[1], n), v, bound / 2 + 1e-30, "vector dot vs exact");
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("lengths")
    void axpyScaleAndHadamardAreElementwiseIdentical(int n) {
        float[] x = randomArray(n + 2);
        float[] y = randomArray(n + 4);
        float[] ys = y.clone();
        float[] yv = y.clone();
        scalar.axpy(-0.375f, x, 2, ys, 4, n);
        vector.axpy(-0.375f, x, 2, yv, 4, n);
        for (int i = 0; i < ys.length; i++) {
            boolean inRange = i >= 4 && i < 4 + n;
            if (!inRange) {
                assertEquals(y[i], yv[i], 0f, "axpy wrote outside its range at " + i);
                continue;
            }
            // The vector path fuses the multiply-add (one rounding), the scalar path rounds twice.
            double magnitude = Math.abs(y[i]) + 0.375 * Math.abs(x[i - 2]);
            assertEquals(ys[i], yv[i], 4 * UNIT_ROUNDOFF * magnitude, "axpy element " + i);
        }

        float[] s1 = x.clone();
        float[] v1 = x.clone();
        scalar.scale(1.7f, s1, 1, n);
        vector.scale(1.7f, v1, 1, n);
        assertArrayEquals(s1, v1, "scale");

        float[] a = randomArray(n);
        float[] b = randomArray(n);
        float[] hs = new float[n];
        float[] hv = new float[n];
        scalar.hadamard(a, b, hs, n);
        vector.hadamard(a, b, hv, n);
        assertArrayEquals(hs, hv, "hadamard");
    }

    /** The optimizers' update kernels round in the same order on both paths, so they agree bit for bit. */
    @ParameterizedTest(name = "n = {0}")
    @MethodSource("lengths")
    void optimizerUpdateKernelsAreBitIdentical(int n) {
        float[] x = randomArray(n + 1);
        float[] y = randomArray(n + 1);
        float[] positive = randomArray(n + 1);
        for (int i = 0; i < positive.length; i++) {
            positive[i] = positive[i] * positive[i];
        }
        x[0] = 0f; // sign(0) = 0
        assertSameResult(n, y, (k, out) -> k.axpby(0.9f, x, 0.1f, out, n));
        assertSameResult(n, y, (k, out) -> k.squareAxpby(0.001f, x, 0.999f, out, n));
        assertSameResult(n, y, (k, out) -> k.divSqrtAxpy(-0.01f, x, positive, 1e-8f, out, n));
        assertSameResult(n, y, (k, out) -> k.sign(x, out, n));
        float[] signs = new float[n + 1];
        vector.sign(x, signs, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Math.signum(x[i]), signs[i], "sign of " + x[i]);
        }
    }

    private void assertSameResult(int n, float[] start, java.util.function.BiConsumer<Kernels, float[]> op) {
        float[] s = start.clone();
        float[] v = start.clone();
        op.accept(scalar, s);
        op.accept(vector, v);
        assertArrayEquals(s, v);
        assertEquals(start[n], v[n], 0f, "wrote past n");
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("lengths")
    void sigmoidAgrees(int n) {
        float[] z = new float[n + 2];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (random.nextDouble() * 200 - 100);
        }
        float[] s = new float[z.length];
        float[] v = new float[z.length];
        scalar.sigmoid(z, s, 1, n + 1);
        vector.sigmoid(z, v, 1, n + 1);
        assertEquals(0f, v[0]);
        assertEquals(0f, v[n + 1]);
        for (int i = 1; i <= n; i++) {
            assertEquals(s[i], v[i], TRANSCENDENTAL_RELATIVE * s[i] + Float.MIN_NORMAL, "σ(" + z[i] + ")");
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("lengths")
    void gemvAgreesOverARangeAndAnIndexList(int d) {
        int n = 37; // not a multiple of the 4-row unrolling
        float[] x = randomArray(n * d);
        float[] w = randomArray(d);
        int[] index = shuffledIndex(n);
        for (Rows rows : new Rows[] {Rows.range(0, n), Rows.range(5, 30), Rows.indexed(index, 3, 34)}) {
            float[] zs = new float[rows.size() + 1];
            float[] zv = new float[rows.size() + 1];
            scalar.gemv(x, d, rows, w, 0.25f, zs, 1);
            vector.gemv(x, d, rows, w, 0.25f, zv, 1);
            for (int k = 0; k < rows.size(); k++) {
                double bound = sumBound(x, rows.row(k) * d, w, 0, d) + 2 * UNIT_ROUNDOFF;
                assertEquals(zs[k + 1], zv[k + 1], bound, rows + " position " + k);
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("lengths")
    void transposedProductAgrees(int d) {
        int n = 41;
        float[] x = randomArray(n * d);
        float[] delta = randomArray(n);
        int[] index = shuffledIndex(n);
        for (Rows rows : new Rows[] {Rows.range(0, n), Rows.indexed(index, 2, 39)}) {
            float[] start = randomArray(d);
            float[] gs = start.clone();
            float[] gv = start.clone();
            scalar.addTransposedProduct(x, d, rows, delta, 0, gs);
            vector.addTransposedProduct(x, d, rows, delta, 0, gv);
            for (int j = 0; j < d; j++) {
                double magnitude = Math.abs(start[j]);
                for (int k = 0; k < rows.size(); k++) {
                    magnitude += Math.abs(delta[k] * x[rows.row(k) * d + j]);
                }
                assertEquals(gs[j], gv[j], 2 * (rows.size() + 1) * UNIT_ROUNDOFF * magnitude, "g[" + j + "]");
            }
        }
    }

    /** The offset and stride forms, as a dense layer uses them: a weight matrix times one example, and δ's columns. */
    @ParameterizedTest(name = "d = {0}")
    @MethodSource("lengths")
    void layerFormsWithOffsetsAndStridesAgree(int d) {
        int units = 11;
        int batch = 9;
        float[] weights = randomArray(units * d);
        float[] activations = randomArray(batch * d + 3);
        float[] deltas = randomArray(batch * units);
        for (int r = 0; r < batch; r++) {
            float[] zs = new float[units + 2];
            float[] zv = new float[units + 2];
            scalar.gemv(weights, d, Rows.range(0, units), activations, 3 + r * d, 0.5f, zs, 2);
            vector.gemv(weights, d, Rows.range(0, units), activations, 3 + r * d, 0.5f, zv, 2);
            for (int o = 0; o < units; o++) {
                double bound = sumBound(weights, o * d, activations, 3 + r * d, d) + 2 * UNIT_ROUNDOFF;
                assertEquals(zs[o + 2], zv[o + 2], bound, "unit " + o + " of example " + r);
                assertEquals(exactDot(weights, o * d, activations, 3 + r * d, d) + 0.5, zv[o + 2], bound + 1e-6);
            }
        }
        for (int o = 0; o < units; o++) {
            float[] gs = new float[units * d];
            float[] gv = new float[units * d];
            scalar.addTransposedProduct(activations, d, Rows.range(0, batch), deltas, o, units, gs, o * d);
            vector.addTransposedProduct(activations, d, Rows.range(0, batch), deltas, o, units, gv, o * d);
            for (int j = 0; j < d; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int r = 0; r < batch; r++) {
                    double term = (double) deltas[r * units + o] * activations[r * d + j];
                    exact += term;
                    magnitude += Math.abs(term);
                }
                double bound = 2 * (batch + 1) * UNIT_ROUNDOFF * magnitude + 1e-30;
                assertEquals(gs[o * d + j], gv[o * d + j], 2 * bound, "column " + o + ", j " + j);
                assertEquals(exact, gv[o * d + j], bound, "column " + o + " against the exact sum");
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("lengths")
    void fusedLogisticPassAgrees(int d) {
        int n = 150; // two full blocks of 64 and a partial one
        float[] x = randomArray(n * d);
        float[] w = randomArray(d);
        float[] y = new float[n + 3];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextBoolean() ? 1f : 0f;
        }
        int[] index = shuffledIndex(n);
        for (Rows rows : new Rows[] {Rows.range(0, n), Rows.indexed(index, 0, 131)}) {
            float[] ds = new float[rows.size() + 2];
            float[] dv = new float[rows.size() + 2];
            float[] gs = new float[d];
            float[] gv = new float[d];
            PassSums ss = new PassSums();
            PassSums sv = new PassSums();
            scalar.logisticPass(x, d, rows, y, 3, w, -0.5f, ds, 2, gs, ss);
            vector.logisticPass(x, d, rows, y, 3, w, -0.5f, dv, 2, gv, sv);

            double deltaBound = 0;
            for (int k = 0; k < rows.size(); k++) {
                // δ = σ(z) − y with |∂σ/∂z| ≤ 1/4: the z difference of gemv plus the sigmoid's own.
                double zBound = sumBound(x, rows.row(k) * d, w, 0, d) + UNIT_ROUNDOFF;
                double tolerance = zBound / 4 + TRANSCENDENTAL_RELATIVE + UNIT_ROUNDOFF;
                assertEquals(ds[k + 2], dv[k + 2], tolerance, "δ at position " + k);
                deltaBound += tolerance;
            }
            assertEquals(ss.delta, sv.delta, deltaBound + 1e-9, "Σδ");
            assertEquals(ss.loss, sv.loss, 1e-5 * Math.abs(ss.loss) + deltaBound * 10, "Σ loss");
            for (int j = 0; j < d; j++) {
                double magnitude = 0;
                for (int k = 0; k < rows.size(); k++) {
                    magnitude += Math.abs(x[rows.row(k) * d + j]);
                }
                assertEquals(gs[j], gv[j], magnitude * (2 * rows.size() * UNIT_ROUNDOFF + deltaBound / rows.size() * 4)
                        + 1e-6, "g[" + j + "]");
            }
        }
    }

    /**
     * The same call gives the same bits before and after the JIT compiles it: reductions use a fixed lane order and
     * exp/log1p are built from IEEE operations, where reduceLanes and VectorOperators.EXP round differently
     * interpreted and compiled. (Run first in a fresh JVM this compares interpreted with compiled code.)
     */
    @org.junit.jupiter.api.Test
    void resultsDoNotDependOnTheJitState() {
        int d = 30;
        int n = 200;
        float[] x = randomArray(n * d);
        float[] w = randomArray(d);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1f : 0f;
        }
        float[] first = fusedPassFingerprint(x, d, n, w, y);
        for (int i = 0; i < 20_000; i++) {
            fusedPassFingerprint(x, d, n, w, y);
        }
        assertArrayEquals(first, fusedPassFingerprint(x, d, n, w, y));
    }

    private float[] fusedPassFingerprint(float[] x, int d, int n, float[] w, float[] y) {
        float[] delta = new float[n];
        float[] g = new float[d];
        PassSums sums = new PassSums();
        vector.logisticPass(x, d, Rows.range(0, n), y, 0, w, 0.1f, delta, 0, g, sums);
        float[] sigmoid = new float[n];
        vector.sigmoid(delta, sigmoid, 0, n);
        float[] all = java.util.Arrays.copyOf(delta, 2 * n + d + 3);
        System.arraycopy(sigmoid, 0, all, n, n);
        System.arraycopy(g, 0, all, 2 * n, d);
        all[2 * n + d] = (float) sums.loss;
        all[2 * n + d + 1] = (float) sums.delta;
        all[2 * n + d + 2] = vector.dot(x, 0, x, 7, 1000);
        return all;
    }

    @org.junit.jupiter.api.Test
    void rangesOutsideTheArraysAreRejectedNotWrapped() {
        float[] a = new float[10];
        assertThrows(IndexOutOfBoundsException.class, () -> vector.dot(a, 5, a, 0, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> vector.axpy(1f, a, 0, a, 9, 2));
        assertThrows(IndexOutOfBoundsException.class,
                () -> vector.gemv(a, 5, Rows.range(0, 3), new float[5], 0f, new float[3], 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> vector.gemv(a, 5, Rows.range(0, 2), new float[4], 0f, new float[2], 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> vector.addTransposedProduct(a, 5, Rows.range(0, 2), new float[4], 0, 4, new float[5], 0));
        assertThrows(IllegalArgumentException.class,
                () -> vector.addTransposedProduct(a, 5, Rows.range(0, 2), new float[4], 0, 0, new float[5], 0));
    }

    private float[] randomArray(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * 2);
        }
        return a;
    }

    private int[] shuffledIndex(int n) {
        int[] index = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        return index;
    }

    /** Twice the float error bound of a sum of n products: both paths may be off by n·u·Σ|a·b|, in opposite directions. */
    static double sumBound(float[] a, int aOff, float[] b, int bOff, int n) {
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            magnitude += Math.abs((double) a[aOff + i] * b[bOff + i]);
        }
        return 2 * (n + 1) * UNIT_ROUNDOFF * magnitude + Float.MIN_VALUE;
    }

    static double exactDot(float[] a, int aOff, float[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[aOff + i] * b[bOff + i];
        }
        return s;
    }
}
