package dev.soma.plugins;

/**
 * The SIMD operations a plugin may use, backed by the kernels the engine chose at start-up (Vector API
 * lanes, or the scalar fallback). Plugins call these instead of writing loops so their state updates run
 * on SIMD without depending on engine internals or on {@code jdk.incubator.vector}. An optimizer receives its
 * {@code VectorOps} in {@link Optimizer#initialise}; outside the engine (in tests) the test kit's
 * {@code PlainVectorOps} computes the same formulas in plain Java.
 *
 * <p><b>Ranges.</b> The offset forms ({@link #dot(float[], int, float[], int, int) dot}, {@link #axpy(float,
 * float[], int, float[], int, int) axpy}, {@link #scale(float, float[], int, int) scale}) work on
 * {@code n} elements starting at an offset in each array; the other operations work on the first {@code n}
 * elements, {@code [0, n)}. Arrays may be longer than the range. The engine's kernels throw
 * {@link IndexOutOfBoundsException}, before writing anything, when a range does not lie inside its array.
 *
 * <p><b>Aliasing.</b> Every operation is elementwise: element {@code i} of the output depends only on element
 * {@code i} of the inputs. An output may therefore be the very same array (at the same offset) as an input, as in
 * {@code sign(c, c, n)}; ranges that overlap at different offsets are not allowed.
 *
 * <p><b>Rounding.</b> All arithmetic is in {@code float}. The vector kernels may fuse a multiply and an add into
 * one rounding, and {@link #dot(float[], int, float[], int, int) dot} adds in lane order, so results may differ
 * from a plain loop in the last bits; they never differ in the formula.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface VectorOps {

    /**
     * The kernels behind these operations, for logs and messages.
     *
     * @return {@code "vector"} or {@code "scalar"} in the engine (the test kit's plain implementation says
     *         {@code "plain"})
     */
    String name();

    /**
     * The width of the SIMD registers in use.
     *
     * @return floats per SIMD register (1 for the scalar kernels)
     */
    int lanes();

    /**
     * The dot product of two ranges: {@code Σ a[aOff+i]·b[bOff+i]} for {@code 0 ≤ i < n}. The summation order
     * depends on the lanes, so the result may differ from a sequential sum in the last bits.
     *
     * @param a    the first vector
     * @param aOff where the range of {@code a} starts
     * @param b    the second vector
     * @param bOff where the range of {@code b} starts
     * @param n    how many elements to multiply and add
     * @return the sum of the products (0 when {@code n} is 0)
     */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /**
     * "a·x plus y", in place: {@code y[yOff+i] += alpha·x[xOff+i]} for {@code 0 ≤ i < n}. With {@code alpha = −ε}
     * and {@code x} the gradient this is the gradient-descent step {@code θ ← θ − ε·g}.
     *
     * @param alpha the factor of {@code x}
     * @param x     the vector added, read only
     * @param xOff  where the range of {@code x} starts
     * @param y     the vector added to, updated in place
     * @param yOff  where the range of {@code y} starts
     * @param n     how many elements
     */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Scales a range in place: {@code x[off+i] *= alpha} for {@code 0 ≤ i < n}. With {@code alpha = 1 − ε·λ} this
     * is decoupled weight decay.
     *
     * @param alpha the factor
     * @param x     the vector, updated in place
     * @param off   where the range starts
     * @param n     how many elements
     */
    void scale(float alpha, float[] x, int off, int n);

    /**
     * The elementwise (Hadamard) product: {@code out[i] = a[i]·b[i]} for {@code 0 ≤ i < n}.
     *
     * @param a   the first factor, read only
     * @param b   the second factor, read only
     * @param out receives the products; may be {@code a} or {@code b}
     * @param n   how many elements
     */
    void hadamard(float[] a, float[] b, float[] out, int n);

    /**
     * A linear combination into {@code y}: {@code y[i] = a·x[i] + b·y[i]} for {@code 0 ≤ i < n}. With
     * {@code a = 1 − β} and {@code b = β} this is the exponential moving average {@code m ← β·m + (1−β)·g}; with
     * {@code a = 1} and {@code b = μ}, the momentum update {@code v ← μ·v + g}.
     *
     * @param a the factor of {@code x}
     * @param x the new values (a gradient), read only
     * @param b the factor of the old {@code y} (a decay)
     * @param y the running vector (a moment, a velocity), updated in place
     * @param n how many elements
     */
    void axpby(float a, float[] x, float b, float[] y, int n);

    /**
     * A linear combination of squares into {@code y}: {@code y[i] = a·x[i]² + b·y[i]} for {@code 0 ≤ i < n}. With
     * {@code a = 1 − β2} and {@code b = β2} this is the moving average of squared gradients
     * {@code v ← β2·v + (1−β2)·g²} of RMSProp and Adam; with {@code a = b = 1}, AdaGrad's sum {@code G ← G + g²}.
     *
     * @param a the factor of the squares of {@code x}
     * @param x the values to square (a gradient), read only
     * @param b the factor of the old {@code y} (a decay)
     * @param y the running vector of squares, updated in place
     * @param n how many elements
     */
    void squareAxpby(float a, float[] x, float b, float[] y, int n);

    /**
     * The adaptive step: {@code y[i] += alpha·num[i] / (√den[i] + eps)} for {@code 0 ≤ i < n}. With
     * {@code alpha = −ε}, {@code num} the gradient (or first moment) and {@code den} the running squares, this is
     * the update {@code θ ← θ − ε·g/(√G + eps)} of AdaGrad, RMSProp and Adam.
     *
     * @param alpha the step factor, usually minus the learning rate
     * @param num   the numerators (a gradient or a first moment), read only
     * @param den   the values whose square roots divide, read only; must be {@code ≥ 0} (a negative one gives NaN)
     * @param eps   added to each square root (not under it), keeping the division finite where {@code den} is 0
     * @param y     the vector stepped (the parameters), updated in place
     * @param n     how many elements
     */
    void divSqrtAxpy(float alpha, float[] num, float[] den, float eps, float[] y, int n);

    /**
     * The elementwise sign: {@code out[i] = sign(x[i])} for {@code 0 ≤ i < n}, that is 1 when {@code x[i] > 0},
     * −1 when {@code x[i] < 0}, and 0 when it is zero (either sign) or NaN.
     *
     * @param x   the values, read only
     * @param out receives −1, 0 or 1; may be {@code x}
     * @param n   how many elements
     */
    void sign(float[] x, float[] out, int n);

    /**
     * The dot product of two whole arrays of the same length: {@code Σ a[i]·b[i]}.
     *
     * @param a the first vector
     * @param b the second vector, as long as {@code a}
     * @return the sum of the products
     * @throws IllegalArgumentException if the lengths differ
     * @see #dot(float[], int, float[], int, int)
     */
    default float dot(float[] a, float[] b) {
        requireSameLength(a.length, b.length);
        return dot(a, 0, b, 0, a.length);
    }

    /**
     * "a·x plus y" over two whole arrays of the same length: {@code y[i] += alpha·x[i]}.
     *
     * @param alpha the factor of {@code x}
     * @param x     the vector added, read only
     * @param y     the vector added to, as long as {@code x}, updated in place
     * @throws IllegalArgumentException if the lengths differ
     * @see #axpy(float, float[], int, float[], int, int)
     */
    default void axpy(float alpha, float[] x, float[] y) {
        requireSameLength(x.length, y.length);
        axpy(alpha, x, 0, y, 0, x.length);
    }

    /**
     * Scales a whole array in place: {@code x[i] *= alpha}.
     *
     * @param alpha the factor
     * @param x     the vector, updated in place
     * @see #scale(float, float[], int, int)
     */
    default void scale(float alpha, float[] x) {
        scale(alpha, x, 0, x.length);
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("array lengths differ: " + a + " and " + b);
        }
    }
}
