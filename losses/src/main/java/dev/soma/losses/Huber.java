package dev.soma.losses;

import dev.soma.plugins.Loss;

/**
 * The Huber loss for robust regression: quadratic for small residuals, linear for large ones, so outliers pull
 * less. With {@code r = s − y}: {@code L = r²/2} when {@code |r| ≤ δ}, else {@code δ·(|r| − δ/2)}; the
 * derivative is r clipped to [−δ, δ].
 */
final class Huber implements Loss {

    static final String NAME = "huber";

    private final double delta;

    Huber(double delta) {
        this.delta = delta;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double value(float score, float label) {
        double r = Math.abs((double) score - label);
        return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
    }

    @Override
    public float derivative(float score, float label) {
        double r = (double) score - label;
        return (float) Math.max(-delta, Math.min(delta, r));
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }
}
