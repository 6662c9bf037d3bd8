package dev.soma.engine;

/**
 * Progress after one epoch, given to {@link TrainingListener}s.
 *
 * @param epoch        1-based
 * @param maxEpochs    the budget
 * @param cost         the objective {@code J = mean loss + (λ/2)‖w‖²} over the training set, after the epoch
 * @param meanLoss     the mean loss alone
 * @param gradientNorm the Euclidean norm of the full gradient of {@code J} (weights and bias)
 * @param elapsedNanos time since training started
 */
public record EpochReport(int epoch, int maxEpochs, double cost, double meanLoss, double gradientNorm,
                          long elapsedNanos) {
}
