package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static dev.soma.engine.kernels.Accuracy.exactDot;
import static dev.soma.engine.kernels.Accuracy.magnitude;
import static dev.soma.engine.kernels.Accuracy.sumBound;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector kernel against its scalar twin, over the lengths where loop bounds and tails go wrong
 * (0, 1, lanes−1, lanes, lanes+1, 3·lanes+1, 4·lanes·4+3 and a large one), on random data.
 *
 * <p>Tolerances. Every sum (dot products, scores, gradients, the fused pass) is compared, path by path, with the
 * exact sum under the probabilistic bound {@code 7·√n·u·Σ|terms|} of {@link Accuracy} (u = 2⁻²⁴), not with the
 * other path under the worst case {@code 2(n+1)·u·Σ|terms|}, which at n = 10 007 let a dot product of ~400 be ~30
 * off. The fused pass runs on weights of size 1/√d, so that its logits stay within a few units and the sigmoid is
 * not saturated: its δ, loss and gradient see every error of the scores. Elementwise products must be
 * bit-identical; the transcendental kernels (sigmoid, the loss) may differ by a few float ulps relative to the
 * value ({@value #TRANSCENDENTAL_RELATIVE}) because the vector path evaluates exp and log1p in float. Skipped in
 * the scalar-fallback run, where the vector kernels cannot load; the build runs it once per vector width.
 */
class VectorKernelsTest {

    static final double UNIT_ROUNDOFF = Accuracy.UNIT_ROUNDOFF;
    static final double TRANSCENDENTAL_RELATIVE = Accuracy.TRANSCENDENTAL_RELATIVE;

    private final Kernels scalar = KernelSelection.scalar();
    private Kernels vector;
    private final Random random = new Random(20261126);

    @BeforeEach
    void loadVector() {
        vector = VectorUnderTest.load();
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
            double exact = exactDot(a, offsets[0], b, offsets[1], n);
            double bound = sumBound(n, magnitude(a, offsets[0], b, offsets[1], n));
            assertEquals(exact, scalar.dot(a, offsets[0], b, offsets[1], n), bound, "scalar dot of " + n);
            assertEquals(exact, vector.dot(a, offsets[0], b, offsets[1], n), bound, "vector dot of " + n);
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
                double exact = exactDot(x, rows.row(k) * d, w, 0, d) + 0.25;
                double bound = sumBound(d + 1, magnitude(x, rows.row(k) * d, w, 0, d) + 0.25);
                assertEquals(exact, zs[k + 1], bound, "scalar, " + rows + " position " + k);
                assertEquals(exact, zv[k + 1], bound, "vector, " + rows + " position " + k);
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
                Accuracy.Compensated exact = new Accuracy.Compensated();
                exact.add(start[j]);
                double magnitude = Math.abs(start[j]);
                for (int k = 0; k < rows.size(); k++) {
                    double term = (double) delta[k] * x[rows.row(k) * d + j];
                    exact.add(term);
                    magnitude += Math.abs(term);
                }
                double bound = sumBound(rows.size() + 1, magnitude);
                assertEquals(exact.value(), gs[j], bound, "scalar g[" + j + "]");
                assertEquals(exact.value(), gv[j], bound, "vector g[" + j + "]");
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
                double exact = exactDot(weights, o * d, activations, 3 + r * d, d) + 0.5;
                double bound = sumBound(d + 1, magnitude(weights, o * d, activations, 3 + r * d, d) + 0.5);
                assertEquals(exact, zs[o + 2], bound, "scalar, unit " + o + " of example " + r);
                assertEquals(exact, zv[o + 2], bound, "vector, unit " + o + " of example " + r);
            }
        }
        for (int o = 0; o < units; o++) {
            float[] gs = new float[units * d];
            float[] gv = new float[units * d];
            scalar.addTransposedProduct(activations, d, Rows.range(0, batch), deltas, o, units, gs, o * d);
            vector.addTransposedProduct(activations, d, Rows.range(0, batch), deltas, o, units, gv, o * d);
            for (int j = 0; j < d; j++) {
                Accuracy.Compensated exact = new Accuracy.Compensated();
                double magnitude = 0;
                for (int r = 0; r < batch; r++) {
                    double term = (double) deltas[r * units + o] * activations[r * d + j];
                    exact.add(term);
                    magnitude += Math.abs(term);
                }
                double bound = sumBound(batch, magnitude);
                assertEquals(exact.value(), gs[o * d + j], bound, "scalar, column " + o + ", j " + j);
                assertEquals(exact.value(), gv[o * d + j], bound, "vector, column " + o + ", j " + j);
            }
        }
    }

    /**
     * The fused pass, each path against the exact δ, loss and gradient. The weights are of size 1/√d, so the
     * logits are of size one (the bias is −0.5) whatever d: on the old data (weights of size 2) they reached ±400
     * at d = 10 007, where σ is 0 or 1 and no error of the scores could show in δ.
     */
    @ParameterizedTest(name = "d = {0}")
    @MethodSource("lengths")
    void fusedLogisticPassMatchesTheExactPass(int d) {
        int n = 150; // two full blocks of 64 and a partial one
        float[] x = randomArray(n * d);
        float[] w = randomArray(d);
        for (int j = 0; j < d; j++) {
            w[j] /= (float) (2 * Math.sqrt(d));
        }
        float[] y = new float[n + 3];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextBoolean() ? 1f : 0f;
        }
        int[] index = shuffledIndex(n);
        for (Rows rows : new Rows[] {Rows.range(0, n), Rows.indexed(index, 0, 131)}) {
            Accuracy.LogisticReference exact = new Accuracy.LogisticReference(x, d, rows, null,
                    java.util.Arrays.copyOfRange(y, 3, 3 + rows.size()), w, -0.5f);
            for (Kernels kernels : new Kernels[] {scalar, vector}) {
                float[] delta = new float[rows.size() + 2];
                float[] g = new float[d];
                PassSums sums = new PassSums();
                kernels.logisticPass(x, d, rows, y, 3, w, -0.5f, delta, 2, g, sums);
                exact.check(kernels.name() + ", " + rows, delta, 2, g, sums);
            }
        }
    }

    static IntStream sparseLengths() {
        int lanes = KernelSelection.vector().map(Kernels::lanes).orElse(8);
        int t = LaneKernels.SPARSE_GATHER_FROM;
        return IntStream.of(0, 1, lanes + 1, 45, t - 1, t, t + lanes + 3, 4099).distinct();
    }

    @ParameterizedTest(name = "nnz = {0}")
    @MethodSource("sparseLengths")
    void sparseKernelsAgree(int n) {
        int dim = 9000;
        int[] indices = new int[n + 7];
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(n);
        int[] row = LaneKernelsTest.increasingIndices(seeds, n, dim);
        System.arraycopy(row, 0, indices, 3, n);
        float[] values = randomArray(n + 7);
        float[] w = randomArray(dim);
        float[] gathered = new float[n];
        for (int e = 0; e < n; e++) {
            gathered[e] = w[row[e]];
        }
        double exact = exactDot(values, 3, gathered, 0, n);
        double bound = sumBound(n, magnitude(values, 3, gathered, 0, n));
        assertEquals(exact, scalar.sparseDot(values, indices, 3, 3 + n, w), bound, "scalar sparseDot of " + n);
        assertEquals(exact, vector.sparseDot(values, indices, 3, 3 + n, w), bound, "vector sparseDot of " + n);

        // The scatter-add rounds each entry as the scalar loop does and touches only the row's entries.
        float[] ys = w.clone();
        float[] yv = w.clone();
        scalar.sparseAxpy(0.625f, values, indices, 3, 3 + n, ys);
        vector.sparseAxpy(0.625f, values, indices, 3, 3 + n, yv);
        assertArrayEquals(ys, yv, "sparseAxpy of " + n);
        float[] expected = w.clone();
        for (int e = 0; e < n; e++) {
            expected[row[e]] = w[row[e]] + 0.625f * values[3 + e];
        }
        assertArrayEquals(expected, yv, "sparseAxpy of " + n + " against the definition");
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

}
