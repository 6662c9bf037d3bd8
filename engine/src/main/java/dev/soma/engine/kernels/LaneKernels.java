package dev.soma.engine.kernels;

import static dev.soma.engine.kernels.ScalarKernels.checkLogisticPass;
import static dev.soma.engine.kernels.ScalarKernels.checkMatrix;
import static dev.soma.engine.kernels.ScalarKernels.checkRange;
import static dev.soma.engine.kernels.ScalarKernels.checkRows;
import static dev.soma.engine.kernels.ScalarKernels.checkStrided;

/**
 * The vector kernels' arithmetic in plain Java: for a given lane count, every kernel performs the same IEEE
 * operations in the same order as {@code VectorKernels} — the same fused multiply-adds, the same lane-wise
 * accumulators, the same pairwise lane sums, the same {@code exp} and {@code log1p} polynomials, the same scalar
 * tails — so it returns the same bits.
 *
 * <p>Why it exists: the Vector API runs boxed, one object per operation, until C2 has compiled a kernel, which
 * takes thousands of calls; a fit in a fresh JVM spent most of its time there (a breast-cancer fit took 0.27 s on
 * the vector kernels and 0.08 s on the scalar ones). Plain loops are fast in the interpreter and in C1. Because the
 * bits are the same, {@link AdaptiveKernels} can run these until the vector kernels are compiled and switch at any
 * call without changing any result: the README's reproducibility promise holds whichever ran.
 *
 * <p>The lane loops keep their accumulators in small arrays, which C2 can itself vectorise. The equivalence is
 * tested kernel by kernel against {@code VectorKernels} at every width (LaneKernelsTest); a change to either
 * side's arithmetic must be made to both.
 */
final class LaneKernels implements Kernels {

    // The constants of exp, shared with VectorKernels (which reads them from here): one definition of the numbers
    // both twins' bits depend on.
    static final float LOG2E = 1.44269504f;
    /** ln 2 split so that {@code k·LN2_HI} is exact for |k| ≤ 126. */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /**
     * {@code e^r ≈ 1 + r + r²/2 + C3·r³ + … + C6·r⁶} on |r| ≤ ln2/2: a Chebyshev fit (near-minimax), one degree
     * fewer than Taylor for the same accuracy — 7.5e-8 relative at most, float rounding of the Horner steps
     * included (checked on 2·10⁵ points).
     */
    static final float EXP_C3 = 0.16666415f;
    static final float EXP_C4 = 0.041666217f;
    static final float EXP_C5 = 0.008375129f;
    static final float EXP_C6 = 0.0013948581f;
    /** Below this, e^x is under the smallest normal float: the kernels return 0 (an absolute error < 1.2e-38). */
    static final float EXP_FLOOR = -87.33f;

    /** Rows per block of the fused pass, shared with VectorKernels. */
    static final int BLOCK_ROWS = 64;

    /**
     * Non-zeros from which the vector {@code sparseDot} gathers (below, the scalar loop): the gather broke even at
     * 128 and won from 512 in SparseKernelBenchmark. Shared with VectorKernels.
     */
    static final int SPARSE_GATHER_FROM = 256;

    private final int lanes;
    private final int vectorBits;
    private final ScalarKernels scalar = new ScalarKernels();

    /** The arithmetic of vector kernels with {@code lanes} float lanes ({@code vectorBits = 32·lanes}). */
    LaneKernels(int lanes) {
        if (lanes != 4 && lanes != 8 && lanes != 16) {
            throw new IllegalArgumentException("the vector kernels have 4, 8 or 16 float lanes, not " + lanes);
        }
        this.lanes = lanes;
        this.vectorBits = 32 * lanes;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return lanes;
    }

    @Override
    public int vectorBits() {
        return vectorBits;
    }

    /** {@code n} rounded down to a multiple of the lanes: the vector loops' bound. */
    private int bound(int n) {
        return n - n % lanes;
    }

    /** The lanes {@code [base, base + lanes)} of {@code acc} summed in the vector kernels' fixed order. */
    private float laneSum(float[] acc, int base) {
        return laneSum(acc, base, lanes);
    }

