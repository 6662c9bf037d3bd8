package dev.soma.engine.kernels;

import static dev.soma.engine.kernels.ScalarKernels.checkMatrix;
import static dev.soma.engine.kernels.ScalarKernels.checkRange;
import static dev.soma.engine.kernels.ScalarKernels.checkRows;
import static dev.soma.engine.kernels.ScalarKernels.checkStrided;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the JDK Vector API, at the platform's preferred width, or at the width
 * {@value KernelSelection#WIDTH_PROPERTY} asks for (128, 256 or 512 bits, no wider than the preferred: a wider
 * species runs emulated by the JDK, correct but many times slower). The width is read once, when the class is
 * initialised, so that the species stays a constant the JIT can compile against; the tests run the suite once
 * per width in JVMs of their own. This is the only class that touches
 * {@code jdk.incubator.vector}; {@link KernelSelection} loads it reflectively after checking that the module
 * is readable, so the rest of Soma runs without it.
 *
 * <p>The pattern throughout: the species is a constant; no vectors are kept in fields; main loops run to
 * {@code loopBound} with no masks; reductions happen once at the end; a scalar loop finishes the tail.
 * Tails use the same formulas as {@link ScalarKernels}.
 */
final class VectorKernels implements Kernels {

    /** Why the requested width cannot be had, or null: reported by the constructor, not by class initialisation. */
    private static final String WIDTH_PROBLEM;
    private static final VectorSpecies<Float> SPECIES;

