package dev.soma.engine.train;

/**
 * Progress after one epoch, given to {@link TrainingListener}s.
 *
 * @param epoch          1-based
 * @param maxEpochs      the budget
 * @param cost           the objective {@code J = mean loss + penalty} over the training set, after the epoch
 * @param meanLoss       the mean loss alone
 * @param gradientNorm   the Euclidean norm of the full gradient of {@code J} (weights and bias)
 * @param validationLoss the mean loss on the validation split (early stopping), or NaN without one
 * @param learningRate   the learning rate of the epoch's last step (the optimizer's times the schedule's factor)
 * @param passes         full passes over the training data so far (line searches and evaluations included)
 * @param elapsedNanos   time since training started
 */
public record EpochReport(int epoch, int maxEpochs, double cost, double meanLoss, double gradientNorm,
                          double validationLoss, double learningRate, double passes, long elapsedNanos) {
}
