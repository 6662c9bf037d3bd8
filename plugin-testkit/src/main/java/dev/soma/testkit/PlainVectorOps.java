package dev.soma.testkit;

import dev.soma.plugins.VectorOps;

/**
 * {@link VectorOps} in plain Java, for testing a plugin without the engine: each method is the loop of the formula
 * its interface method states. The engine's scalar kernels compute the same thing; its vector kernels agree within
 * rounding. Unlike the engine's kernels it does not check ranges before writing (an out-of-range {@code n} throws
 * {@link ArrayIndexOutOfBoundsException} part-way).
 */
public final class PlainVectorOps implements VectorOps {

    /** The plain operations; they have no state. */
    public PlainVectorOps() {
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "plain";
    }

    /** {@inheritDoc} */
    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            x[off + i] *= alpha;
        }
    }

    @Override
    public void hadamard(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void axpby(float a, float[] x, float b, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = a * x[i] + b * y[i];
        }
    }

    @Override
    public void squareAxpby(float a, float[] x, float b, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = a * (x[i] * x[i]) + b * y[i];
        }
    }

    @Override
    public void divSqrtAxpy(float alpha, float[] num, float[] den, float eps, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * (num[i] / ((float) Math.sqrt(den[i]) + eps));
        }
    }

    @Override
    public void sign(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] > 0 ? 1f : x[i] < 0 ? -1f : 0f;
        }
    }
}