    static {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        String requested = System.getProperty(KernelSelection.WIDTH_PROPERTY);
        VectorSpecies<Float> chosen = preferred;
        String problem = null;
        if (requested != null && !requested.isBlank()) {
            int bits = -1;
            try {
                bits = Integer.parseInt(requested.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
            if (bits != 128 && bits != 256 && bits != 512) {
                problem = "-D" + KernelSelection.WIDTH_PROPERTY + "=" + requested + " is not a vector width: use 128, 256 or 512";
            } else if (bits > preferred.vectorBitSize()) {
                problem = "-D" + KernelSelection.WIDTH_PROPERTY + "=" + bits + " is wider than this CPU's "
                        + preferred.vectorBitSize() + "-bit vectors (the JDK would emulate it, many times slower)";
            } else {
                chosen = VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
            }
        }
        SPECIES = chosen;
        WIDTH_PROBLEM = problem;
    }

    private static final int LANES = SPECIES.length();

    /** Rows per block of the fused pass: 64 rows of up to a few hundred floats stay in L1/L2 for the second touch. */
    private static final int BLOCK_ROWS = 64;

    VectorKernels() {
        if (WIDTH_PROBLEM != null) {
            throw new UnsupportedOperationException(WIDTH_PROBLEM);
        }
        if (SPECIES.vectorBitSize() < 128) {
            throw new UnsupportedOperationException(
                    "the preferred vector is " + SPECIES.vectorBitSize() + " bits, under the 128 Soma needs");
        }
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693359375f;      // ln 2 split so that k·LN2_HI is exact for |k| ≤ 126
    private static final float LN2_LO = -2.12194440e-4f;
    /**
     * {@code e^r ≈ 1 + r + r²/2 + C3·r³ + … + C6·r⁶} on |r| ≤ ln2/2: a Chebyshev fit (near-minimax), one degree
     * fewer than Taylor for the same accuracy — 7.5e-8 relative at most, float rounding of the Horner steps
     * included (checked on 2·10⁵ points).
     */
    private static final float EXP_C3 = 0.16666415f;
    private static final float EXP_C4 = 0.041666217f;
    private static final float EXP_C5 = 0.008375129f;
    private static final float EXP_C6 = 0.0013948581f;
    /** Below this, e^x is under the smallest normal float: the kernels return 0 (an absolute error < 1.2e-38). */
    private static final float EXP_FLOOR = -87.33f;

    /**
     * {@code e^x} for {@code x ≤ 0}, from IEEE multiplications and additions alone: {@code x = k·ln2 + r} with
     * |r| ≤ ln2/2 (Cody–Waite), {@code e^r} by a degree-6 polynomial (see {@link #EXP_C3}), and
     * {@code 2^k} built in the exponent bits; Horner's steps are fused multiply-adds (one rounding each, the same
     * interpreted and compiled). {@code VectorOperators.EXP} rounds some inputs differently
     * interpreted and compiled on JDK 25, so results would depend on JIT timing; this does not. Kept small so
     * that C2 inlines it into the kernels.
     */
    private static FloatVector expNonPositive(FloatVector x) {
        FloatVector clamped = x.max(EXP_FLOOR);
        IntVector k = (IntVector) clamped.fma(LOG2E, -0.5f).convert(VectorOperators.F2I, 0);
        FloatVector kf = (FloatVector) k.convert(VectorOperators.I2F, 0);
        FloatVector r = kf.fma(FloatVector.broadcast(SPECIES, -LN2_HI), clamped).sub(kf.mul(LN2_LO));
        FloatVector p = r.fma(EXP_C6, EXP_C5);
        p = p.fma(r, FloatVector.broadcast(SPECIES, EXP_C4));
        p = p.fma(r, FloatVector.broadcast(SPECIES, EXP_C3));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 0.5f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 1f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 1f));
        return p.mul(k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                .blend(0f, x.compare(VectorOperators.LT, EXP_FLOOR));
    }

    /**
     * {@code log(1 + e)} for {@code e ∈ [0, 1]}, as {@code 2·atanh(s)} with {@code s = e/(2 + e) ≤ 1/3}: the odd
     * series to s¹³ (truncation < 2e-8 relative), no cancellation for small e; deterministic as
     * {@link #expNonPositive}.
     */
    private static FloatVector log1pUnit(FloatVector e) {
        FloatVector s = e.div(e.add(2f));
        FloatVector s2 = s.mul(s);
        FloatVector p = s2.fma(2f / 13, 2f / 11);
        p = p.fma(s2, FloatVector.broadcast(SPECIES, 2f / 9));
        p = p.fma(s2, FloatVector.broadcast(SPECIES, 2f / 7));
        p = p.fma(s2, FloatVector.broadcast(SPECIES, 2f / 5));
        p = p.fma(s2, FloatVector.broadcast(SPECIES, 2f / 3));
        p = p.fma(s2, FloatVector.broadcast(SPECIES, 2f));
        return p.mul(s);
    }

    /**
     * The sum of the lanes in a fixed pairwise order, from the lanes read one by one. {@code reduceLanes(ADD)}
     * sums in one order when interpreted and in another once C2 has compiled it (seen on JDK 25), which made
     * training results depend on JIT timing; lane extraction and scalar adds round the same in both. (A tree of
     * {@code rearrange}s did too, but a shuffle that C2 fails to inline falls back to boxed vectors.)
     */
    private static float sum(FloatVector v) {
        if (LANES == 8) {
            return ((v.lane(0) + v.lane(1)) + (v.lane(2) + v.lane(3))) + ((v.lane(4) + v.lane(5)) + (v.lane(6) + v.lane(7)));
        }
        if (LANES == 16) {
            return (((v.lane(0) + v.lane(1)) + (v.lane(2) + v.lane(3))) + ((v.lane(4) + v.lane(5)) + (v.lane(6) + v.lane(7))))
                    + (((v.lane(8) + v.lane(9)) + (v.lane(10) + v.lane(11)))
                    + ((v.lane(12) + v.lane(13)) + (v.lane(14) + v.lane(15))));
        }
        float total = 0;
        for (int i = 0; i < LANES; i++) {
            total += v.lane(i);
        }
        return total;
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        checkRange(a, aOff, n);
        checkRange(b, bOff, n);
        return dotUnchecked(a, aOff, b, bOff, n);
    }

    /** Four accumulators hide the latency of the fused multiply-add. */
    private static float dotUnchecked(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        int i = 0;
        int bound4 = n - n % (4 * LANES);
        for (; i < bound4; i += 4 * LANES) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, aOff + i + LANES)
                    .fma(FloatVector.fromArray(SPECIES, b, bOff + i + LANES), acc1);
            acc2 = FloatVector.fromArray(SPECIES, a, aOff + i + 2 * LANES)
                    .fma(FloatVector.fromArray(SPECIES, b, bOff + i + 2 * LANES), acc2);
            acc3 = FloatVector.fromArray(SPECIES, a, aOff + i + 3 * LANES)
                    .fma(FloatVector.fromArray(SPECIES, b, bOff + i + 3 * LANES), acc3);
        }
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
        }
        float sum = sum(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    @Override
    public float sum(float[] x, int off, int n) {
        checkRange(x, off, n);
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        int i = 0;
        int bound4 = n - n % (4 * LANES);
        for (; i < bound4; i += 4 * LANES) {
            acc0 = acc0.add(FloatVector.fromArray(SPECIES, x, off + i));
            acc1 = acc1.add(FloatVector.fromArray(SPECIES, x, off + i + LANES));
            acc2 = acc2.add(FloatVector.fromArray(SPECIES, x, off + i + 2 * LANES));
            acc3 = acc3.add(FloatVector.fromArray(SPECIES, x, off + i + 3 * LANES));
        }
        float sum = sum(acc0.add(acc1).add(acc2.add(acc3)));
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

    private static void axpyUnchecked(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOff + i)
                    .fma(av, FloatVector.fromArray(SPECIES, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, int off, int n) {
        checkRange(x, off, n);
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, off + i).mul(alpha).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] *= alpha;
        }
    }

