package dev.soma.optimizers;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.VectorOps;
import java.util.Objects;

/**
 * Plain gradient descent, {@code θ ← θ − ε·ĝ}, with a fixed batch size m. The three variants of the theory
 * differ only in m: 1 (stochastic), k (minibatch) or every example (batch). The update is one SIMD
 * {@code axpy}. The only state is the step count.
 */
final class GradientDescent implements Optimizer {

    private final String name;
    private final int batchSize;
    private final double learningRate;
    private VectorOps ops;
    private long steps;

    GradientDescent(String name, int batchSize, double learningRate) {
        this.name = name;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void initialise(int parameterCount, VectorOps ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
        reset();
    }

    @Override
    public void step(float[] parameters, float[] gradient) {
        if (ops == null) {
            throw new IllegalStateException("the '" + name + "' optimizer was not initialised before its first step");
        }
        ops.axpy((float) -learningRate, gradient, parameters);
        steps++;
    }

    @Override
    public void reset() {
        steps = 0;
    }

    @Override
    public Optimizer copy() {
        GradientDescent copy = new GradientDescent(name, batchSize, learningRate);
        copy.ops = ops;
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
    public String toString() {
        return name + "(learningRate=" + learningRate + ", batchSize="
                + (batchSize == FULL_BATCH ? "all" : batchSize) + ")";
    }
}