    /**
     * {@code lanes} floats from {@code acc[base]} summed pairwise in the order the vector kernels reduce a vector
     * (8 and 16 lanes; others in index order). VectorKernels sums its stored lanes with it too: one definition of the
     * order both twins' bits depend on.
     */
    static float laneSum(float[] acc, int base, int lanes) {
        if (lanes == 8) {
            return ((acc[base] + acc[base + 1]) + (acc[base + 2] + acc[base + 3]))
                    + ((acc[base + 4] + acc[base + 5]) + (acc[base + 6] + acc[base + 7]));
        }
        if (lanes == 16) {
            return (((acc[base] + acc[base + 1]) + (acc[base + 2] + acc[base + 3]))
                    + ((acc[base + 4] + acc[base + 5]) + (acc[base + 6] + acc[base + 7])))
                    + (((acc[base + 8] + acc[base + 9]) + (acc[base + 10] + acc[base + 11]))
                    + ((acc[base + 12] + acc[base + 13]) + (acc[base + 14] + acc[base + 15])));
        }
        float total = 0;
        for (int l = 0; l < lanes; l++) {
            total += acc[base + l];
        }
        return total;
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        checkRange(a, aOff, n);
        checkRange(b, bOff, n);
        return dotUnchecked(a, aOff, b, bOff, n);
    }

    /** Four lane accumulators, then one, as the vector {@code dot}. */
    private float dotUnchecked(float[] a, int aOff, float[] b, int bOff, int n) {
        int width = 4 * lanes;
        float[] acc = new float[width];
        int i = 0;
        int bound4 = n - n % width;
        for (; i < bound4; i += width) {
            for (int l = 0; l < width; l++) {
                acc[l] = Math.fma(a[aOff + i + l], b[bOff + i + l], acc[l]);
            }
        }
        int bound = bound(n);
        for (; i < bound; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                acc[l] = Math.fma(a[aOff + i + l], b[bOff + i + l], acc[l]);
            }
        }
        combineFour(acc);
        float sum = laneSum(acc, 0);
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /** Lanes {@code [0, lanes)} of {@code acc} become {@code (acc0 + acc1) + (acc2 + acc3)} of its four vectors. */
    private void combineFour(float[] acc) {
        int l2 = 2 * lanes;
        int l3 = 3 * lanes;
        for (int l = 0; l < lanes; l++) {
            acc[l] = (acc[l] + acc[lanes + l]) + (acc[l2 + l] + acc[l3 + l]);
        }
    }

    @Override
    public float sum(float[] x, int off, int n) {
        checkRange(x, off, n);
        int width = 4 * lanes;
        float[] acc = new float[width];
        int i = 0;
        int bound4 = n - n % width;
        for (; i < bound4; i += width) {
            for (int l = 0; l < width; l++) {
                acc[l] = acc[l] + x[off + i + l];
            }
        }
        combineFour(acc);
        float sum = laneSum(acc, 0);
        for (; i < n; i++) {
            sum += x[off + i];
        }
        return sum;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange(x, xOff, n);
        checkRange(y, yOff, n);
        axpyUnchecked(alpha, x, xOff, y, yOff, n);
    }