    @Override
    public void hadamard(float[] a, float[] b, float[] out, int n) {
        checkRange(a, 0, n);
        checkRange(b, 0, n);
        checkRange(out, 0, n);
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, a, i).mul(FloatVector.fromArray(SPECIES, b, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void axpby(float a, float[] x, float b, float[] y, int n) {
        checkRange(x, 0, n);
        checkRange(y, 0, n);
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector yv = FloatVector.fromArray(SPECIES, y, i).mul(b);
            FloatVector.fromArray(SPECIES, x, i).mul(a).add(yv).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = a * x[i] + b * y[i];
        }
    }

    @Override
    public void squareAxpby(float a, float[] x, float b, float[] y, int n) {
        checkRange(x, 0, n);
        checkRange(y, 0, n);
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
            FloatVector yv = FloatVector.fromArray(SPECIES, y, i).mul(b);
            xv.mul(xv).mul(a).add(yv).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = a * (x[i] * x[i]) + b * y[i];
        }
    }

    @Override
    public void divSqrtAxpy(float alpha, float[] num, float[] den, float eps, float[] y, int n) {
        checkRange(num, 0, n);
        checkRange(den, 0, n);
        checkRange(y, 0, n);
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector step = FloatVector.fromArray(SPECIES, num, i)
                    .div(FloatVector.fromArray(SPECIES, den, i).sqrt().add(eps));
            step.mul(alpha).add(FloatVector.fromArray(SPECIES, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += alpha * (num[i] / ((float) Math.sqrt(den[i]) + eps));
        }
    }

    @Override
    public void sign(float[] x, float[] out, int n) {
        checkRange(x, 0, n);
        checkRange(out, 0, n);
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
            zero.blend(1f, xv.compare(VectorOperators.GT, 0f))
                    .blend(-1f, xv.compare(VectorOperators.LT, 0f))
                    .intoArray(out, i);
        }
        for (; i < n; i++) {
            float v = x[i];
            out[i] = v > 0 ? 1f : v < 0 ? -1f : 0f;
        }
    }

    @Override
    public void gemv(float[] x, int d, Rows rows, float[] w, int wOff, float bias, float[] z, int zOff) {
        checkRows(x, d, rows);
        checkRange(w, wOff, d);
        checkRange(z, zOff, rows.size());
        gemvUnchecked(x, d, rows, w, wOff, bias, z, zOff);
    }

