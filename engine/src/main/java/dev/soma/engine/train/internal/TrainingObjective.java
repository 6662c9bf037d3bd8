package dev.soma.engine.train.internal;

import dev.soma.engine.kernels.Rows;
import dev.soma.plugins.CostFunction;

/**
 * A model's training objective over a dataset: the cost {@code J(θ)} of a batch of rows and its gradient, for
 * parameters packed in one flat array. One neuron ({@link LinearObjective}) and a multi-layer network
 * ({@code NetworkObjective}) both train through the same loop, optimizers, schedules and stopping rules by
 * implementing this. Not thread-safe: one per training run.
 */
public interface TrainingObjective {

    /** The number of examples, n. */
    int examples();

    /** The number of parameters. */
    int parameterCount();

    /** Computes {@code J} over {@code rows} at {@code theta} and writes {@code ∇J} into {@code gradient}. */
    double evaluate(float[] theta, Rows rows, float[] gradient);

    /** The mean loss, without the penalty, of the last {@link #evaluate}. */
    double meanLoss();

    /** Full passes over the data so far: rows evaluated / n. */
    double passes();

    /** The objective over a fixed batch, as the {@link CostFunction} an optimizer may call. */
    default CostFunction over(Rows rows) {
        return (theta, gradient) -> evaluate(theta, rows, gradient);
    }

    /**
     * A hint that {@code rows} will be evaluated soon: an objective may start loading them. Does nothing unless
     * overridden.
     */
    default void prefetch(Rows rows) {
    }
}
