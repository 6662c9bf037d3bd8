package dev.soma.engine.select;

import java.util.Arrays;

/**
 * One metric over the folds of a cross-validation: each fold's value, their mean and their standard deviation
 * (population, dividing by k, as NumPy's {@code scores.std()} of scikit-learn's {@code cross_val_score}).
 */
public record MetricSummary(Metric metric, double[] values, double mean, double standardDeviation) {

    public MetricSummary {
        values = values.clone();
    }

    /** The summary of {@code values}, one per fold. */
    public static MetricSummary of(Metric metric, double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new MetricSummary(metric, values, mean, Math.sqrt(squares / values.length));
    }

    /** Each fold's value (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSummary s && s.metric == metric && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return metric.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %.6f ± %.6f", metric.key(), mean, standardDeviation);
    }
}
