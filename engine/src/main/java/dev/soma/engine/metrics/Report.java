package dev.soma.engine.metrics;

/**
 * Every metric of a model on labelled data: a {@link ClassificationReport} for a classifier, a
 * {@link RegressionMetrics} for regression. Returned by {@code Model.report}.
 */
public sealed interface Report permits ClassificationReport, RegressionMetrics {

    /** How many examples were scored. */
    int examples();
}
