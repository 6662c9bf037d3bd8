package dev.soma.optimizers;

import dev.soma.plugins.StepContext;

/**
 * Gradient descent with momentum, as PyTorch's SGD: {@code v ← μ·v + g}, then {@code θ ← θ − ε·v}; with
 * Nesterov's variant {@code θ ← θ − ε·(g + μ·v)}, the gradient "looked ahead" along the velocity.
 */
final class Momentum extends BaseOptimizer {

    private final float momentum;
    private final boolean nesterov;

    Momentum(String name, int batchSize, double learningRate, double momentum, boolean nesterov) {
        super(name, batchSize, learningRate);
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
    }

    @Override
    String[] bufferNames() {
        return new String[] {"velocity"};
    }

    @Override
    void update(float[] parameters, float[] gradient, float rate, long t, StepContext context) {
        float[] velocity = buffer("velocity");
        int n = parameters.length;
        ops().axpby(1f, gradient, momentum, velocity, n);           // v = g + μ·v
        if (nesterov) {
            ops().axpby(momentum, velocity, 1f, gradient, n);       // g' = μ·v + g
            ops().axpy(-rate, gradient, parameters);
        } else {
            ops().axpy(-rate, velocity, parameters);
        }
    }

    @Override
    BaseOptimizer sameConfiguration() {
        return new Momentum(name(), batchSize(), learningRate(), momentum, nesterov);
    }
}
