package dev.soma.losses;

import dev.soma.plugins.Loss;

/**
 * Squared error for a linear (identity) neuron: {@code L = (s − y)²}, so the cost is the theory's
 * {@code S = (1/n) Σ (y − wᵀx)²} and the delta is {@code ∂L/∂s = 2(s − y)}.
 */
final class SquaredError implements Loss {

    static final String NAME = "mse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double value(float score, float label) {
        double r = (double) score - label;
        return r * r;
    }

    @Override
    public float derivative(float score, float label) {
        return 2f * (score - label);
    }

    /** {@code ∂²L/∂s² = 2}. */
    @Override
    public double secondDerivative(float score, float label) {
        return 2;
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }
}
