package com.example.lion;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.StepContext;
import dev.soma.plugins.VectorOps;
import java.util.Map;

/**
 * Lion, "EvoLved Sign Momentum" (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms"):
 * <pre>
 *   c ← β1·m + (1 − β1)·g          the update direction: an interpolation of momentum and gradient
 *   θ ← θ − ε·(sign(c) + λ·θ)      a step of the same size in every coordinate, with decoupled weight decay
 *   m ← β2·m + (1 − β2)·g          the momentum, tracked with a slower decay
 * </pre>
 * Every vector operation goes through the engine's {@link VectorOps}, so the update runs on SIMD lanes.
 */
final class Lion implements Optimizer {

    private final int batchSize;
    private final double learningRate;
    private final float beta1;
    private final float beta2;
    private final double weightDecay;
    private VectorOps ops;
    private float[] momentum;
    private float[] direction;
    private long steps;

    Lion(int batchSize, double learningRate, double beta1, double beta2, double weightDecay) {
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.weightDecay = weightDecay;
    }

    @Override
    public String name() {
        return LionProvider.NAME;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void initialise(int parameterCount, VectorOps ops) {
        this.ops = ops;
        this.momentum = new float[parameterCount];
        this.direction = new float[parameterCount];
        this.steps = 0;
    }

    @Override
    public void step(float[] parameters, float[] gradient, StepContext context) {
        if (ops == null) {
            throw new IllegalStateException("the 'lion' optimizer was not initialised before its first step");
        }
        if (parameters.length != momentum.length) {
            throw new IllegalArgumentException("'lion' was initialised for " + momentum.length + " parameters, got "
                    + parameters.length);
        }
        int n = parameters.length;
        float rate = (float) (learningRate * context.learningRateFactor());
        System.arraycopy(momentum, 0, direction, 0, n);
        ops.axpby(1 - beta1, gradient, beta1, direction, n);
        ops.sign(direction, direction, n);
        if (weightDecay > 0) {
            ops.scale((float) (1 - rate * weightDecay), parameters);
        }
        ops.axpy(-rate, direction, parameters);
        ops.axpby(1 - beta2, gradient, beta2, momentum, n);
        steps++;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(momentum, 0f);
        steps = 0;
    }

    @Override
    public Optimizer copy() {
        Lion copy = new Lion(batchSize, learningRate, beta1, beta2, weightDecay);
        copy.ops = ops;
        copy.momentum = momentum == null ? null : momentum.clone();
        copy.direction = direction == null ? null : direction.clone();
        copy.steps = steps;
        return copy;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(name(), steps, Map.of("momentum", momentum), Map.of());
    }

    @Override
    public void restore(OptimizerState state) {
        state.requireCompatible(name(), momentum.length);
        System.arraycopy(state.buffer("momentum"), 0, momentum, 0, momentum.length);
        steps = state.steps();
    }
}
