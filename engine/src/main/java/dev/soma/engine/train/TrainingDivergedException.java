package dev.soma.engine.train;

/**
 * Training stopped because the cost stopped being a finite number: the steps are too large for the problem.
 * The message says at which epoch, with which optimizer and learning rate, and suggests a smaller rate.
 */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int epoch;

    public TrainingDivergedException(int epoch, double cost, double startingCost, String optimizer, double learningRate) {
        super("training diverged at epoch " + epoch + ": the cost "
                + (Double.isFinite(cost) ? "grew to " + cost + " from " + startingCost : "became " + cost)
                + " with the '" + optimizer
                + "' optimizer at learning rate " + learningRate + "; the steps are too large: try a smaller "
                + "learning rate (for example " + learningRate / 10 + "), or standardise the features");
        this.epoch = epoch;
    }

    /** The epoch at which the cost stopped being finite. */
    public int epoch() {
        return epoch;
    }
}
