package com.example.guide;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.StepContext;
import dev.soma.plugins.VectorOps;
import java.util.Arrays;
import java.util.Map;

/** Gradient descent along a moving average of the gradient: m ← β·m + (1−β)·g, then θ ← θ − ε·m. */
final class SmoothSgd implements Optimizer {

    private final int batchSize;
    private final double learningRate;
    private final float beta;
    private VectorOps ops;
    private float[] average;
    private long steps;

    SmoothSgd(int batchSize, double learningRate, double beta) {
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.beta = (float) beta;
    }

    @Override
    public String name() {
        return SmoothSgdProvider.NAME;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void initialise(int parameterCount, VectorOps ops) {
        this.ops = ops;
        this.average = new float[parameterCount];
        this.steps = 0;
    }

    @Override
    public void step(float[] parameters, float[] gradient, StepContext context) {
        if (ops == null) {
            throw new IllegalStateException("'smoothsgd' was not initialised before its first step");
        }
        float rate = (float) (learningRate * context.learningRateFactor());
        int n = parameters.length;
        ops.axpby(1 - beta, gradient, beta, average, n);   // m ← (1−β)·g + β·m
        ops.axpy(-rate, average, parameters);              // θ ← θ − ε·m
        steps++;
    }

    @Override
    public void reset() {
        Arrays.fill(average, 0f);
        steps = 0;
    }

    @Override
    public Optimizer copy() {
        SmoothSgd copy = new SmoothSgd(batchSize, learningRate, beta);
        copy.ops = ops;
        copy.average = average == null ? null : average.clone();
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
        return new OptimizerState(name(), steps, Map.of("average", average), Map.of());
    }

    @Override
    public void restore(OptimizerState state) {
        state.requireCompatible(name(), average.length);
        System.arraycopy(state.buffer("average"), 0, average, 0, average.length);
        steps = state.steps();
    }
}
