package dev.soma.plugins;

/**
 * A gradient-descent update rule and its batching, after the theory's loop: while the stopping criterion is
 * not met, take {@code m} examples, estimate the mean gradient {@code ĝ} over them, update
 * {@code θ ← rule(θ, ĝ)}.
 *
 * <p>The engine owns the parameters, the data and the gradient; the optimizer owns its batching, its rule and
 * whatever state the rule keeps (a step count, velocities...). The lifecycle is: {@link #initialise} once per
 * training run, then {@link #step} once per batch. An optimizer is not thread-safe; {@link #copy()} makes an
 * independent one.
 */
public interface Optimizer {

    /** Marks a {@link #batchSize} of "every example": full-batch gradient descent. */
    int FULL_BATCH = Integer.MAX_VALUE;

    /** The optimizer's stable name, the same as its provider's. */
    String name();

    /**
     * How many examples each step sees: 1 (stochastic), {@code k} (minibatch) or {@link #FULL_BATCH}. The
     * engine uses {@code min(batchSize(), n)}.
     */
    int batchSize();

    /**
     * Prepares for a training run over {@code parameterCount} parameters, discarding any earlier state.
     *
     * @param ops SIMD operations to use for the update
     */
    void initialise(int parameterCount, VectorOps ops);

    /**
     * Applies one update to {@code parameters} in place, given the mean gradient of the cost over the batch
     * (any penalty included). {@code gradient} may be overwritten.
     *
     * @param context the cost at {@code parameters}, the schedule's learning-rate factor, and the cost function of
     *                the batch for optimizers that evaluate it elsewhere
     */
    void step(float[] parameters, float[] gradient, StepContext context);

    /** Forgets all state, as if freshly {@link #initialise initialised}. */
    void reset();

    /** An independent optimizer with the same configuration and a copy of the current state. */
    Optimizer copy();

    /** The step size in use, for progress and error messages. */
    double learningRate();

    /** Steps taken since {@link #initialise} or {@link #reset}. */
    long steps();

    /** A deep copy of the state, for checkpoints. */
    OptimizerState state();

    /**
     * Replaces the state with a copy of {@code state}, so that training continues exactly where the snapshot was
     * taken. Call after {@link #initialise}.
     *
     * @throws IllegalArgumentException if the state belongs to another optimizer or another parameter count
     */
    void restore(OptimizerState state);
}
