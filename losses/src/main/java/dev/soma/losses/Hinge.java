package dev.soma.losses;

import dev.soma.plugins.Loss;

/**
 * The hinge loss of a linear support-vector machine. Labels are 0 and 1, read as {@code t = 2y − 1 ∈ {−1, +1}}:
 * {@code L = max(0, 1 − t·s)}, with the subgradient {@code δ = −t} inside the margin ({@code t·s < 1}) and 0
 * outside it.
 */
final class Hinge implements Loss {

    static final String NAME = "hinge";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double value(float score, float label) {
        double t = 2.0 * label - 1;
        return Math.max(0, 1 - t * score);
    }

    @Override
    public float derivative(float score, float label) {
        float t = 2f * label - 1f;
        return t * score < 1f ? -t : 0f;
    }

    @Override
    public boolean acceptsLabel(float label) {
        return label == 0f || label == 1f;
    }

    @Override
    public String labelRequirement() {
        return "0 or 1";
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }
}
