package dev.soma.plugins;

/** What the engine tells an optimizer at each {@link Optimizer#step step}, besides the parameters and the gradient. */
public interface StepContext {

    /**
     * The cost at the current parameters over the batch of this step (the gradient's batch).
     *
     * @return {@code J(θ)}: the mean loss over the batch plus the penalty; NaN when unknown
     *         ({@link #simple()})
     */
    double cost();

    /**
     * The learning-rate schedule's factor for this step: the optimizer multiplies its own learning rate by it.
     * An optimizer that ignores it breaks every schedule (step decay, cosine, reduce-on-plateau) silently.
     *
     * @return a factor {@code ≥ 0}, usually at most 1 (a cosine schedule may end at 0); 1 when no schedule is set
     */
    double learningRateFactor();

    /**
     * The epoch this step belongs to.
     *
     * @return the 1-based epoch
     */
    int epoch();

    /**
     * The cost over the same batch, for optimizers that need to evaluate it at other parameters (line searches).
     *
     * @return the batch's cost function; {@link #simple()}'s throws {@link UnsupportedOperationException}
     */
    CostFunction costFunction();

    /**
     * A context with these values, for tests and for callers that step an optimizer themselves.
     *
     * @param cost               the cost at the current parameters
     * @param learningRateFactor the schedule's factor (1 for none)
     * @param epoch              the 1-based epoch
     * @param costFunction       the batch's cost function
     * @return an immutable context
     */
    static StepContext of(double cost, double learningRateFactor, int epoch, CostFunction costFunction) {
        record Values(double cost, double learningRateFactor, int epoch, CostFunction costFunction)
                implements StepContext {
        }
        return new Values(cost, learningRateFactor, epoch, costFunction);
    }

    /**
     * A context for a step outside a training run: cost unknown (NaN), factor 1, epoch 1, no re-evaluation.
     *
     * @return the context
     */
    static StepContext simple() {
        return of(Double.NaN, 1, 1, (p, g) -> {
            throw new UnsupportedOperationException("this step has no cost function to evaluate");
        });
    }
}
