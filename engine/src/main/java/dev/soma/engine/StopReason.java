package dev.soma.engine;

/** Why training stopped. */
public enum StopReason {
    /** The norm of the full gradient fell to the gradient tolerance: converged. */
    GRADIENT_TOLERANCE,
    /** The cost changed by no more than the cost tolerance over an epoch: converged, or stalled. */
    COST_TOLERANCE,
    /** The epoch budget ran out first: the result may not have converged. */
    MAX_EPOCHS
}
