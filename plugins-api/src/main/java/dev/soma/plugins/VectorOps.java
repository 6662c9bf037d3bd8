package dev.soma.plugins;

/**
 * The SIMD operations a plugin may use, backed by the kernels the engine chose at start-up (Vector API
 * lanes, or the scalar fallback). Plugins call these instead of writing loops so their state updates run
 * on SIMD without depending on engine internals or on {@code jdk.incubator.vector}.
 *
 * <p>Ranges are given as an offset and a length; the whole-array forms check that the lengths agree.
 * Implementations are stateless and thread-safe.
 */
public interface VectorOps {

    /** The kernels behind these operations: {@code "vector"} or {@code "scalar"}. */
    String name();

    /** Floats per SIMD register in use (1 for scalar). */
    int lanes();

    /** Returns {@code Σ a[aOff+i]·b[bOff+i]} for {@code i < n}. The summation order depends on the lanes. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** {@code y[yOff+i] += alpha·x[xOff+i]} for {@code i < n}. */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code x[off+i] *= alpha} for {@code i < n}. */
    void scale(float alpha, float[] x, int off, int n);

    /** {@code out[i] = a[i]·b[i]} for {@code i < n}, elementwise (Hadamard) product; {@code out} may alias an input. */
    void hadamard(float[] a, float[] b, float[] out, int n);

    /** {@code y[i] = a·x[i] + b·y[i]} for {@code i < n}: the exponential moving average and momentum update. */
    void axpby(float a, float[] x, float b, float[] y, int n);

    /** {@code y[i] = a·x[i]² + b·y[i]} for {@code i < n}: the moving average of squared gradients. */
    void squareAxpby(float a, float[] x, float b, float[] y, int n);

    /**
     * {@code y[i] += alpha·num[i] / (√den[i] + eps)} for {@code i < n}: the adaptive step of AdaGrad, RMSProp and
     * Adam. {@code den} must be non-negative.
     */
    void divSqrtAxpy(float alpha, float[] num, float[] den, float eps, float[] y, int n);

    /** {@code out[i] = sign(x[i])} (−1, 0 or 1) for {@code i < n}; {@code out} may be {@code x}. */
    void sign(float[] x, float[] out, int n);

    /** Whole-array {@link #dot(float[], int, float[], int, int) dot}. */
    default float dot(float[] a, float[] b) {
        requireSameLength(a.length, b.length);
        return dot(a, 0, b, 0, a.length);
    }

    /** Whole-array {@link #axpy(float, float[], int, float[], int, int) axpy}: {@code y += alpha·x}. */
    default void axpy(float alpha, float[] x, float[] y) {
        requireSameLength(x.length, y.length);
        axpy(alpha, x, 0, y, 0, x.length);
    }

    /** Whole-array {@link #scale(float, float[], int, int) scale}: {@code x *= alpha}. */
    default void scale(float alpha, float[] x) {
        scale(alpha, x, 0, x.length);
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("array lengths differ: " + a + " and " + b);
        }
    }
}
