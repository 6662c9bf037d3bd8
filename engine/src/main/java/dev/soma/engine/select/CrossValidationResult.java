package dev.soma.engine.select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link CrossValidation} found: the folds it used, each fold's model and metrics, and every metric's
 * mean and standard deviation over the folds.
 */
public final class CrossValidationResult {

    private final Folds folds;
    private final List<FoldResult> foldResults;
    private final Map<Metric, MetricSummary> summaries = new LinkedHashMap<>();

    CrossValidationResult(Folds folds, List<FoldResult> foldResults) {
        this.folds = folds;
        this.foldResults = List.copyOf(foldResults);
        for (Metric metric : Metric.of(foldResults.getFirst().model())) {
            double[] values = foldResults.stream().mapToDouble(r -> r.value(metric)).toArray();
            summaries.put(metric, MetricSummary.of(metric, values));
        }
    }

    /** The fold assignment used. */
    public Folds folds() {
        return folds;
    }

    /** One result per fold, in fold order. */
    public List<FoldResult> foldResults() {
        return foldResults;
    }

    /** The metrics the models have (log loss only for models with probabilities), in report order. */
    public List<Metric> metrics() {
        return List.copyOf(summaries.keySet());
    }

    /** Every metric's summary, in report order. */
    public List<MetricSummary> summaries() {
        return List.copyOf(summaries.values());
    }

    /**
     * The summary of {@code metric}.
     *
     * @throws IllegalArgumentException when the models lack it (log loss of an SVM, RMSE of a classifier)
     */
    public MetricSummary summary(Metric metric) {
        MetricSummary s = summaries.get(metric);
        if (s == null) {
            throw new IllegalArgumentException("the models have no " + metric.key() + ": their metrics are "
                    + metrics());
        }
        return s;
    }

    /** The mean of {@code metric} over the folds. */
    public double mean(Metric metric) {
        return summary(metric).mean();
    }

    /** The standard deviation of {@code metric} over the folds. */
    public double standardDeviation(Metric metric) {
        return summary(metric).standardDeviation();
    }

    @Override
    public String toString() {
        return folds + ": " + summaries.values();
    }
}
