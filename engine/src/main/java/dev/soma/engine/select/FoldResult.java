package dev.soma.engine.select;

import dev.soma.engine.metrics.Report;
import dev.soma.engine.model.Model;

/**
 * One fold of a cross-validation: the model trained with the fold held out, and its metrics on the fold.
 *
 * @param fold         the fold, 0 to k − 1
 * @param trainingSize the examples the model trained on
 * @param model        the model, with the preprocessing (standardisation, table encoding) it learned from its
 *                     training rows
 * @param report       the model's metrics on the held-out fold, as {@code evaluate} reports them
 */
public record FoldResult(int fold, int trainingSize, Model model, Report report) {

    /** The examples scored (the held-out fold's size). */
    public int heldOutSize() {
        return report.examples();
    }

    /** This fold's value of {@code metric}, NaN when its report has none. */
    public double value(Metric metric) {
        return metric.of(report);
    }
}
