package dev.soma.plugins;

/** What the engine tells an optimizer at each step, besides the parameters and the gradient. */
public interface StepContext {

    /** The cost {@code J} at the current parameters over the batch (the gradient's batch), penalties included. */
    double cost();

    /**
     * The learning-rate schedule's factor for this step: the optimizer multiplies its own learning rate by it
     * (1 when no schedule is set).
     */
    double learningRateFactor();

    /** The 1-based epoch this step belongs to. */
    int epoch();

    /** The cost over the same batch, for optimizers that need to evaluate it elsewhere (line searches). */
    CostFunction costFunction();

    /** A context with these values. */
    static StepContext of(double cost, double learningRateFactor, int epoch, CostFunction costFunction) {
        record Values(double cost, double learningRateFactor, int epoch, CostFunction costFunction)
                implements StepContext {
        }
        return new Values(cost, learningRateFactor, epoch, costFunction);
    }

    /** A context for a step outside a training run: cost unknown (NaN), factor 1, epoch 1, no re-evaluation. */
    static StepContext simple() {
        return of(Double.NaN, 1, 1, (p, g) -> {
            throw new UnsupportedOperationException("this step has no cost function to evaluate");
        });
    }
}
