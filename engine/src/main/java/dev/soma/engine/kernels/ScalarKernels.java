package dev.soma.engine.kernels;

/**
 * The scalar twin of every kernel: plain loops, one element at a time. It is the oracle the vector kernels
 * are tested against, the fallback when the Vector API is unavailable, and the baseline of the benchmarks.
 * Transcendental functions are evaluated in double and rounded once, so this is also the more exact path.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        checkRange(a, aOff, n);
        checkRange(b, bOff, n);
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    @Override
    public float sum(float[] x, int off, int n) {
        checkRange(x, off, n);
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += x[off + i];
        }
        return sum;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange(x, xOff, n);
        checkRange(y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public float rowScore(float[] x, int xOff, float[] w, int d) {
        checkRange(w, 0, d + 1);
        return dot(x, xOff, w, 0, d) + w[d];
    }

    @Override
    public void rowStep(float alpha, float delta, float[] x, int xOff, int d, float[] theta) {
        checkRange(x, xOff, d);
        checkRange(theta, 0, d + 1);
        for (int j = 0; j < d; j++) {
            // 0f + δ·x, as axpy into the cleared gradient rounds it (−0 becomes +0).
            theta[j] += alpha * (0f + delta * x[xOff + j]);
        }
        theta[d] += alpha * delta;
    }

    @Override
    public void scale(float alpha, float[] x, int off, int n) {
        checkRange(x, off, n);
        for (int i = 0; i < n; i++) {
            x[off + i] *= alpha;
        }
    }

    @Override
    public void hadamard(float[] a, float[] b, float[] out, int n) {
        checkRange(a, 0, n);
        checkRange(b, 0, n);
        checkRange(out, 0, n);
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void axpby(float a, float[] x, float b, float[] y, int n) {
        checkRange(x, 0, n);
        checkRange(y, 0, n);
        for (int i = 0; i < n; i++) {
            y[i] = a * x[i] + b * y[i];
        }
    }

    @Override
    public void squareAxpby(float a, float[] x, float b, float[] y, int n) {
        checkRange(x, 0, n);
        checkRange(y, 0, n);
        for (int i = 0; i < n; i++) {
            y[i] = a * (x[i] * x[i]) + b * y[i];
        }
    }

    @Override
    public void divSqrtAxpy(float alpha, float[] num, float[] den, float eps, float[] y, int n) {
        checkRange(num, 0, n);
        checkRange(den, 0, n);
        checkRange(y, 0, n);
        for (int i = 0; i < n; i++) {
            y[i] += alpha * (num[i] / ((float) Math.sqrt(den[i]) + eps));
        }
    }

    @Override
    public void sign(float[] x, float[] out, int n) {
        checkRange(x, 0, n);
        checkRange(out, 0, n);
        for (int i = 0; i < n; i++) {
            float v = x[i];
            out[i] = v > 0 ? 1f : v < 0 ? -1f : 0f;
        }
    }

    @Override
    public void gemv(float[] x, int d, Rows rows, float[] w, int wOff, float bias, float[] z, int zOff) {
        checkRows(x, d, rows);
        checkRange(w, wOff, d);
        checkRange(z, zOff, rows.size());
        for (int k = 0; k < rows.size(); k++) {
            z[zOff + k] = dot(x, rows.offset(k, d), w, wOff, d) + bias;
        }
    }

    @Override
    public void addTransposedProduct(float[] x, int d, Rows rows, float[] delta, int deltaOff, int deltaStride,
                                     float[] g, int gOff) {
        checkRows(x, d, rows);
        checkStrided(delta, deltaOff, deltaStride, rows.size());
        checkRange(g, gOff, d);
        for (int k = 0; k < rows.size(); k++) {
            axpy(delta[deltaOff + k * deltaStride], x, rows.offset(k, d), g, gOff, d);
        }
    }

    @Override
    public void centeredGemv(float[] x, int d, Rows rows, float[] center, float[] w, float bias, float[] z, int zOff) {
        checkMatrix(x, d, rows, w);
        checkRange(center, 0, d);
        checkRange(z, zOff, rows.size());
        for (int k = 0; k < rows.size(); k++) {
            z[zOff + k] = centeredDot(x, rows.offset(k, d), center, w, d) + bias;
        }
    }

    @Override
    public void addCenteredTransposedProduct(float[] x, int d, Rows rows, float[] center, float[] delta,
                                             int deltaOff, float[] g) {
        checkRows(x, d, rows);
        checkRange(center, 0, d);
        checkRange(delta, deltaOff, rows.size());
        checkRange(g, 0, d);
        for (int k = 0; k < rows.size(); k++) {
            centeredAxpy(delta[deltaOff + k], x, rows.offset(k, d), center, g, d);
        }
    }

    /** {@code (x[off, off + d) − c)·w}. */
    private static float centeredDot(float[] x, int off, float[] c, float[] w, int d) {
        float sum = 0f;
        for (int j = 0; j < d; j++) {
            sum += (x[off + j] - c[j]) * w[j];
        }
        return sum;
    }

    /** {@code g += alpha·(x[off, off + d) − c)}. */
    private static void centeredAxpy(float alpha, float[] x, int off, float[] c, float[] g, int d) {
        for (int j = 0; j < d; j++) {
            g[j] += alpha * (x[off + j] - c[j]);
        }
    }

    @Override
    public void sigmoid(float[] z, float[] out, int from, int to) {
        checkRange(z, from, to - from);
        checkRange(out, from, to - from);
        for (int i = from; i < to; i++) {
            out[i] = (float) sigmoid(z[i]);
        }
    }

    @Override
    public void logisticPass(float[] x, int d, Rows rows, float[] center, float[] y, int yOff, float[] w,
                             float bias, float[] delta, int deltaOff, float[] g, PassSums sums) {
        checkLogisticPass(x, d, rows, center, y, yOff, w, delta, deltaOff, g);
        double lossSum = 0;
        double deltaSum = 0;
        for (int k = 0; k < rows.size(); k++) {
            int rowStart = rows.offset(k, d);
            float z = (center == null ? dot(x, rowStart, w, 0, d) : centeredDot(x, rowStart, center, w, d)) + bias;
            float label = y[yOff + k];
            double e = expOfMinusAbs(z);
            float dk = (float) (sigmoidFromExp(z, e) - label);
            lossSum += logLossFromExp(z, label, e);
            deltaSum += dk;
            delta[deltaOff + k] = dk;
            if (center == null) {
                axpy(dk, x, rowStart, g, 0, d);
            } else {
                centeredAxpy(dk, x, rowStart, center, g, d);
            }
        }
        sums.loss += lossSum;
        sums.delta += deltaSum;
    }

    /** {@code σ(z)}, written so that neither branch overflows: for negative z it is {@code e^z / (1 + e^z)}. */
    public static double sigmoid(double z) {
        return sigmoidFromExp(z, expOfMinusAbs(z));
    }

    /** {@code e^(−|z|)}: the one exponential that both σ(z) and the log loss at z need. */
    public static double expOfMinusAbs(double z) {
        return Math.exp(-Math.abs(z));
    }

    /** {@code σ(z)} from {@code e = e^(−|z|)}. */
    public static double sigmoidFromExp(double z, double e) {
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** {@code log(1 + e^z) − y·z = max(z, 0) − y·z + log1p(e^(−|z|))}: never {@code log(0)}, never overflows. */
    public static double logLossFromLogit(double z, double y) {
        return logLossFromExp(z, y, expOfMinusAbs(z));
    }

    /** The log loss at z from {@code e = e^(−|z|)}. */
    public static double logLossFromExp(double z, double y, double e) {
        return Math.max(z, 0) - y * z + log1pUnit(e);
    }

    /**
     * {@code log(1 + e)} for {@code e ∈ [0, 1]} within 1.2e-12 relative: {@code Math.log(1 + e)} (a compiler
     * intrinsic; rounding {@code 1 + e} costs at most 1.1e-16 absolute, ≤ 1.1e-12 relative for e ≥ 1e-4) and
     * the series {@code e − e²/2 + e³/3} below that. {@code Math.log1p} is exact to an ulp but a plain Java
     * routine, and at m = 1 it was a tenth of an SGD step's time.
     */
    static double log1pUnit(double e) {
        return e >= 1e-4 ? Math.log(1 + e) : e * (1 - e * (0.5 - e / 3));
    }

    static void checkRange(float[] a, int off, int n) {
        if (off < 0 || n < 0 || off > a.length - n) {
            throw new IndexOutOfBoundsException(
                    "range [" + off + ", " + ((long) off + n) + ") is outside an array of length " + a.length);
        }
    }

    /** The arguments of a fused logistic pass, checked alike by every kernel class. */
    static void checkLogisticPass(float[] x, int d, Rows rows, float[] center, float[] y, int yOff, float[] w,
                                  float[] delta, int deltaOff, float[] g) {
        checkMatrix(x, d, rows, w);
        if (center != null) {
            checkRange(center, 0, d);
        }
        checkRange(g, 0, d);
        checkRange(y, yOff, rows.size());
        checkRange(delta, deltaOff, rows.size());
    }

    static void checkMatrix(float[] x, int d, Rows rows, float[] vectorOfD) {
        if (d < 0 || vectorOfD.length < d) {
            throw new IllegalArgumentException(
                    "a vector of length " + vectorOfD.length + " does not fit " + d + " columns");
        }
        checkRows(x, d, rows);
    }

    /** {@code n} elements of {@code a} from {@code off}, {@code stride} apart. */
    static void checkStrided(float[] a, int off, int stride, int n) {
        if (stride < 1) {
            throw new IllegalArgumentException("a stride must be at least 1, but was " + stride);
        }
        if (n > 0) {
            checkRange(a, off, (int) Math.min(Integer.MAX_VALUE, (long) (n - 1) * stride + 1));
        }
    }

    static void checkRows(float[] x, int d, Rows rows) {
        if (d < 0) {
            throw new IllegalArgumentException("a matrix cannot have " + d + " columns");
        }
        int maxRow = rows.maxRow();
        if (maxRow >= 0 && rows.base() + (long) (maxRow + 1) * d > x.length) {
            throw new IndexOutOfBoundsException(
                    "row " + maxRow + " of " + d + " columns is outside a matrix of " + x.length + " floats");
        }
    }

    @Override
    public float sparseDot(float[] values, int[] indices, int from, int to, float[] w) {
        return sparseDotFrom(0f, values, indices, from, to, w);
    }

    @Override
    public void sparseAxpy(float a, float[] values, int[] indices, int from, int to, float[] y) {
        scatterAdd(a, values, indices, from, to, y);
    }

    /**
     * {@code sum + Σ values[k]·w[indices[k]]} in index order: the scalar sparse dot, and the tail every kernel
     * adds after its lanes, so that all of them round it alike.
     */
    static float sparseDotFrom(float sum, float[] values, int[] indices, int from, int to, float[] w) {
        for (int k = from; k < to; k++) {
            sum += values[k] * w[indices[k]];
        }
        return sum;
    }

    /** {@code y[indices[k]] += a·values[k]}: the one scatter-add every kernel uses (it gives the same bits). */
    static void scatterAdd(float a, float[] values, int[] indices, int from, int to, float[] y) {
        for (int k = from; k < to; k++) {
            y[indices[k]] += a * values[k];
        }
    }
}