    /** Four rows per pass share each load of {@code w} (the netlib sgemv pattern). */
    private static void gemvUnchecked(float[] x, int d, Rows rows, float[] w, int wOff, float bias, float[] z,
                                      int zOff) {
        int m = rows.size();
        int k = 0;
        for (; k + 3 < m; k += 4) {
            int o0 = rows.offset(k, d);
            int o1 = rows.offset(k + 1, d);
            int o2 = rows.offset(k + 2, d);
            int o3 = rows.offset(k + 3, d);
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            int j = 0;
            int bound = SPECIES.loopBound(d);
            for (; j < bound; j += LANES) {
                FloatVector wv = FloatVector.fromArray(SPECIES, w, wOff + j);
                s0 = FloatVector.fromArray(SPECIES, x, o0 + j).fma(wv, s0);
                s1 = FloatVector.fromArray(SPECIES, x, o1 + j).fma(wv, s1);
                s2 = FloatVector.fromArray(SPECIES, x, o2 + j).fma(wv, s2);
                s3 = FloatVector.fromArray(SPECIES, x, o3 + j).fma(wv, s3);
            }
            float r0 = sum(s0);
            float r1 = sum(s1);
            float r2 = sum(s2);
            float r3 = sum(s3);
            for (; j < d; j++) {
                float wj = w[wOff + j];
                r0 += x[o0 + j] * wj;
                r1 += x[o1 + j] * wj;
                r2 += x[o2 + j] * wj;
                r3 += x[o3 + j] * wj;
            }
            z[zOff + k] = r0 + bias;
            z[zOff + k + 1] = r1 + bias;
            z[zOff + k + 2] = r2 + bias;
            z[zOff + k + 3] = r3 + bias;
        }
        for (; k < m; k++) {
            z[zOff + k] = dotUnchecked(x, rows.offset(k, d), w, wOff, d) + bias;
        }
    }

    @Override
    public void addTransposedProduct(float[] x, int d, Rows rows, float[] delta, int deltaOff, int deltaStride,
                                     float[] g, int gOff) {
        checkRows(x, d, rows);
        checkStrided(delta, deltaOff, deltaStride, rows.size());
        checkRange(g, gOff, d);
        addTransposedProductUnchecked(x, d, rows, delta, deltaOff, deltaStride, g, gOff);
    }

