package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneKernels} must give exactly the vector kernels' bits — that is what lets {@link AdaptiveKernels} switch
 * between them at any call without changing a result. Every kernel is compared bit for bit on shapes that cover
 * full vectors, tails, the four-row groups and their leftovers, the fused pass's blocks, offsets, strides, index
 * lists, and values at the edges of {@code exp} (large |z|, zeros of both signs). Run at every width the build
 * tests.
 */
class LaneKernelsTest {

    private static Kernels vector;
    private static LaneKernels lanes;

    @BeforeAll
    static void load() {
        vector = VectorUnderTest.load();
        lanes = new LaneKernels(vector.lanes());
    }

    private static float[] randomArray(SplittableRandom random, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            a[i] = u < 0.03 ? 0f : u < 0.05 ? -0f : u < 0.08 ? (float) (random.nextGaussian() * 60)
                    : (float) (random.nextGaussian() * scale);
        }
        return a;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                assertEquals(expected[i], actual[i], 0f, what + " differs at " + i + " (" + vector.lanes() + " lanes)");
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        what + " differs in sign of zero or NaN at " + i);
            }
        }
    }

    private static void assertSameBits(float expected, float actual, String what) {
        assertSameBits(new float[] {expected}, new float[] {actual}, what);
    }

    private static int[] dimensions() {
        int l = vector.lanes();
        return new int[] {0, 1, 3, l - 1, l, l + 1, 2 * l + 3, 4 * l, 4 * l + 5, 37, 130};
    }

    private static Rows[] selections(int n, SplittableRandom random) {
        int[] order = new int[n + 2];
        for (int i = 0; i < order.length; i++) {
            order[i] = random.nextInt(n);
        }
        return new Rows[] {Rows.range(0, n), Rows.range(1, n), Rows.indexed(order, 2, order.length),
                Rows.rangeAt(0, 0, Math.max(0, n - 1))};
    }

    @Test
    void reductionsAndElementwiseKernelsGiveTheVectorBits() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n : new int[] {0, 1, 5, 7, 8, 15, 16, 17, 31, 63, 64, 65, 100, 257, 1031}) {
            float[] a = randomArray(random, n + 3, 1);
            float[] b = randomArray(random, n + 3, 1);
            assertSameBits(vector.dot(a, 3, b, 1, n), lanes.dot(a, 3, b, 1, n), "dot n=" + n);
            assertSameBits(vector.sum(a, 2, n), lanes.sum(a, 2, n), "sum n=" + n);

            float[] yv = b.clone();
            float[] yl = b.clone();
            vector.axpy(0.37f, a, 1, yv, 2, n);
            lanes.axpy(0.37f, a, 1, yl, 2, n);
            assertSameBits(yv, yl, "axpy n=" + n);

            yv = a.clone();
            yl = a.clone();
            vector.scale(-1.3f, yv, 1, n);
            lanes.scale(-1.3f, yl, 1, n);
            assertSameBits(yv, yl, "scale n=" + n);

            float[] ov = new float[n + 3];
            float[] ol = new float[n + 3];
            vector.hadamard(a, b, ov, n);
            lanes.hadamard(a, b, ol, n);
            assertSameBits(ov, ol, "hadamard n=" + n);

            yv = b.clone();
            yl = b.clone();
            vector.axpby(0.9f, a, 0.1f, yv, n);
            lanes.axpby(0.9f, a, 0.1f, yl, n);
            assertSameBits(yv, yl, "axpby n=" + n);

            yv = b.clone();
            yl = b.clone();
            vector.squareAxpby(0.999f, a, 0.001f, yv, n);
            lanes.squareAxpby(0.999f, a, 0.001f, yl, n);
            assertSameBits(yv, yl, "squareAxpby n=" + n);

            float[] den = a.clone();
            for (int i = 0; i < den.length; i++) {
                den[i] = Math.abs(den[i]);
            }
            yv = b.clone();
            yl = b.clone();
            vector.divSqrtAxpy(-0.01f, a, den, 1e-8f, yv, n);
            lanes.divSqrtAxpy(-0.01f, a, den, 1e-8f, yl, n);
            assertSameBits(yv, yl, "divSqrtAxpy n=" + n);

            vector.sign(a, ov, n);
            lanes.sign(a, ol, n);
            assertSameBits(ov, ol, "sign n=" + n);

            float[] z = randomArray(random, n + 4, 8);
            ov = new float[n + 4];
            ol = new float[n + 4];
            vector.sigmoid(z, ov, 2, n + 2);
            lanes.sigmoid(z, ol, 2, n + 2);
            assertSameBits(ov, ol, "sigmoid n=" + n);
        }
    }

    /** {@code rowScore} (SGD's score at m = 1): the twin's bits; the scalar kernels' {@code dot} plus the bias. */
    @Test
    void theRowScoreGivesTheVectorBits() {
        SplittableRandom random = new SplittableRandom(19);
        ScalarKernels scalar = new ScalarKernels();
        for (int d : dimensions()) {
            for (int trial = 0; trial < 20; trial++) {
                float[] x = randomArray(random, 3 * d + 4, trial % 2 == 0 ? 1 : 1e-20);
                float[] w = randomArray(random, d + 1, 0.3);
                int offset = random.nextInt(2 * d + 4);
                assertSameBits(vector.rowScore(x, offset, w, d), lanes.rowScore(x, offset, w, d),
                        "rowScore d=" + d + " trial " + trial);
                assertSameBits(scalar.dot(x, offset, w, 0, d) + w[d], scalar.rowScore(x, offset, w, d),
                        "scalar rowScore d=" + d);
            }
        }
    }

    /**
     * {@code rowStep} (SGD's fused step at m = 1) gives, on each of the three kernels, the bits of the unfused step
     * it replaces — the gradient by axpy into a cleared array, then axpy into θ — and so the twins agree too. Tiny
     * δ make products underflow to zeros of either sign, where the two roundings of the tails could part.
     */
    @Test
    void theRowStepGivesTheUnfusedStepsBits() {
        SplittableRandom random = new SplittableRandom(17);
        Kernels[] all = {vector, lanes, new ScalarKernels()};
        for (int d : dimensions()) {
            for (float delta : new float[] {0.37f, -0.81f, 0f, 1e-44f, -3e-42f}) {
                float[] x = randomArray(random, 2 * d + 5, 1);
                float[] theta = randomArray(random, d + 1, 0.2);
                for (int j = 0; j < theta.length; j += 3) {
                    theta[j] = j % 2 == 0 ? 0f : -0f;
                }
                float[] fromVector = null;
                for (Kernels k : all) {
                    float[] gradient = new float[d + 1];
                    float[] unfused = theta.clone();
                    k.axpy(delta, x, d + 2, gradient, 0, d);
                    gradient[d] = delta;
                    k.axpy(-0.05f, gradient, unfused);
                    float[] fused = theta.clone();
                    k.rowStep(-0.05f, delta, x, d + 2, d, fused);
                    assertSameBits(unfused, fused, k.getClass().getSimpleName() + " rowStep d=" + d + " δ=" + delta);
                    if (k == vector) {
                        fromVector = fused;
                    } else if (k == lanes) {
                        assertSameBits(fromVector, fused, "lanes rowStep d=" + d + " δ=" + delta);
                    }
                }
            }
        }
    }

    @Test
    void matrixKernelsGiveTheVectorBits() {
        SplittableRandom random = new SplittableRandom(12);
        for (int d : dimensions()) {
            for (int n : new int[] {1, 3, 4, 5, 9, 63, 64, 65, 131, 203}) {
                float[] x = randomArray(random, n * d, 1);
                float[] w = randomArray(random, d + 2, 0.3);
                float[] center = randomArray(random, d, 0.1);
                float[] delta = randomArray(random, 3 * n + 2, 0.5);
                for (Rows rows : selections(n, random)) {
                    String shape = "d=" + d + " n=" + n + " rows=" + rows.size() + (rows.isRange() ? "" : " indexed");
                    int m = rows.size();
                    float[] zv = new float[m + 1];
                    float[] zl = new float[m + 1];
                    vector.gemv(x, d, rows, w, 2, 0.25f, zv, 1);
                    lanes.gemv(x, d, rows, w, 2, 0.25f, zl, 1);
                    assertSameBits(zv, zl, "gemv " + shape);

                    vector.centeredGemv(x, d, rows, center, w, 0.25f, zv, 1);
                    lanes.centeredGemv(x, d, rows, center, w, 0.25f, zl, 1);
                    assertSameBits(zv, zl, "centeredGemv " + shape);

                    float[] gv = randomArray(random, d + 3, 1);
                    float[] gl = gv.clone();
                    vector.addTransposedProduct(x, d, rows, delta, 1, 3, gv, 3);
                    lanes.addTransposedProduct(x, d, rows, delta, 1, 3, gl, 3);
                    assertSameBits(gv, gl, "addTransposedProduct " + shape);

                    gv = randomArray(random, d, 1);
                    gl = gv.clone();
                    vector.addCenteredTransposedProduct(x, d, rows, center, delta, 2, gv);
                    lanes.addCenteredTransposedProduct(x, d, rows, center, delta, 2, gl);
                    assertSameBits(gv, gl, "addCenteredTransposedProduct " + shape);
                }
            }
        }
    }

    /**
     * {@code addWeightedGram} (the Newton Hessian matrix's kernel): the vector kernels' register tiles give the plain
     * twin's bits in every entry of the upper triangle, added into a matrix that already holds values, with and
     * without centring, over ranges and index lists, with the objective's padded stride (vector path) and a tight
     * one (the vector kernels fall back); and each is within the float-sum bound of the exact sum, computed from
     * the same float products {@code c·x̂_i} as the kernels form.
     */
    @Test
    void theWeightedGramGivesTheVectorBits() {
        SplittableRandom random = new SplittableRandom(17);
        Kernels scalar = KernelSelection.scalar();
        for (int d : dimensions()) {
            int p = d + 1;
            for (int n : new int[] {1, 3, 4, 5, 9, 64, 131}) {
                float[] x = randomArray(random, n * d, 1);
                float[] center = randomArray(random, d, 0.1);
                float[] weights = randomArray(random, n + 5, 0.25);
                for (Rows rows : selections(n, random)) {
                    for (float[] c : new float[][] {null, center}) {
                        for (int stride : new int[] {(p + 15) / 16 * 16, p}) {
                            String shape = "d=" + d + " n=" + n + " rows=" + rows.size()
                                    + (rows.isRange() ? "" : " indexed") + (c == null ? "" : " centred")
                                    + " stride=" + stride;
                            float[] start = randomArray(random, (p + 3) / 4 * 4 * stride, 1);
                            float[] gv = start.clone();
                            float[] gl = start.clone();
                            float[] gs = start.clone();
                            vector.addWeightedGram(x, d, rows, c, weights, 3, gv, stride);
                            lanes.addWeightedGram(x, d, rows, c, weights, 3, gl, stride);
                            scalar.addWeightedGram(x, d, rows, c, weights, 3, gs, stride);
                            for (int i = 0; i < p; i++) {
                                for (int j = i; j < p; j++) {
                                    int at = i * stride + j;
                                    String entry = "addWeightedGram " + shape + " (" + i + ", " + j + ")";
                                    assertSameBits(gl[at], gv[at], entry);
                                    Accuracy.Compensated exact = new Accuracy.Compensated();
                                    exact.add(start[at]);
                                    double magnitude = Math.abs(start[at]);
                                    for (int k = 0; k < rows.size(); k++) {
                                        int o = rows.offset(k, d);
                                        float xi = i == d ? 1f : c == null ? x[o + i] : x[o + i] - c[i];
                                        float xj = j == d ? 1f : c == null ? x[o + j] : x[o + j] - c[j];
                                        double term = (double) (weights[3 + k] * xi) * xj;
                                        exact.add(term);
                                        magnitude += Math.abs(term);
                                    }
                                    double bound = Accuracy.sumBound(rows.size() + 1, magnitude);
                                    assertEquals(exact.value(), gs[at], bound, "scalar " + entry);
                                    assertEquals(exact.value(), gv[at], bound, "vector " + entry);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theFusedLogisticPassGivesTheVectorBits() {
        SplittableRandom random = new SplittableRandom(13);
        for (int d : dimensions()) {
            for (int n : new int[] {1, 4, 7, 64, 65, 128, 131, 300}) {
                // Large features make scores far out in both tails of exp, where its clamp acts.
                float[] x = randomArray(random, n * d, d > 3 ? 1 : 20);
                float[] w = randomArray(random, d, 0.5);
                float[] center = randomArray(random, d, 0.1);
                float[] y = new float[n + 3];
                for (int i = 0; i < y.length; i++) {
                    y[i] = random.nextBoolean() ? 1f : 0f;
                }
                for (Rows rows : selections(n, random)) {
                    for (float[] c : new float[][] {null, center}) {
                        String shape = "d=" + d + " n=" + n + " rows=" + rows.size() + (c == null ? "" : " centred");
                        int m = rows.size();
                        float[] dv = new float[m + 2];
                        float[] dl = new float[m + 2];
                        float[] gv = new float[d];
                        float[] gl = new float[d];
                        PassSums sv = new PassSums();
                        PassSums sl = new PassSums();
                        vector.logisticPass(x, d, rows, c, y, 3, w, -0.3f, dv, 2, gv, sv);
                        lanes.logisticPass(x, d, rows, c, y, 3, w, -0.3f, dl, 2, gl, sl);
                        assertSameBits(dv, dl, "logisticPass δ " + shape);
                        assertSameBits(gv, gl, "logisticPass gradient " + shape);
                        assertEquals(Double.doubleToRawLongBits(sv.loss), Double.doubleToRawLongBits(sl.loss),
                                "logisticPass loss sum " + shape + ": " + sv.loss + " vs " + sl.loss);
                        assertEquals(Double.doubleToRawLongBits(sv.delta), Double.doubleToRawLongBits(sl.delta),
                                "logisticPass δ sum " + shape);
                    }
                }
            }
        }
    }

    /** Row lengths around the lane bound and the gather threshold, up to a long row. */
    private static int[] sparseLengths() {
        int l = vector.lanes();
        int t = LaneKernels.SPARSE_GATHER_FROM;
        return new int[] {0, 1, l - 1, l + 1, 45, t - 1, t, t + 1, t + l - 1, t + 3 * l + 5, 4099};
    }

    /** {@code n} random, distinct, increasing indices below {@code dim}. */
    static int[] increasingIndices(SplittableRandom random, int n, int dim) {
        boolean[] taken = new boolean[dim];
        int picked = 0;
        while (picked < n) {
            int j = random.nextInt(dim);
            if (!taken[j]) {
                taken[j] = true;
                picked++;
            }
        }
        int[] indices = new int[n];
        for (int j = 0, e = 0; j < dim; j++) {
            if (taken[j]) {
                indices[e++] = j;
            }
        }
        return indices;
    }

    @Test
    void theSparseKernelsGiveTheVectorBits() {
        SplittableRandom random = new SplittableRandom(17);
        int dim = 6000;
        for (int n : sparseLengths()) {
            // The row sits between two others in the CSR arrays, at offset 5.
            int[] row = increasingIndices(random, n, dim);
            int[] indices = new int[n + 9];
            for (int e = 0; e < indices.length; e++) {
                indices[e] = random.nextInt(dim);
            }
            System.arraycopy(row, 0, indices, 5, n);
            float[] values = randomArray(random, n + 9, 1);
            float[] w = randomArray(random, dim, 1);
            assertSameBits(vector.sparseDot(values, indices, 5, 5 + n, w), lanes.sparseDot(values, indices, 5, 5 + n, w),
                    "sparseDot n=" + n);

            float[] yv = w.clone();
            float[] yl = w.clone();
            vector.sparseAxpy(-0.37f, values, indices, 5, 5 + n, yv);
            lanes.sparseAxpy(-0.37f, values, indices, 5, 5 + n, yl);
            assertSameBits(yv, yl, "sparseAxpy n=" + n);
        }
    }

    @Test
    void itChecksItsArgumentsAsTheOtherKernelsDo() {
        assertThrows(IndexOutOfBoundsException.class, () -> lanes.dot(new float[3], 0, new float[2], 0, 3));
        assertThrows(IndexOutOfBoundsException.class,
                () -> lanes.gemv(new float[10], 4, Rows.range(0, 3), new float[4], 0f, new float[3], 0));
        assertThrows(IllegalArgumentException.class, () -> new LaneKernels(3));
        float[] out = new float[4];
        lanes.sigmoid(new float[] {0f, 1f, -1f, 100f}, out, 0, 4);
        assertEquals(0.5f, out[0]);
        assertEquals(1f, out[3], 1e-6f);
        assertEquals(Arrays.toString(new float[] {0.5f}), Arrays.toString(Arrays.copyOf(out, 1)));
    }
}
