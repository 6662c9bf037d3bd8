package dev.soma.losses;

import dev.soma.plugins.Loss;

/**
 * Binary cross-entropy of {@code ŷ = σ(s)} against a label in {0, 1}, computed from the logit {@code s}:
 * {@code L = −y·log ŷ − (1−y)·log(1−ŷ) = log(1 + e^s) − y·s = max(s, 0) − y·s + log1p(e^(−|s|))}. That form
 * never takes the log of 0 and never overflows, however saturated the sigmoid. With the sigmoid the delta is
 * {@code ∂L/∂s = σ(s) − y}.
 */
final class LogLoss implements Loss {

    static final String NAME = "log";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double value(float score, float label) {
        double s = score;
        return Math.max(s, 0) - label * s + Math.log1p(Math.exp(-Math.abs(s)));
    }

    @Override
    public float derivative(float score, float label) {
        double e = Math.exp(-Math.abs((double) score));
        double sigmoid = score >= 0 ? 1 / (1 + e) : e / (1 + e);
        return (float) (sigmoid - label);
    }

    /** {@code σ(s)·(1 − σ(s)) = e^(−|s|) / (1 + e^(−|s|))²}: the same for s and −s, and never rounded to 1 − 1. */
    @Override
    public double secondDerivative(float score, float label) {
        double e = Math.exp(-Math.abs((double) score));
        return e / ((1 + e) * (1 + e));
    }

    @Override
    public Form form() {
        return Form.LOG_LOSS_FROM_LOGIT;
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
