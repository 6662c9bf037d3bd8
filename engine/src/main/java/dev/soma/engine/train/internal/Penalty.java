package dev.soma.engine.train.internal;

/**
 * The regularisation term, {@code λ1·‖w‖₁ + (λ2/2)·‖w‖²}, on the weights only (never the bias). Elastic net is
 * both at once, as scikit-learn's {@code alpha} and {@code l1_ratio}: {@code λ1 = α·ρ}, {@code λ2 = α·(1 − ρ)}.
 *
 * <p>L1 is applied by subgradient ({@code λ1·sign(w)}, 0 at 0) inside the gradient, so it reaches every
 * optimizer the same way — a proximal step would need each optimizer's own step size, which L-BFGS and the
 * adaptive rules do not have per parameter. The price: weights driven towards zero hover near it rather than
 * landing on exactly 0.
 */
public record Penalty(double l1, double l2) {

    public static final Penalty NONE = new Penalty(0, 0);

    public Penalty {
        if (!(l1 >= 0) || !(l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("penalties must be finite numbers >= 0, but were L1 " + l1 + ", L2 " + l2);
        }
    }

    /** True when there is no penalty: its value and gradient are 0 everywhere. */
    public boolean isZero() {
        return l1 == 0 && l2 == 0;
    }

    /** The penalty's value at weights {@code w[0..d)}. */
    public double value(float[] w, int d) {
        return value(w, 0, d);
    }

    /** The penalty's value at the weights {@code w[from..to)}. */
    double value(float[] w, int from, int to) {
        double abs = 0;
        double squares = 0;
        for (int j = from; j < to; j++) {
            abs += Math.abs(w[j]);
            squares += (double) w[j] * w[j];
        }
        return l1 * abs + 0.5 * l2 * squares;
    }

    /** The penalty's (sub)gradient at {@code w}, for weight j. */
    public double gradient(float w) {
        return l2 * w + (w > 0 ? l1 : w < 0 ? -l1 : 0);
    }
}
