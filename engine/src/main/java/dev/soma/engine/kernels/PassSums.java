package dev.soma.engine.kernels;

/**
 * The scalar results of a fused pass, added to across calls: the sum of the per-example losses and the sum
 * of the deltas (the bias gradient before averaging). Double, so sums over many rows keep their precision.
 */
public final class PassSums {

    /** {@code Σ L} over the rows visited. */
    public double loss;

    /** {@code Σ δ} over the rows visited. */
    public double delta;

    /** Sets both sums to zero. */
    public void clear() {
        loss = 0;
        delta = 0;
    }
}
