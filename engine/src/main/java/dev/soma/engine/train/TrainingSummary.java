package dev.soma.engine.train;

import java.time.Duration;

/**
 * How a model was trained: the metadata stored with it.
 *
 * @param epochs         epochs run
 * @param stopReason     why training stopped
 * @param cost           the final objective on the (standardised) training set
 * @param meanLoss       the final mean training loss
 * @param gradientNorm   the final norm of the full gradient
 * @param loss           the loss plugin's name
 * @param optimizer      the optimizer plugin's name
 * @param optimizerOptions the options the optimizer was given (the others took their defaults)
 * @param learningRate   the optimizer's learning rate
 * @param batchSize      examples per step (n for full batch)
 * @param l1             the L1 penalty λ1
 * @param l2             the L2 penalty λ2
 * @param validationLoss the validation loss of the kept weights (early stopping), or NaN
 * @param bestEpoch      the epoch whose weights were kept (early stopping), else the last epoch
 * @param passes         full passes over the training data
 * @param kernels        the kernels that ran: "vector" or "scalar"
 * @param lanes          float lanes per SIMD register (1 for scalar)
 * @param elapsed        wall-clock training time (including the time before a resumed checkpoint)
 * @param warnings       what went badly though training ended normally — the cost ended above where it started, or
 *                       rose over the last epochs — each a sentence with a suggestion; empty when all went well
 */
public record TrainingSummary(int epochs, StopReason stopReason, double cost, double meanLoss, double gradientNorm,
                              String loss, String optimizer, java.util.Map<String, Object> optimizerOptions,
                              double learningRate, int batchSize, double l1, double l2,
                              double validationLoss, int bestEpoch, double passes, String kernels, int lanes,
                              Duration elapsed, java.util.List<String> warnings) {

    public TrainingSummary {
        optimizerOptions = java.util.Map.copyOf(optimizerOptions);
        warnings = java.util.List.copyOf(warnings);
    }

    /** A summary without warnings. */
    public TrainingSummary(int epochs, StopReason stopReason, double cost, double meanLoss, double gradientNorm,
                           String loss, String optimizer, java.util.Map<String, Object> optimizerOptions,
                           double learningRate, int batchSize, double l1, double l2,
                           double validationLoss, int bestEpoch, double passes, String kernels, int lanes,
                           Duration elapsed) {
        this(epochs, stopReason, cost, meanLoss, gradientNorm, loss, optimizer, optimizerOptions, learningRate, batchSize,
                l1, l2, validationLoss, bestEpoch, passes, kernels, lanes, elapsed, java.util.List.of());
    }

    /** Whether a tolerance, not a budget, stopped training. */
    public boolean converged() {
        return stopReason != StopReason.MAX_EPOCHS && stopReason != StopReason.MAX_TIME
                && stopReason != StopReason.CANCELLED && stopReason != StopReason.WORSE_THAN_START;
    }

    /** The kernels as people read them: "vector, 16 lanes" or "scalar". */
    public String kernelDescription() {
        return lanes > 1 ? kernels + ", " + lanes + " lanes" : kernels;
    }
}
