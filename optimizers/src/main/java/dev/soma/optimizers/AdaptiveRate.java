package dev.soma.optimizers;

import dev.soma.plugins.StepContext;

/**
 * The per-parameter adaptive rules that divide the step by a running root mean square of the gradient:
 * AdaGrad ({@code G ← G + g²}) and RMSProp ({@code G ← ρ·G + (1−ρ)·g²}), then {@code θ ← θ − ε·g/(√G + eps)}.
 */
final class AdaptiveRate extends BaseOptimizer {

    /** The decay ρ of RMSProp's average; AdaGrad keeps the plain sum (no decay). */
    private final Float decay;
    private final float epsilon;

    private AdaptiveRate(String name, int batchSize, double learningRate, Float decay, double epsilon) {
        super(name, batchSize, learningRate);
        this.decay = decay;
        this.epsilon = (float) epsilon;
    }

    static AdaptiveRate adagrad(int batchSize, double learningRate, double epsilon) {
        return new AdaptiveRate("adagrad", batchSize, learningRate, null, epsilon);
    }

    static AdaptiveRate rmsprop(int batchSize, double learningRate, double rho, double epsilon) {
        return new AdaptiveRate("rmsprop", batchSize, learningRate, (float) rho, epsilon);
    }

    @Override
    String[] bufferNames() {
        return new String[] {"squares"};
    }

    @Override
    void update(float[] parameters, float[] gradient, float rate, long t, StepContext context) {
        float[] squares = buffer("squares");
        int n = parameters.length;
        if (decay == null) {
            ops().squareAxpby(1f, gradient, 1f, squares, n);
        } else {
            ops().squareAxpby(1f - decay, gradient, decay, squares, n);
        }
        ops().divSqrtAxpy(-rate, gradient, squares, epsilon, parameters, n);
    }

    @Override
    BaseOptimizer sameConfiguration() {
        return new AdaptiveRate(name(), batchSize(), learningRate(), decay, epsilon);
    }
}
