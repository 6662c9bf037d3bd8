package dev.soma.engine.train;

/** Why training stopped. */
public enum StopReason {
    /** The norm of the full gradient fell to the gradient tolerance: converged. */
    GRADIENT_TOLERANCE,
    /** The training cost did not improve by the cost tolerance for {@code patience} epochs: converged, or stalled. */
    COST_TOLERANCE,
    /** Early stopping: the validation loss did not improve for {@code patience} epochs; the best weights are kept. */
    VALIDATION_NO_IMPROVEMENT,
    /** The time budget ran out. */
    MAX_TIME,
    /** Cancelled (the cancellation check said so, or the thread was interrupted); the last epoch's weights are kept. */
    CANCELLED,
    /** The epoch budget ran out first: the result may not have converged. */
    MAX_EPOCHS,
    /**
     * The cost stopped improving (by the cost tolerance, for {@code patience} epochs) at a value above the one it
     * started from: the steps made the model worse, most often because the learning rate is too large. Not a
     * divergence (the cost stayed finite and under 10⁴ times its start), and not convergence.
     */
    WORSE_THAN_START
}
