package dev.soma.engine.metrics;

/**
 * How well a binary classifier does on labelled examples.
 *
 * @param accuracy the fraction of examples whose predicted class (probability ≥ 0.5) equals the label
 * @param logLoss  the mean log loss (binary cross-entropy) of the predicted probabilities
 * @param examples how many examples were scored
 */
public record ClassificationMetrics(double accuracy, double logLoss, int examples) {
}
