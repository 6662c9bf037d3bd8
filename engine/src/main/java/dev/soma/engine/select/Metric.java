package dev.soma.engine.select;

import dev.soma.engine.metrics.ClassificationReport;
import dev.soma.engine.metrics.RegressionMetrics;
import dev.soma.engine.metrics.Report;
import dev.soma.engine.model.Model;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The scalar metrics cross-validation summarises, named as {@code soma evaluate --json} names them, with the
 * direction in which each is better (for choosing settings).
 */
public enum Metric {
    ACCURACY("accuracy", true, true),
    PRECISION("precision", true, true),
    RECALL("recall", true, true),
    F1("f1", true, true),
    AUC("auc", true, true),
    LOG_LOSS("logLoss", true, false),
    RMSE("rmse", false, false),
    MAE("mae", false, false),
    R2("r2", false, true);

    private final String key;
    private final boolean classification;
    private final boolean higherIsBetter;

    Metric(String key, boolean classification, boolean higherIsBetter) {
        this.key = key;
        this.classification = classification;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name in reports and on the command line: {@code logLoss}, {@code accuracy}, {@code rmse}. */
    public String key() {
        return key;
    }

    /** True for a score (accuracy, AUC, R²), false for a loss or an error (log loss, RMSE). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** True when {@code a} is strictly better than {@code b} (NaN is worse than any number). */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return higherIsBetter ? a > b : a < b;
    }

    /** This metric of a report, or NaN when the report has no such metric (an RMSE of a classifier). */
    public double of(Report report) {
        return switch (report) {
            case ClassificationReport r -> switch (this) {
                case ACCURACY -> r.accuracy();
                case PRECISION -> r.precision();
                case RECALL -> r.recall();
                case F1 -> r.f1();
                case AUC -> r.rocAuc();
                case LOG_LOSS -> r.logLoss();
                default -> Double.NaN;
            };
            case RegressionMetrics r -> switch (this) {
                case RMSE -> r.rootMeanSquaredError();
                case MAE -> r.meanAbsoluteError();
                case R2 -> r.r2();
                default -> Double.NaN;
            };
        };
    }

    /**
     * The metrics a model's reports have: accuracy, precision, recall, F1, AUC and (for a model with probabilities,
     * not the SVM) log loss for a classifier; RMSE, MAE and R² for regression.
     */
    public static List<Metric> of(Model model) {
        if (model.label().classes().isEmpty()) {
            return List.of(RMSE, MAE, R2);
        }
        return model.hasProbabilities() ? List.of(ACCURACY, PRECISION, RECALL, F1, AUC, LOG_LOSS)
                : List.of(ACCURACY, PRECISION, RECALL, F1, AUC);
    }

    /**
     * The metric named {@code key} (as {@link #key()}, ignoring case; {@code log-loss} and {@code log_loss} too).
     *
     * @throws IllegalArgumentException naming the metrics there are
     */
    public static Metric named(String key) {
        String wanted = key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (Metric m : values()) {
            if (m.key.toLowerCase(Locale.ROOT).equals(wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no metric '" + key + "': the metrics are "
                + Arrays.stream(values()).map(Metric::key).toList());
    }

    /** True for the metrics of classifiers, false for those of regression. */
    public boolean isClassification() {
        return classification;
    }

    @Override
    public String toString() {
        return key;
    }
}
