package dev.soma.engine.metrics;

/**
 * How well a regression model does on labelled examples, with scikit-learn's definitions.
 *
 * @param meanSquaredError  {@code (1/n) Σ (y − ŷ)²}
 * @param meanAbsoluteError {@code (1/n) Σ |y − ŷ|}
 * @param r2                the coefficient of determination, {@code 1 − SS_res / SS_tot} (NaN when all labels are equal)
 * @param examples          how many examples were scored
 */
public record RegressionMetrics(double meanSquaredError, double meanAbsoluteError, double r2, int examples)
        implements Report {

    /** The root of the mean squared error, in the label's unit. */
    public double rootMeanSquaredError() {
        return Math.sqrt(meanSquaredError);
    }
}