    /** Four rows per pass share each load and store of {@code g}. */
    private static void addTransposedProductUnchecked(float[] x, int d, Rows rows, float[] delta, int deltaOff,
                                                      int stride, float[] g, int gOff) {
        int m = rows.size();
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
            FloatVector v0 = FloatVector.broadcast(SPECIES, d0);
            FloatVector v1 = FloatVector.broadcast(SPECIES, d1);
            FloatVector v2 = FloatVector.broadcast(SPECIES, d2);
            FloatVector v3 = FloatVector.broadcast(SPECIES, d3);
            int j = 0;
            int bound = SPECIES.loopBound(d);
            for (; j < bound; j += LANES) {
                FloatVector gv = FloatVector.fromArray(SPECIES, g, gOff + j);
                gv = FloatVector.fromArray(SPECIES, x, o0 + j).fma(v0, gv);
                gv = FloatVector.fromArray(SPECIES, x, o1 + j).fma(v1, gv);
                gv = FloatVector.fromArray(SPECIES, x, o2 + j).fma(v2, gv);
                gv = FloatVector.fromArray(SPECIES, x, o3 + j).fma(v3, gv);
                gv.intoArray(g, gOff + j);
            }
            for (; j < d; j++) {
                g[gOff + j] += d0 * x[o0 + j] + d1 * x[o1 + j] + d2 * x[o2 + j] + d3 * x[o3 + j];
            }
        }
        for (; k < m; k++) {
            axpyUnchecked(delta[deltaOff + k * stride], x, rows.offset(k, d), g, gOff, d);
        }
    }

    @Override
    public void centeredGemv(float[] x, int d, Rows rows, float[] center, float[] w, float bias, float[] z, int zOff) {
        checkMatrix(x, d, rows, w);
        checkRange(center, 0, d);
        checkRange(z, zOff, rows.size());
        centeredGemvUnchecked(x, d, rows, center, w, bias, z, zOff);
    }

    /** {@link #gemvUnchecked} on {@code x − center}: the centring costs a subtraction per element, no copy. */
    private static void centeredGemvUnchecked(float[] x, int d, Rows rows, float[] c, float[] w, float bias,
                                              float[] z, int zOff) {
        int m = rows.size();
        int bound = SPECIES.loopBound(d);
        int k = 0;
        for (; k + 3 < m; k += 4) {
            int o0 = rows.offset(k, d);
            int o1 = rows.offset(k + 1, d);
            int o2 = rows.offset(k + 2, d);
            int o3 = rows.offset(k + 3, d);
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector wv = FloatVector.fromArray(SPECIES, w, j);
                FloatVector cv = FloatVector.fromArray(SPECIES, c, j);
                s0 = FloatVector.fromArray(SPECIES, x, o0 + j).sub(cv).fma(wv, s0);
                s1 = FloatVector.fromArray(SPECIES, x, o1 + j).sub(cv).fma(wv, s1);
                s2 = FloatVector.fromArray(SPECIES, x, o2 + j).sub(cv).fma(wv, s2);
                s3 = FloatVector.fromArray(SPECIES, x, o3 + j).sub(cv).fma(wv, s3);
            }
            float r0 = sum(s0);
            float r1 = sum(s1);
            float r2 = sum(s2);
            float r3 = sum(s3);
            for (; j < d; j++) {
                float wj = w[j];
                float cj = c[j];
                r0 += (x[o0 + j] - cj) * wj;
                r1 += (x[o1 + j] - cj) * wj;
                r2 += (x[o2 + j] - cj) * wj;
                r3 += (x[o3 + j] - cj) * wj;
            }
            z[zOff + k] = r0 + bias;
            z[zOff + k + 1] = r1 + bias;
            z[zOff + k + 2] = r2 + bias;
            z[zOff + k + 3] = r3 + bias;
        }
        for (; k < m; k++) {
            int o = rows.offset(k, d);
            FloatVector s = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < bound; j += LANES) {
                s = FloatVector.fromArray(SPECIES, x, o + j).sub(FloatVector.fromArray(SPECIES, c, j))
                        .fma(FloatVector.fromArray(SPECIES, w, j), s);
            }
            float r = sum(s);
            for (; j < d; j++) {
                r += (x[o + j] - c[j]) * w[j];
            }
            z[zOff + k] = r + bias;
        }
    }

    @Override
    public void addCenteredTransposedProduct(float[] x, int d, Rows rows, float[] center, float[] delta,
                                             int deltaOff, float[] g) {
        checkRows(x, d, rows);
        checkRange(center, 0, d);
        checkRange(delta, deltaOff, rows.size());
        checkRange(g, 0, d);
        addCenteredTransposedProductUnchecked(x, d, rows, center, delta, deltaOff, g);
    }

    /** {@code g += (X − 1·centerᵀ)ᵀδ}, four rows per pass as {@link #addTransposedProductUnchecked}. */
    private static void addCenteredTransposedProductUnchecked(float[] x, int d, Rows rows, float[] c, float[] delta,
                                                              int deltaOff, float[] g) {
        int m = rows.size();
        int bound = SPECIES.loopBound(d);
        int k = 0;
        for (; k + 3 < m; k += 4) {
            int o0 = rows.offset(k, d);
            int o1 = rows.offset(k + 1, d);
            int o2 = rows.offset(k + 2, d);
            int o3 = rows.offset(k + 3, d);
            float d0 = delta[deltaOff + k];
            float d1 = delta[deltaOff + k + 1];
            float d2 = delta[deltaOff + k + 2];
            float d3 = delta[deltaOff + k + 3];
            FloatVector v0 = FloatVector.broadcast(SPECIES, d0);
            FloatVector v1 = FloatVector.broadcast(SPECIES, d1);
            FloatVector v2 = FloatVector.broadcast(SPECIES, d2);
            FloatVector v3 = FloatVector.broadcast(SPECIES, d3);
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector cv = FloatVector.fromArray(SPECIES, c, j);
                FloatVector gv = FloatVector.fromArray(SPECIES, g, j);
                gv = FloatVector.fromArray(SPECIES, x, o0 + j).sub(cv).fma(v0, gv);
                gv = FloatVector.fromArray(SPECIES, x, o1 + j).sub(cv).fma(v1, gv);
                gv = FloatVector.fromArray(SPECIES, x, o2 + j).sub(cv).fma(v2, gv);
                gv = FloatVector.fromArray(SPECIES, x, o3 + j).sub(cv).fma(v3, gv);
                gv.intoArray(g, j);
            }
            for (; j < d; j++) {
                float cj = c[j];
                g[j] += d0 * (x[o0 + j] - cj) + d1 * (x[o1 + j] - cj) + d2 * (x[o2 + j] - cj)
                        + d3 * (x[o3 + j] - cj);
            }
        }
        for (; k < m; k++) {
            int o = rows.offset(k, d);
            FloatVector v = FloatVector.broadcast(SPECIES, delta[deltaOff + k]);
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector.fromArray(SPECIES, x, o + j).sub(FloatVector.fromArray(SPECIES, c, j))
                        .fma(v, FloatVector.fromArray(SPECIES, g, j))
                        .intoArray(g, j);
            }
            for (; j < d; j++) {
                g[j] += delta[deltaOff + k] * (x[o + j] - c[j]);
            }
        }
    }

    @Override
    public void sigmoid(float[] z, float[] out, int from, int to) {
        checkRange(z, from, to - from);
        checkRange(out, from, to - from);
        sigmoidRange(z, out, from, to);
    }

    /**
     * The sigmoid's loop, with {@link #expNonPositive} and {@link #sigmoidFromExp} written out in it. That makes
     * it too big for C2 to inline into a caller (over {@code FreqInlineSize}), so it is always compiled on its
     * own with the whole node budget: inlined into a large caller, its helpers hit {@code NodeCountInliningCutoff}
     * and ran on boxed vectors, five times slower (seen in the JMH suite).
     */
    private static void sigmoidRange(float[] z, float[] out, int from, int to) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int i = from;
        int bound = from + SPECIES.loopBound(to - from);
        for (; i < bound; i += LANES) {
            FloatVector zv = FloatVector.fromArray(SPECIES, z, i);
            FloatVector x = zv.abs().neg();
            FloatVector clamped = x.max(EXP_FLOOR);
            IntVector k = (IntVector) clamped.fma(LOG2E, -0.5f).convert(VectorOperators.F2I, 0);
            FloatVector kf = (FloatVector) k.convert(VectorOperators.I2F, 0);
            FloatVector r = kf.fma(FloatVector.broadcast(SPECIES, -LN2_HI), clamped).sub(kf.mul(LN2_LO));
            FloatVector p = r.fma(EXP_C6, EXP_C5);
            p = p.fma(r, FloatVector.broadcast(SPECIES, EXP_C4));
            p = p.fma(r, FloatVector.broadcast(SPECIES, EXP_C3));
            p = p.fma(r, FloatVector.broadcast(SPECIES, 0.5f));
            p = p.fma(r, one);
            p = p.fma(r, one);
            FloatVector e = p.mul(k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .blend(0f, x.compare(VectorOperators.LT, EXP_FLOOR));
            FloatVector inverse = one.div(e.add(1f));
            e.mul(inverse).blend(inverse, zv.compare(VectorOperators.GE, 0f)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = (float) ScalarKernels.sigmoid(z[i]);
        }
    }

    /** {@code σ(z)} from {@code e = e^(−|z|)}: {@code 1/(1+e)} where {@code z ≥ 0}, else {@code e/(1+e)}; never overflows. */
    private static FloatVector sigmoidFromExp(FloatVector z, FloatVector e) {
        FloatVector inverse = FloatVector.broadcast(SPECIES, 1f).div(e.add(1f));
        VectorMask<Float> nonNegative = z.compare(VectorOperators.GE, 0f);
        return e.mul(inverse).blend(inverse, nonNegative);
    }

    /**
     * The fused pass, software-pipelined: the scores of block b + 1 are computed in the same loop as block b's
     * {@code g += Xᵀδ}, so that the next rows stream in from memory while the cached ones are used, instead of
     * memory idling through the elementwise and gradient stages of every block. Each row's sums are formed in the
     * same order as by the separate kernels, so the results are bit-identical to gemv → σ → {@code Xᵀδ} block by
     * block.
     */
    @Override
    public void logisticPass(float[] x, int d, Rows rows, float[] center, float[] y, int yOff, float[] w,
                             float bias, float[] delta, int deltaOff, float[] g, PassSums sums) {
        checkMatrix(x, d, rows, w);
        if (center != null) {
            checkRange(center, 0, d);
        }
        checkRange(g, 0, d);
        checkRange(y, yOff, rows.size());
        checkRange(delta, deltaOff, rows.size());
        int m = rows.size();
        if (m == 0) {
            return;
        }
        double lossSum = 0;
        double deltaSum = 0;
        // 1. z = x·w + b for the first block, written where δ will go.
        scores(x, d, rows.slice(0, Math.min(m, BLOCK_ROWS)), center, w, bias, delta, deltaOff);
        for (int blockStart = 0; blockStart < m; blockStart += BLOCK_ROWS) {
            int blockEnd = Math.min(m, blockStart + BLOCK_ROWS);
            int p0 = deltaOff + blockStart;
            int y0 = yOff + blockStart;
            int n = blockEnd - blockStart;

            // 2. Elementwise: σ(z), the loss from the logit, δ = σ − y.
            FloatVector lossAcc = FloatVector.zero(SPECIES);
            FloatVector deltaAcc = FloatVector.zero(SPECIES);
            int i = 0;
            int bound = SPECIES.loopBound(n);
            for (; i < bound; i += LANES) {
                FloatVector zv = FloatVector.fromArray(SPECIES, delta, p0 + i);
                FloatVector yv = FloatVector.fromArray(SPECIES, y, y0 + i);
                FloatVector e = expNonPositive(zv.abs().neg());
                FloatVector loss = zv.max(0f).sub(yv.mul(zv)).add(log1pUnit(e));
                FloatVector dv = sigmoidFromExp(zv, e).sub(yv);
                lossAcc = lossAcc.add(loss);
                deltaAcc = deltaAcc.add(dv);
                dv.intoArray(delta, p0 + i);
            }
            lossSum += sum(lossAcc);
            deltaSum += sum(deltaAcc);
            for (; i < n; i++) {
                float z = delta[p0 + i];
                float label = y[y0 + i];
                double e = ScalarKernels.expOfMinusAbs(z);
                float dk = (float) (ScalarKernels.sigmoidFromExp(z, e) - label);
                lossSum += ScalarKernels.logLossFromExp(z, label, e);
                deltaSum += dk;
                delta[p0 + i] = dk;
            }

            // 3. g += Xᵀδ over this block's rows, still in cache, and 1. for the next block's, from memory.
            int nextEnd = Math.min(m, blockEnd + BLOCK_ROWS);
            gradientAndNextScores(x, d, rows, center, w, bias, delta, deltaOff, g, blockStart, blockEnd, nextEnd);
        }
        sums.loss += lossSum;
        sums.delta += deltaSum;
    }

    /** {@code z = (x − center)·w + b} (no centring when {@code center} is null) for {@code block}, at {@code z[zOff]}. */
    private static void scores(float[] x, int d, Rows block, float[] center, float[] w, float bias, float[] z,
                               int zOff) {
        if (center == null) {
            gemvUnchecked(x, d, block, w, 0, bias, z, zOff);
        } else {
            centeredGemvUnchecked(x, d, block, center, w, bias, z, zOff);
        }
    }

    /**
     * {@code g += Xᵀδ} over positions {@code [from, to)} of {@code rows} and the scores of positions
     * {@code [to, nextEnd)}, four rows of each per pass of the inner loop; what the shorter side leaves over goes
     * to the plain kernels, whose four-row grouping it continues.
     */
    private static void gradientAndNextScores(float[] x, int d, Rows rows, float[] c, float[] w, float bias,
                                              float[] delta, int deltaOff, float[] g, int from, int to,
                                              int nextEnd) {
        int n = to - from;
        int nNext = nextEnd - to;
        int bound = SPECIES.loopBound(d);
        boolean centred = c != null;
        int k = 0;
        for (; k + 3 < n && k + 3 < nNext; k += 4) {
            int a0 = rows.offset(from + k, d);
            int a1 = rows.offset(from + k + 1, d);
            int a2 = rows.offset(from + k + 2, d);
            int a3 = rows.offset(from + k + 3, d);
            int b0 = rows.offset(to + k, d);
            int b1 = rows.offset(to + k + 1, d);
            int b2 = rows.offset(to + k + 2, d);
            int b3 = rows.offset(to + k + 3, d);
            int p = deltaOff + from + k;
            float d0 = delta[p];
            float d1 = delta[p + 1];
            float d2 = delta[p + 2];
            float d3 = delta[p + 3];
            FloatVector v0 = FloatVector.broadcast(SPECIES, d0);
            FloatVector v1 = FloatVector.broadcast(SPECIES, d1);
            FloatVector v2 = FloatVector.broadcast(SPECIES, d2);
            FloatVector v3 = FloatVector.broadcast(SPECIES, d3);
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector gv = FloatVector.fromArray(SPECIES, g, j);
                FloatVector wv = FloatVector.fromArray(SPECIES, w, j);
                if (centred) {
                    FloatVector cv = FloatVector.fromArray(SPECIES, c, j);
                    gv = FloatVector.fromArray(SPECIES, x, a0 + j).sub(cv).fma(v0, gv);
                    gv = FloatVector.fromArray(SPECIES, x, a1 + j).sub(cv).fma(v1, gv);
                    gv = FloatVector.fromArray(SPECIES, x, a2 + j).sub(cv).fma(v2, gv);
                    gv = FloatVector.fromArray(SPECIES, x, a3 + j).sub(cv).fma(v3, gv);
                    s0 = FloatVector.fromArray(SPECIES, x, b0 + j).sub(cv).fma(wv, s0);
                    s1 = FloatVector.fromArray(SPECIES, x, b1 + j).sub(cv).fma(wv, s1);
                    s2 = FloatVector.fromArray(SPECIES, x, b2 + j).sub(cv).fma(wv, s2);
                    s3 = FloatVector.fromArray(SPECIES, x, b3 + j).sub(cv).fma(wv, s3);
                } else {
                    gv = FloatVector.fromArray(SPECIES, x, a0 + j).fma(v0, gv);
                    gv = FloatVector.fromArray(SPECIES, x, a1 + j).fma(v1, gv);
                    gv = FloatVector.fromArray(SPECIES, x, a2 + j).fma(v2, gv);
                    gv = FloatVector.fromArray(SPECIES, x, a3 + j).fma(v3, gv);
                    s0 = FloatVector.fromArray(SPECIES, x, b0 + j).fma(wv, s0);
                    s1 = FloatVector.fromArray(SPECIES, x, b1 + j).fma(wv, s1);
                    s2 = FloatVector.fromArray(SPECIES, x, b2 + j).fma(wv, s2);
                    s3 = FloatVector.fromArray(SPECIES, x, b3 + j).fma(wv, s3);
                }
                gv.intoArray(g, j);
            }
            float r0 = sum(s0);
            float r1 = sum(s1);
            float r2 = sum(s2);
            float r3 = sum(s3);
            for (; j < d; j++) {
                float cj = centred ? c[j] : 0f;
                g[j] += d0 * (x[a0 + j] - cj) + d1 * (x[a1 + j] - cj) + d2 * (x[a2 + j] - cj)
                        + d3 * (x[a3 + j] - cj);
                float wj = w[j];
                r0 += (x[b0 + j] - cj) * wj;
                r1 += (x[b1 + j] - cj) * wj;
                r2 += (x[b2 + j] - cj) * wj;
                r3 += (x[b3 + j] - cj) * wj;
            }
            int q = deltaOff + to + k;
            delta[q] = r0 + bias;
            delta[q + 1] = r1 + bias;
            delta[q + 2] = r2 + bias;
            delta[q + 3] = r3 + bias;
        }
        if (k < n) {
            Rows rest = rows.slice(from + k, to);
            if (centred) {
                addCenteredTransposedProductUnchecked(x, d, rest, c, delta, deltaOff + from + k, g);
            } else {
                addTransposedProductUnchecked(x, d, rest, delta, deltaOff + from + k, 1, g, 0);
            }
        }
        if (k < nNext) {
            scores(x, d, rows.slice(to + k, nextEnd), c, w, bias, delta, deltaOff + to + k);
        }
    }
}
