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

    /** A context for a step outside a training run: cost unknown (NaN), factor 1, epoch 1, no re-evaluation. */
    static StepContext simple() {
        return new StepContext() {
            @Override
            public double cost() {
                return Double.NaN;
            }

            @Override
            public double learningRateFactor() {
                return 1;
            }

            @Override
            public int epoch() {
                return 1;
            }

            @Override
            public CostFunction costFunction() {
                return (p, g) -> {
                    throw new UnsupportedOperationException("this step has no cost function to evaluate");
                };
            }
        };
    }
}
