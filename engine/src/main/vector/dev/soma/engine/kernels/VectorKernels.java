package dev.soma.engine.kernels;

import static dev.soma.engine.kernels.LaneKernels.BLOCK_ROWS;
import static dev.soma.engine.kernels.LaneKernels.EXP_C3;
import static dev.soma.engine.kernels.LaneKernels.EXP_C4;
import static dev.soma.engine.kernels.LaneKernels.EXP_C5;
import static dev.soma.engine.kernels.LaneKernels.EXP_C6;
import static dev.soma.engine.kernels.LaneKernels.EXP_FLOOR;
import static dev.soma.engine.kernels.LaneKernels.LN2_HI;
import static dev.soma.engine.kernels.LaneKernels.LN2_LO;
import static dev.soma.engine.kernels.LaneKernels.LOG2E;
import static dev.soma.engine.kernels.ScalarKernels.checkLogisticPass;
import static dev.soma.engine.kernels.ScalarKernels.checkMatrix;
import static dev.soma.engine.kernels.ScalarKernels.checkRange;
import static dev.soma.engine.kernels.ScalarKernels.checkRows;
import static dev.soma.engine.kernels.ScalarKernels.checkStrided;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
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

    /** Lane i reads lane i + k (wrapping; the wrapped lanes are never used): the rounds of {@link #sum}. */
    private static final VectorShuffle<Float> NEXT_1 = VectorShuffle.fromOp(SPECIES, i -> (i + 1) % LANES);
    private static final VectorShuffle<Float> NEXT_2 = VectorShuffle.fromOp(SPECIES, i -> (i + 2) % LANES);
    private static final VectorShuffle<Float> NEXT_4 = VectorShuffle.fromOp(SPECIES, i -> (i + 4) % LANES);
    private static final VectorShuffle<Float> NEXT_8 = VectorShuffle.fromOp(SPECIES, i -> (i + 8) % LANES);

    // BLOCK_ROWS, rows per block of the fused pass (64 rows of up to a few hundred floats stay in L1/L2 for the
    // second touch), and the constants of exp come from LaneKernels, the plain twin whose bits must be these.

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
        if (LANES == 8 || LANES == 16) {
            // The pairwise tree below, computed in the register: each round adds every other partial sum to its
            // left neighbour's (lane 0 ends with (((l0 + l1) + (l2 + l3)) + ...) exactly as the tree writes it), a
            // permute and an add per level instead of an extraction per lane.
            FloatVector s = v.add(v.rearrange(NEXT_1));
            s = s.add(s.rearrange(NEXT_2));
            s = s.add(s.rearrange(NEXT_4));
            if (LANES == 16) {
                s = s.add(s.rearrange(NEXT_8));
            }
            return s.lane(0);
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

    /**
     * {@code dot}'s accumulators, but the tail goes into the lanes with a masked load (zeros beyond d) and one
     * multiply-add instead of a chain of scalar additions after the lane sum; then the bias.
     */
    @Override
    public float rowScore(float[] x, int xOff, float[] w, int d) {
        checkRange(x, xOff, d);
        checkRange(w, 0, d + 1);
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        int i = 0;
        int bound4 = d - d % (4 * LANES);
        for (; i < bound4; i += 4 * LANES) {
            acc0 = FloatVector.fromArray(SPECIES, x, xOff + i).fma(FloatVector.fromArray(SPECIES, w, i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, x, xOff + i + LANES)
                    .fma(FloatVector.fromArray(SPECIES, w, i + LANES), acc1);
            acc2 = FloatVector.fromArray(SPECIES, x, xOff + i + 2 * LANES)
                    .fma(FloatVector.fromArray(SPECIES, w, i + 2 * LANES), acc2);
            acc3 = FloatVector.fromArray(SPECIES, x, xOff + i + 3 * LANES)
                    .fma(FloatVector.fromArray(SPECIES, w, i + 3 * LANES), acc3);
        }
        int bound = SPECIES.loopBound(d);
        for (; i < bound; i += LANES) {
            acc0 = FloatVector.fromArray(SPECIES, x, xOff + i).fma(FloatVector.fromArray(SPECIES, w, i), acc0);
        }
        if (i < d) {
            VectorMask<Float> tail = SPECIES.indexInRange(i, d);
            acc0 = FloatVector.fromArray(SPECIES, x, xOff + i, tail).fma(FloatVector.fromArray(SPECIES, w, i, tail), acc0);
        }
        // Under four vectors of features the other accumulators are zeros: no additions of them on the chain.
        return sum(bound4 > 0 ? acc0.add(acc1).add(acc2.add(acc3)) : acc0) + w[d];
    }

    /**
     * The gradient's lanes are fused ({@code fma(x, δ, 0)}) up to {@code loopBound(d)}, θ's up to
     * {@code loopBound(d + 1)}, as the two axpy calls of the unfused step; the tails as their scalar tails.
     */
    @Override
    public void rowStep(float alpha, float delta, float[] x, int xOff, int d, float[] theta) {
        checkRange(x, xOff, d);
        checkRange(theta, 0, d + 1);
        FloatVector deltas = FloatVector.broadcast(SPECIES, delta);
        FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
        FloatVector zero = FloatVector.zero(SPECIES);
        int gradientLanes = SPECIES.loopBound(d);
        int thetaLanes = SPECIES.loopBound(d + 1);
        int j = 0;
        for (; j < gradientLanes; j += LANES) {
            FloatVector g = FloatVector.fromArray(SPECIES, x, xOff + j).fma(deltas, zero);
            g.fma(alphas, FloatVector.fromArray(SPECIES, theta, j)).intoArray(theta, j);
        }
        for (int fusedEnd = Math.min(d, thetaLanes); j < fusedEnd; j++) {
            theta[j] = Math.fma(0f + delta * x[xOff + j], alpha, theta[j]);
        }
        for (; j < d; j++) {
            theta[j] += alpha * (0f + delta * x[xOff + j]);
        }
        theta[d] = d < thetaLanes ? Math.fma(delta, alpha, theta[d]) : theta[d] + alpha * delta;
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
     * The fused pass, block by block ({@value #BLOCK_ROWS} rows): the block's scores ({@link #blockScores}), then
     * σ, the loss and δ ({@link #blockDeltas}), then {@code g += Xᵀδ} over the block's rows while they are still in
     * L1. Each stage is a method of its own, compiled with its own node budget: written into one method, C2 ran
     * out of budget inlining the exponential's helpers and the lane sums and fell back to boxed vectors (about
     * 100 bytes allocated per row). Every sum is formed in the same order as by the separate kernels, so the
     * results are bit-identical to gemv → σ → {@code Xᵀδ} block by block.
     */
    @Override
    public void logisticPass(float[] x, int d, Rows rows, float[] center, float[] y, int yOff, float[] w,
                             float bias, float[] delta, int deltaOff, float[] g, PassSums sums) {
        checkLogisticPass(x, d, rows, center, y, yOff, w, delta, deltaOff, g);
        int m = rows.size();
        PassSums pass = new PassSums();
        float[] partials = new float[LANES * LANES / 4];
        float[] laneSums = new float[2 * LANES];
        for (int blockStart = 0; blockStart < m; blockStart += BLOCK_ROWS) {
            int blockEnd = Math.min(m, blockStart + BLOCK_ROWS);
            blockScores(x, d, rows, blockStart, blockEnd, center, w, bias, delta, deltaOff, partials);
            blockDeltas(delta, deltaOff + blockStart, y, yOff + blockStart, blockEnd - blockStart, pass, laneSums);
            blockGradient(x, d, rows, blockStart, blockEnd, center, delta, deltaOff, g);
        }
        sums.loss += pass.loss;
        sums.delta += pass.delta;
    }

    /**
     * {@code g += (X − 1·centerᵀ)ᵀδ} (no centring when {@code c} is null) over positions {@code [from, to)} of
     * {@code rows}, with δ at {@code delta[deltaOff + position]}: four vectors of {@code g} at a time stay in
     * registers over all the block's rows, instead of being loaded and stored again every four rows, which put a
     * store and a reload on the chain of multiply-adds. Each lane of {@code g} still gets the rows' products
     * in row order, one fused multiply-add each, and the tail columns the four-row sums of
     * {@link #addTransposedProductUnchecked}: the result is bit-identical to that kernel's.
     */
    private static void blockGradient(float[] x, int d, Rows rows, int from, int to, float[] c, float[] delta,
                                      int deltaOff, float[] g) {
        int bound = SPECIES.loopBound(d);
        boolean centred = c != null;
        FloatVector zero = FloatVector.zero(SPECIES);
        int j = 0;
        for (; j + 4 * LANES <= bound; j += 4 * LANES) {
            FloatVector g0 = FloatVector.fromArray(SPECIES, g, j);
            FloatVector g1 = FloatVector.fromArray(SPECIES, g, j + LANES);
            FloatVector g2 = FloatVector.fromArray(SPECIES, g, j + 2 * LANES);
            FloatVector g3 = FloatVector.fromArray(SPECIES, g, j + 3 * LANES);
            FloatVector c0 = centred ? FloatVector.fromArray(SPECIES, c, j) : zero;
            FloatVector c1 = centred ? FloatVector.fromArray(SPECIES, c, j + LANES) : zero;
            FloatVector c2 = centred ? FloatVector.fromArray(SPECIES, c, j + 2 * LANES) : zero;
            FloatVector c3 = centred ? FloatVector.fromArray(SPECIES, c, j + 3 * LANES) : zero;
            for (int k = from; k < to; k++) {
                int o = rows.offset(k, d) + j;
                FloatVector dv = FloatVector.broadcast(SPECIES, delta[deltaOff + k]);
                if (centred) {
                    g0 = FloatVector.fromArray(SPECIES, x, o).sub(c0).fma(dv, g0);
                    g1 = FloatVector.fromArray(SPECIES, x, o + LANES).sub(c1).fma(dv, g1);
                    g2 = FloatVector.fromArray(SPECIES, x, o + 2 * LANES).sub(c2).fma(dv, g2);
                    g3 = FloatVector.fromArray(SPECIES, x, o + 3 * LANES).sub(c3).fma(dv, g3);
                } else {
                    g0 = FloatVector.fromArray(SPECIES, x, o).fma(dv, g0);
                    g1 = FloatVector.fromArray(SPECIES, x, o + LANES).fma(dv, g1);
                    g2 = FloatVector.fromArray(SPECIES, x, o + 2 * LANES).fma(dv, g2);
                    g3 = FloatVector.fromArray(SPECIES, x, o + 3 * LANES).fma(dv, g3);
                }
            }
            g0.intoArray(g, j);
            g1.intoArray(g, j + LANES);
            g2.intoArray(g, j + 2 * LANES);
            g3.intoArray(g, j + 3 * LANES);
        }
        for (; j < bound; j += LANES) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, j);
            FloatVector cv = centred ? FloatVector.fromArray(SPECIES, c, j) : zero;
            for (int k = from; k < to; k++) {
                FloatVector xv = FloatVector.fromArray(SPECIES, x, rows.offset(k, d) + j);
                gv = (centred ? xv.sub(cv) : xv).fma(FloatVector.broadcast(SPECIES, delta[deltaOff + k]), gv);
            }
            gv.intoArray(g, j);
        }
        if (bound < d) {
            int k = from;
            for (; k + 3 < to; k += 4) {
                int o0 = rows.offset(k, d);
                int o1 = rows.offset(k + 1, d);
                int o2 = rows.offset(k + 2, d);
                int o3 = rows.offset(k + 3, d);
                int p = deltaOff + k;
                for (int t = bound; t < d; t++) {
                    float ct = centred ? c[t] : 0f;
                    g[t] += delta[p] * (x[o0 + t] - ct) + delta[p + 1] * (x[o1 + t] - ct)
                            + delta[p + 2] * (x[o2 + t] - ct) + delta[p + 3] * (x[o3 + t] - ct);
                }
            }
            for (; k < to; k++) {
                int o = rows.offset(k, d);
                for (int t = bound; t < d; t++) {
                    g[t] += delta[deltaOff + k] * (x[o + t] - (centred ? c[t] : 0f));
                }
            }
        }
    }

    /** Lanes where bit {@code s} of the lane index is set: the second operand's half of {@link #pairSums}' step. */
    private static VectorMask<Float> upper(int s) {
        boolean[] bits = new boolean[LANES];
        for (int i = 0; i < LANES; i++) {
            bits[i] = (i & s) != 0;
        }
        return VectorMask.fromArray(SPECIES, bits, 0);
    }

    private static final VectorMask<Float> UPPER_1 = upper(1);
    private static final VectorMask<Float> UPPER_2 = upper(2);
    private static final VectorMask<Float> UPPER_4 = LANES > 4 ? upper(4) : null;
    private static final VectorMask<Float> UPPER_8 = LANES > 8 ? upper(8) : null;
    private static final VectorShuffle<Float> SWAP_1 = VectorShuffle.fromOp(SPECIES, i -> i ^ 1);
    private static final VectorShuffle<Float> SWAP_2 = VectorShuffle.fromOp(SPECIES, i -> i ^ 2);
    private static final VectorShuffle<Float> SWAP_4 = LANES > 4 ? VectorShuffle.fromOp(SPECIES, i -> i ^ 4) : null;
    private static final VectorShuffle<Float> SWAP_8 = LANES > 8 ? VectorShuffle.fromOp(SPECIES, i -> i ^ 8) : null;

    /**
     * {@code z = (x − center)·w + b} for positions {@code [from, to)} of {@code rows}, at {@code z[zOff + from]},
     * with the lane sums of {@link #LANES} rows done together: the sum of one row's vector, lane by lane, costs
     * about two instructions a lane, more than the row's multiply-adds. Instead the rows' vectors are folded
     * into each other, a step at a time (see {@link #UPPER_1}): step {@code s} adds lane {@code i} to lane
     * {@code i ^ s} of one row in the lanes of {@code a} where bit {@code s} is clear, of the other in those of
     * {@code b} where it is set ({@code a.blend(b) + b.blend(a).rearrange}). After the steps 1, 2, …, LANES/2,
     * lane {@code i} holds row {@code i}'s sum, formed in exactly the pairwise order of {@link #sum(FloatVector)}
     * (each addition is of the same two partial sums; only the operands' order differs, which IEEE addition
     * ignores). Steps 1 and 2 run on four rows, whose results wait in {@code partials} for the last steps. The
     * rows that do not fill a group of {@link #LANES} go to the plain gemv, as do all rows when {@code d} has a
     * tail or the vector has four lanes (there {@link #sum(FloatVector)} adds the lanes in a row, not pairwise):
     * the sums are the same either way.
     */
    private static void blockScores(float[] x, int d, Rows rows, int from, int to, float[] c, float[] w, float bias,
                                    float[] z, int zOff, float[] partials) {
        int bound = SPECIES.loopBound(d);
        boolean centred = c != null;
        int k = from;
        if (bound == d && LANES >= 8) {
            for (; k + LANES <= to; k += LANES) {
                for (int quad = 0; quad < LANES; quad += 4) {
                    int o0 = rows.offset(k + quad, d);
                    int o1 = rows.offset(k + quad + 1, d);
                    int o2 = rows.offset(k + quad + 2, d);
                    int o3 = rows.offset(k + quad + 3, d);
                    FloatVector s0 = FloatVector.zero(SPECIES);
                    FloatVector s1 = s0;
                    FloatVector s2 = s0;
                    FloatVector s3 = s0;
                    for (int j = 0; j < bound; j += LANES) {
                        FloatVector wv = FloatVector.fromArray(SPECIES, w, j);
                        if (centred) {
                            FloatVector cv = FloatVector.fromArray(SPECIES, c, j);
                            s0 = FloatVector.fromArray(SPECIES, x, o0 + j).sub(cv).fma(wv, s0);
                            s1 = FloatVector.fromArray(SPECIES, x, o1 + j).sub(cv).fma(wv, s1);
                            s2 = FloatVector.fromArray(SPECIES, x, o2 + j).sub(cv).fma(wv, s2);
                            s3 = FloatVector.fromArray(SPECIES, x, o3 + j).sub(cv).fma(wv, s3);
                        } else {
                            s0 = FloatVector.fromArray(SPECIES, x, o0 + j).fma(wv, s0);
                            s1 = FloatVector.fromArray(SPECIES, x, o1 + j).fma(wv, s1);
                            s2 = FloatVector.fromArray(SPECIES, x, o2 + j).fma(wv, s2);
                            s3 = FloatVector.fromArray(SPECIES, x, o3 + j).fma(wv, s3);
                        }
                    }
                    FloatVector a = s0.blend(s1, UPPER_1).add(s1.blend(s0, UPPER_1).rearrange(SWAP_1));
                    FloatVector b = s2.blend(s3, UPPER_1).add(s3.blend(s2, UPPER_1).rearrange(SWAP_1));
                    a.blend(b, UPPER_2).add(b.blend(a, UPPER_2).rearrange(SWAP_2)).intoArray(partials, quad * (LANES / 4));
                }
                FloatVector r = FloatVector.fromArray(SPECIES, partials, 0);
                FloatVector q1 = FloatVector.fromArray(SPECIES, partials, LANES);
                r = r.blend(q1, UPPER_4).add(q1.blend(r, UPPER_4).rearrange(SWAP_4));
                if (LANES >= 16) {
                    FloatVector q2 = FloatVector.fromArray(SPECIES, partials, 2 * LANES);
                    FloatVector q3 = FloatVector.fromArray(SPECIES, partials, 3 * LANES);
                    FloatVector b = q2.blend(q3, UPPER_4).add(q3.blend(q2, UPPER_4).rearrange(SWAP_4));
                    r = r.blend(b, UPPER_8).add(b.blend(r, UPPER_8).rearrange(SWAP_8));
                }
                r.add(bias).intoArray(z, zOff + k);
            }
        }
        if (k < to) {
            Rows rest = rows.slice(k, to);
            if (centred) {
                centeredGemvUnchecked(x, d, rest, c, w, bias, z, zOff + k);
            } else {
                gemvUnchecked(x, d, rest, w, 0, bias, z, zOff + k);
            }
        }
    }

    /**
     * The elementwise stage of the fused pass over {@code n} scores at {@code delta[p0]}: σ(z), the loss from the
     * logit and δ = σ − y, which replaces z. The block's loss and δ sums (lanes summed once per block) are added
     * to {@code sums}.
     */
    private static void blockDeltas(float[] delta, int p0, float[] y, int y0, int n, PassSums sums,
                                    float[] laneSums) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector lossAcc = FloatVector.zero(SPECIES);
        FloatVector deltaAcc = FloatVector.zero(SPECIES);
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector zv = FloatVector.fromArray(SPECIES, delta, p0 + i);
            FloatVector yv = FloatVector.fromArray(SPECIES, y, y0 + i);
            FloatVector e = expNonPositive(zv.abs().neg());
            FloatVector loss = zv.max(0f).sub(yv.mul(zv)).add(log1pUnit(e));
            // sigmoidFromExp written out: as a call it is past C2's node budget here and runs on boxed vectors.
            FloatVector inverse = one.div(e.add(1f));
            FloatVector dv = e.mul(inverse).blend(inverse, zv.compare(VectorOperators.GE, 0f)).sub(yv);
            lossAcc = lossAcc.add(loss);
            deltaAcc = deltaAcc.add(dv);
            dv.intoArray(delta, p0 + i);
        }
        // The lanes summed from memory for the same reason: sum(FloatVector) too would not be inlined.
        lossAcc.intoArray(laneSums, 0);
        deltaAcc.intoArray(laneSums, LANES);
        double lossSum = sums.loss + sumLanes(laneSums, 0);
        double deltaSum = sums.delta + sumLanes(laneSums, LANES);
        for (; i < n; i++) {
            float z = delta[p0 + i];
            float label = y[y0 + i];
            double e = ScalarKernels.expOfMinusAbs(z);
            float dk = (float) (ScalarKernels.sigmoidFromExp(z, e) - label);
            lossSum += ScalarKernels.logLossFromExp(z, label, e);
            deltaSum += dk;
            delta[p0 + i] = dk;
        }
        sums.loss = lossSum;
        sums.delta = deltaSum;
    }

    /** {@link #sum(FloatVector)} of the vector stored at {@code a[off]}: the same additions in the same order. */
    private static float sumLanes(float[] a, int off) {
        return LaneKernels.laneSum(a, off, LANES);
    }

    /**
     * Under {@link LaneKernels#SPARSE_GATHER_FROM} non-zeros, the scalar loop; from there, the row's values times
     * the gathered {@code w[indices[k]]} ({@code fromArray} with an index map) fused into one lane accumulator,
     * its lane sum, then the scalar tail. Measured on an AVX-512 EPYC (SparseKernelBenchmark, benchmarks/README.md):
     * the gather takes 0.67 of the scalar loop's time at 4096 non-zeros and 0.84 at 512 (w in L2), breaks even at
     * 128 and loses below (1.2–1.6× at 8–16), at 256 and 512 bits alike; two accumulators did not beat one.
     */
    @Override
    public float sparseDot(float[] values, int[] indices, int from, int to, float[] w) {
        int n = to - from;
        int k = from;
        float sum = 0f;
        if (n >= LaneKernels.SPARSE_GATHER_FROM) {
            FloatVector acc = FloatVector.zero(SPECIES);
            int bound = from + SPECIES.loopBound(n);
            for (; k < bound; k += LANES) {
                acc = FloatVector.fromArray(SPECIES, values, k).fma(FloatVector.fromArray(SPECIES, w, 0, indices, k), acc);
            }
            sum = sum(acc);
        }
        return ScalarKernels.sparseDotFrom(sum, values, indices, k, to, w);
    }

    /**
     * The scalar loop: gathering {@code y}, adding and scattering it back with the Vector API
     * ({@code intoArray} with an index map) was 1.3–1.9× slower than this loop at every row length measured, 8 to
     * 4096 non-zeros, 256- and 512-bit vectors alike (SparseKernelBenchmark, benchmarks/README.md, issue 17).
     */
    @Override
    public void sparseAxpy(float a, float[] values, int[] indices, int from, int to, float[] y) {
        ScalarKernels.scatterAdd(a, values, indices, from, to, y);
    }

    /** Per thread, {@link #addWeightedGram}'s copies of a block's centred and weighted rows, kept between calls. */
    private static final ThreadLocal<float[][]> GRAM_SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);
    /** The most floats per copy kept between calls (256 KiB per thread and copy); larger blocks allocate. */
    private static final int GRAM_SCRATCH_LIMIT = 1 << 16;

    /**
     * Register tiles: the block's centred rows are copied once, padded to whole vectors, with their weighted copy
     * ({@code c·x̂_i}, the same float product as the default's); then for each tile of four rows {@code i} of the
     * triangle and one vector of columns, four accumulators (loaded from {@code gram}) take one fused multiply-add
     * per row of the block, in row order, and are stored back — the default's chain of operations per entry, so the
     * same bits, without a load and a store of the matrix per row.
     */
    @Override
    public void addWeightedGram(float[] x, int d, Rows rows, float[] center, float[] weights, int wOff, float[] gram,
                                int stride) {
        int p = d + 1;
        int padded = (p + LANES - 1) / LANES * LANES;
        int tiles = (p + 3) / 4 * 4;
        if (stride < padded || gram.length < (tiles - 1) * stride + padded) {
            Kernels.super.addWeightedGram(x, d, rows, center, weights, wOff, gram, stride);
            return;
        }
        int m = rows.size();
        float[] xc;
        float[] wc;
        if (m * padded <= GRAM_SCRATCH_LIMIT) {
            float[][] scratch = GRAM_SCRATCH.get();
            if (scratch[0].length < m * padded) {
                scratch[0] = new float[m * padded];
            }
            if (scratch[1].length < m * tiles) {
                scratch[1] = new float[m * tiles];
            }
            xc = scratch[0];
            wc = scratch[1];
        } else {
            xc = new float[m * padded];
            wc = new float[m * tiles];
        }
        int bound = SPECIES.loopBound(d);
        VectorMask<Float> tail = SPECIES.indexInRange(bound, d);
        for (int k = 0; k < m; k++) {
            int offset = rows.offset(k, d);
            int base = k * padded;
            int weighted = k * tiles;
            float c = weights[wOff + k];
            FloatVector cv = FloatVector.broadcast(SPECIES, c);
            // The same float subtraction and product per element as the default's, a vector at a time.
            for (int j = 0; j < bound; j += LANES) {
                FloatVector xv = FloatVector.fromArray(SPECIES, x, offset + j);
                if (center != null) {
                    xv = xv.sub(FloatVector.fromArray(SPECIES, center, j));
                }
                xv.intoArray(xc, base + j);
                xv.mul(cv).intoArray(wc, weighted + j);
            }
            if (bound < d) {
                FloatVector xv = FloatVector.fromArray(SPECIES, x, offset + bound, tail);
                if (center != null) {
                    xv = xv.sub(FloatVector.fromArray(SPECIES, center, bound, tail));
                }
                xv.intoArray(xc, base + bound, tail);
                xv.mul(cv).intoArray(wc, weighted + bound, tail);
            }
            xc[base + d] = 1;
            wc[weighted + d] = c;
            // The scratch is reused: the padding (read by whole vectors and tiles, written to entries the
            // contract leaves free) is cleared so that it holds no stale values.
            java.util.Arrays.fill(xc, base + p, base + padded, 0f);
            java.util.Arrays.fill(wc, weighted + p, weighted + tiles, 0f);
        }
        for (int i = 0; i < p; i += 4) {
            for (int j = i / LANES * LANES; j < padded; j += LANES) {
                FloatVector a0 = FloatVector.fromArray(SPECIES, gram, i * stride + j);
                FloatVector a1 = FloatVector.fromArray(SPECIES, gram, (i + 1) * stride + j);
                FloatVector a2 = FloatVector.fromArray(SPECIES, gram, (i + 2) * stride + j);
                FloatVector a3 = FloatVector.fromArray(SPECIES, gram, (i + 3) * stride + j);
                for (int k = 0; k < m; k++) {
                    FloatVector v = FloatVector.fromArray(SPECIES, xc, k * padded + j);
                    int w = k * tiles + i;
                    a0 = FloatVector.broadcast(SPECIES, wc[w]).fma(v, a0);
                    a1 = FloatVector.broadcast(SPECIES, wc[w + 1]).fma(v, a1);
                    a2 = FloatVector.broadcast(SPECIES, wc[w + 2]).fma(v, a2);
                    a3 = FloatVector.broadcast(SPECIES, wc[w + 3]).fma(v, a3);
                }
                a0.intoArray(gram, i * stride + j);
                a1.intoArray(gram, (i + 1) * stride + j);
                a2.intoArray(gram, (i + 2) * stride + j);
                a3.intoArray(gram, (i + 3) * stride + j);
            }
        }
    }
}