    /** Fused in the lanes, {@code y += α·x} in the tail. */
    private void axpyUnchecked(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        int bound = bound(n);
        for (; i < bound; i++) {
            y[yOff + i] = Math.fma(x[xOff + i], alpha, y[yOff + i]);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** As the vector {@code rowScore}: {@code dot}'s lanes, the tail folded into lane accumulators (zeros beyond d). */
    @Override
    public float rowScore(float[] x, int xOff, float[] w, int d) {
        checkRange(x, xOff, d);
        checkRange(w, 0, d + 1);
        int width = 4 * lanes;
        float[] acc = new float[width];
        int i = 0;
        int bound4 = d - d % width;
        for (; i < bound4; i += width) {
            for (int l = 0; l < width; l++) {
                acc[l] = Math.fma(x[xOff + i + l], w[i + l], acc[l]);
            }
        }
        int bound = bound(d);
        for (; i < bound; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                acc[l] = Math.fma(x[xOff + i + l], w[i + l], acc[l]);
            }
        }
        if (i < d) {
            for (int l = 0; l < lanes; l++) {
                acc[l] = i + l < d ? Math.fma(x[xOff + i + l], w[i + l], acc[l]) : Math.fma(0f, 0f, acc[l]);
            }
        }
        if (bound4 > 0) {
            combineFour(acc);
        }
        return laneSum(acc, 0) + w[d];
    }

    /** As the vector {@code rowStep}: the gradient's lanes fused up to {@code bound(d)}, θ's up to {@code bound(d + 1)}. */
    @Override
    public void rowStep(float alpha, float delta, float[] x, int xOff, int d, float[] theta) {
        checkRange(x, xOff, d);
        checkRange(theta, 0, d + 1);
        int gradientLanes = bound(d);
        int thetaLanes = bound(d + 1);
        for (int j = 0; j < d; j++) {
            float g = j < gradientLanes ? Math.fma(x[xOff + j], delta, 0f) : 0f + delta * x[xOff + j];
            theta[j] = j < thetaLanes ? Math.fma(g, alpha, theta[j]) : theta[j] + alpha * g;
        }
        theta[d] = d < thetaLanes ? Math.fma(delta, alpha, theta[d]) : theta[d] + alpha * delta;
    }

    // The element-wise kernels below round exactly as the scalar ones: the vector code does the same operations
    // per lane, unfused.

    @Override
    public void scale(float alpha, float[] x, int off, int n) {
        scalar.scale(alpha, x, off, n);
    }

    @Override
    public void hadamard(float[] a, float[] b, float[] out, int n) {
        scalar.hadamard(a, b, out, n);
    }

    @Override
    public void axpby(float a, float[] x, float b, float[] y, int n) {
        scalar.axpby(a, x, b, y, n);
    }

    @Override
    public void squareAxpby(float a, float[] x, float b, float[] y, int n) {
        scalar.squareAxpby(a, x, b, y, n);
    }

    @Override
    public void divSqrtAxpy(float alpha, float[] num, float[] den, float eps, float[] y, int n) {
        scalar.divSqrtAxpy(alpha, num, den, eps, y, n);
    }

    @Override
    public void sign(float[] x, float[] out, int n) {
        scalar.sign(x, out, n);
    }

    @Override
    public void gemv(float[] x, int d, Rows rows, float[] w, int wOff, float bias, float[] z, int zOff) {
        checkRows(x, d, rows);
        checkRange(w, wOff, d);
        checkRange(z, zOff, rows.size());
        gemvUnchecked(x, d, rows, null, w, wOff, bias, z, zOff);
    }

    @Override
    public void centeredGemv(float[] x, int d, Rows rows, float[] center, float[] w, float bias, float[] z, int zOff) {
        checkMatrix(x, d, rows, w);
        checkRange(center, 0, d);
        checkRange(z, zOff, rows.size());
        gemvUnchecked(x, d, rows, center, w, 0, bias, z, zOff);
    }

    /**
     * Scores, plain ({@code c} null) or centred: rows in groups of four, each with one lane accumulator; the rows
     * left over by the groups through the four-accumulator {@code dot} when plain and one accumulator when centred,
     * as the vector kernels do.
     */
    private void gemvUnchecked(float[] x, int d, Rows rows, float[] c, float[] w, int wOff, float bias, float[] z,
                               int zOff) {
        int m = rows.size();
        int bound = bound(d);
        float[] acc = new float[lanes];
        int k = 0;
        for (; k + 3 < m; k += 4) {
            for (int r = 0; r < 4; r++) {
                z[zOff + k + r] = oneAccumulatorDot(x, rows.offset(k + r, d), c, w, wOff, d, bound, acc) + bias;
            }
        }
        for (; k < m; k++) {
            int o = rows.offset(k, d);
            float r = c == null ? dotUnchecked(x, o, w, wOff, d) : oneAccumulatorDot(x, o, c, w, 0, d, bound, acc);
            z[zOff + k] = r + bias;
        }
    }

    /** {@code (x[o, o + d) − c)·w[wOff, …)} with one lane accumulator, its lane sum, then the tail. */
    private float oneAccumulatorDot(float[] x, int o, float[] c, float[] w, int wOff, int d, int bound, float[] acc) {
        java.util.Arrays.fill(acc, 0f);
        int j = 0;
        if (c == null) {
            for (; j < bound; j += lanes) {
                for (int l = 0; l < lanes; l++) {
                    acc[l] = Math.fma(x[o + j + l], w[wOff + j + l], acc[l]);
                }
            }
        } else {
            for (; j < bound; j += lanes) {
                for (int l = 0; l < lanes; l++) {
                    acc[l] = Math.fma(x[o + j + l] - c[j + l], w[j + l], acc[l]);
                }
            }
        }
        float r = laneSum(acc, 0);
        if (c == null) {
            for (; j < d; j++) {
                r += x[o + j] * w[wOff + j];
            }
        } else {
            for (; j < d; j++) {
                r += (x[o + j] - c[j]) * w[j];
            }
        }
        return r;
    }

    @Override
    public void addTransposedProduct(float[] x, int d, Rows rows, float[] delta, int deltaOff, int deltaStride,
                                     float[] g, int gOff) {
        checkRows(x, d, rows);
        checkStrided(delta, deltaOff, deltaStride, rows.size());
        checkRange(g, gOff, d);
        transposedUnchecked(x, d, rows, null, delta, deltaOff, deltaStride, g, gOff);
    }

    @Override
    public void addCenteredTransposedProduct(float[] x, int d, Rows rows, float[] center, float[] delta,
                                             int deltaOff, float[] g) {
        checkRows(x, d, rows);
        checkRange(center, 0, d);
        checkRange(delta, deltaOff, rows.size());
        checkRange(g, 0, d);
        transposedUnchecked(x, d, rows, center, delta, deltaOff, 1, g, 0);
    }

    /**
     * {@code g += (X − c)ᵀδ}: rows in groups of four, one fused multiply-add per row in order within the lanes and
     * the four products summed unfused in the tail; leftover rows one at a time.
     */
    private void transposedUnchecked(float[] x, int d, Rows rows, float[] c, float[] delta, int deltaOff, int stride,
                                     float[] g, int gOff) {
        int m = rows.size();
        int bound = bound(d);
        int k = 0;
        for (; k + 3 < m; k += 4) {
            int o0 = rows.offset(k, d);
            int o1 = rows.offset(k + 1, d);
            int o2 = rows.offset(k + 2, d);
            int o3 = rows.offset(k + 3, d);
            float d0 = delta[deltaOff + k * stride];
            float d1 = delta[deltaOff + (k + 1) * stride];
            float d2 = delta[deltaOff + (k + 2) * stride];
            float d3 = delta[deltaOff + (k + 3) * stride];
            int j = 0;
            if (c == null) {
                for (; j < bound; j++) {
                    float gv = g[gOff + j];
                    gv = Math.fma(x[o0 + j], d0, gv);
                    gv = Math.fma(x[o1 + j], d1, gv);
                    gv = Math.fma(x[o2 + j], d2, gv);
                    g[gOff + j] = Math.fma(x[o3 + j], d3, gv);
                }
                for (; j < d; j++) {
                    g[gOff + j] += d0 * x[o0 + j] + d1 * x[o1 + j] + d2 * x[o2 + j] + d3 * x[o3 + j];
                }
            } else {
                for (; j < bound; j++) {
                    float cj = c[j];
                    float gv = g[j];
                    gv = Math.fma(x[o0 + j] - cj, d0, gv);
                    gv = Math.fma(x[o1 + j] - cj, d1, gv);
                    gv = Math.fma(x[o2 + j] - cj, d2, gv);
                    g[j] = Math.fma(x[o3 + j] - cj, d3, gv);
                }
                for (; j < d; j++) {
                    float cj = c[j];
                    g[j] += d0 * (x[o0 + j] - cj) + d1 * (x[o1 + j] - cj) + d2 * (x[o2 + j] - cj)
                            + d3 * (x[o3 + j] - cj);
                }
            }
        }
        for (; k < m; k++) {
            int o = rows.offset(k, d);
            float dk = delta[deltaOff + k * stride];
            if (c == null) {
                axpyUnchecked(dk, x, o, g, gOff, d);
            } else {
                int j = 0;
                for (; j < bound; j++) {
                    g[j] = Math.fma(x[o + j] - c[j], dk, g[j]);
                }
                for (; j < d; j++) {
                    g[j] += dk * (x[o + j] - c[j]);
                }
            }
        }
    }

    /** The vector kernels' {@code e^x} for {@code x ≤ 0} (Cody–Waite, a degree-6 polynomial), one lane. */
    static float expNonPositive(float x) {
        float clamped = Math.max(x, EXP_FLOOR);
        int k = (int) Math.fma(clamped, LOG2E, -0.5f);
        float kf = (float) k;
        float r = Math.fma(kf, -LN2_HI, clamped) - kf * LN2_LO;
        float p = Math.fma(r, EXP_C6, EXP_C5);
        p = Math.fma(p, r, EXP_C4);
        p = Math.fma(p, r, EXP_C3);
        p = Math.fma(p, r, 0.5f);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        float e = p * Float.intBitsToFloat((k + 127) << 23);
        return x < EXP_FLOOR ? 0f : e;
    }

    /** The vector kernels' {@code log(1 + e)} for {@code e ∈ [0, 1]}, one lane. */
    static float log1pUnit(float e) {
        float s = e / (e + 2f);
        float s2 = s * s;
        float p = Math.fma(s2, 2f / 13, 2f / 11);
        p = Math.fma(p, s2, 2f / 9);
        p = Math.fma(p, s2, 2f / 7);
        p = Math.fma(p, s2, 2f / 5);
        p = Math.fma(p, s2, 2f / 3);
        p = Math.fma(p, s2, 2f);
        return p * s;
    }

    /** {@code σ(z)} from {@code e = e^(−|z|)}, one lane. */
    private static float sigmoidFromExp(float z, float e) {
        float inverse = 1f / (e + 1f);
        return z >= 0f ? inverse : e * inverse;
    }

    @Override
    public void sigmoid(float[] z, float[] out, int from, int to) {
        checkRange(z, from, to - from);
        checkRange(out, from, to - from);
        int i = from;
        int bound = from + bound(to - from);
        for (; i < bound; i++) {
            float zi = z[i];
            out[i] = sigmoidFromExp(zi, expNonPositive(-Math.abs(zi)));
        }
        for (; i < to; i++) {
            out[i] = (float) ScalarKernels.sigmoid(z[i]);
        }
    }

    /**
     * The fused pass as the vector kernels compute it: block by block of {@value #BLOCK_ROWS} rows, the scores as
     * {@link #gemv} forms them, σ, the loss and δ in lane accumulators, then {@code g += Xᵀδ} as
     * {@link #addTransposedProduct} forms it.
     */
    @Override
    public void logisticPass(float[] x, int d, Rows rows, float[] center, float[] y, int yOff, float[] w,
                             float bias, float[] delta, int deltaOff, float[] g, PassSums sums) {
        checkLogisticPass(x, d, rows, center, y, yOff, w, delta, deltaOff, g);
        int m = rows.size();
        double lossSum = 0;
        double deltaSum = 0;
        float[] lossAcc = new float[lanes];
        float[] deltaAcc = new float[lanes];
        for (int blockStart = 0; blockStart < m; blockStart += BLOCK_ROWS) {
            int blockEnd = Math.min(m, blockStart + BLOCK_ROWS);
            Rows block = rows.slice(blockStart, blockEnd);
            int p0 = deltaOff + blockStart;
            int y0 = yOff + blockStart;
            int n = blockEnd - blockStart;
            gemvUnchecked(x, d, block, center, w, 0, bias, delta, p0);

            java.util.Arrays.fill(lossAcc, 0f);
            java.util.Arrays.fill(deltaAcc, 0f);
            int i = 0;
            int bound = bound(n);
            for (; i < bound; i += lanes) {
                for (int l = 0; l < lanes; l++) {
                    float z = delta[p0 + i + l];
                    float label = y[y0 + i + l];
                    float e = expNonPositive(-Math.abs(z));
                    float loss = (Math.max(z, 0f) - label * z) + log1pUnit(e);
                    float dv = sigmoidFromExp(z, e) - label;
                    lossAcc[l] = lossAcc[l] + loss;
                    deltaAcc[l] = deltaAcc[l] + dv;
                    delta[p0 + i + l] = dv;
                }
            }
            lossSum += laneSum(lossAcc, 0);
            deltaSum += laneSum(deltaAcc, 0);
            for (; i < n; i++) {
                float z = delta[p0 + i];
                float label = y[y0 + i];
                double e = ScalarKernels.expOfMinusAbs(z);
                float dk = (float) (ScalarKernels.sigmoidFromExp(z, e) - label);
                lossSum += ScalarKernels.logLossFromExp(z, label, e);
                deltaSum += dk;
                delta[p0 + i] = dk;
            }
            transposedUnchecked(x, d, block, center, delta, p0, 1, g, 0);
        }
        sums.loss += lossSum;
        sums.delta += deltaSum;
    }

    /** As the vector {@code sparseDot}: from {@link #SPARSE_GATHER_FROM} non-zeros one lane accumulator, then the tail. */
    @Override
    public float sparseDot(float[] values, int[] indices, int from, int to, float[] w) {
        int n = to - from;
        int k = from;
        float sum = 0f;
        if (n >= SPARSE_GATHER_FROM) {
            float[] acc = new float[lanes];
            int bound = from + bound(n);
            for (; k < bound; k += lanes) {
                for (int l = 0; l < lanes; l++) {
                    acc[l] = Math.fma(values[k + l], w[indices[k + l]], acc[l]);
                }
            }
            sum = laneSum(acc, 0);
        }
        return ScalarKernels.sparseDotFrom(sum, values, indices, k, to, w);
    }

    /** The vector {@code sparseAxpy} is the scalar loop (its scatter lost at every length measured). */
    @Override
    public void sparseAxpy(float a, float[] values, int[] indices, int from, int to, float[] y) {
        ScalarKernels.scatterAdd(a, values, indices, from, to, y);
    }
}
