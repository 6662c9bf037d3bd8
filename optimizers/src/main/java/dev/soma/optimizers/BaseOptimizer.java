package dev.soma.optimizers;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.StepContext;
import dev.soma.plugins.VectorOps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the built-in update rules share: the name, the batch size, the learning rate, the SIMD ops, the step
 * count, and state handling. A subclass keeps its state in named float buffers of the parameter count
 * (velocities, moments), which {@link #state()}, {@link #restore} and {@link #copy()} then handle for it.
 */
abstract class BaseOptimizer implements Optimizer {

    private final String name;
    private final int batchSize;
    private final double learningRate;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private VectorOps ops;
    private long steps;
    private int parameterCount = -1;

    BaseOptimizer(String name, int batchSize, double learningRate) {
        this.name = name;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
    }

    /** The names of the state buffers this rule keeps, each of the parameter count. */
    abstract String[] bufferNames();

    /**
     * One update of {@code parameters} with the step size {@code rate} (the learning rate times the schedule's
     * factor); {@code t} is the 1-based step number.
     */
    abstract void update(float[] parameters, float[] gradient, float rate, long t, StepContext context);

    /** A fresh optimizer with the same configuration (state is copied by {@link #copy()}). */
    abstract BaseOptimizer sameConfiguration();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int batchSize() {
        return batchSize;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final long steps() {
        return steps;
    }

    final VectorOps ops() {
        return ops;
    }

    final float[] buffer(String bufferName) {
        return buffers.get(bufferName);
    }

    final int parameterCount() {
        return parameterCount;
    }

    @Override
    public final void initialise(int parameterCount, VectorOps ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.parameterCount = parameterCount;
        buffers.clear();
        for (String b : bufferNames()) {
            buffers.put(b, new float[parameterCount]);
        }
        steps = 0;
    }

    @Override
    public final void step(float[] parameters, float[] gradient, StepContext context) {
        if (ops == null) {
            throw new IllegalStateException("the '" + name + "' optimizer was not initialised before its first step");
        }
        if (parameters.length != parameterCount || gradient.length != parameterCount) {
            throw new IllegalArgumentException("the '" + name + "' optimizer was initialised for " + parameterCount
                    + " parameters, but got " + parameters.length + " parameters and " + gradient.length + " gradients");
        }
        steps++;
        update(parameters, gradient, (float) (learningRate * context.learningRateFactor()), steps, context);
    }

    /** Counts steps the engine took itself; only a rule that declares {@link #plainGradientDescent()} accepts them. */
    @Override
    public final void countPlainSteps(long count) {
        if (!plainGradientDescent()) {
            throw new UnsupportedOperationException("the '" + name + "' optimizer does not declare plain gradient descent");
        }
        if (count < 0) {
            throw new IllegalArgumentException("a step count cannot be negative: " + count);
        }
        if (ops == null) {
            throw new IllegalStateException("the '" + name + "' optimizer was not initialised before its first step");
        }
        steps += count;
    }

    @Override
    public void reset() {
        buffers.values().forEach(b -> java.util.Arrays.fill(b, 0f));
        steps = 0;
    }

    @Override
    public final Optimizer copy() {
        BaseOptimizer copy = sameConfiguration();
        copy.ops = ops;
        copy.parameterCount = parameterCount;
        copy.steps = steps;
        buffers.forEach((k, v) -> copy.buffers.put(k, v.clone()));
        copyExtraStateTo(copy);
        return copy;
    }

    /** For rules with state beyond the buffers (L-BFGS's history length). */
    void copyExtraStateTo(BaseOptimizer copy) {
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(name, steps, buffers, Map.of());
    }

    @Override
    public void restore(OptimizerState state) {
        if (ops == null) {
            throw new IllegalStateException("initialise the '" + name + "' optimizer before restoring its state");
        }
        state.requireCompatible(name, parameterCount);
        for (String b : bufferNames()) {
            System.arraycopy(state.buffer(b), 0, buffers.get(b), 0, parameterCount);
        }
        steps = state.steps();
    }

    @Override
    public String toString() {
        return name + "(learningRate=" + learningRate + ", batchSize=" + (batchSize == FULL_BATCH ? "all" : batchSize) + ")";
    }
}
