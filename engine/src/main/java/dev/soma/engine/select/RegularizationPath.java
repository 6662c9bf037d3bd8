package dev.soma.engine.select;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.table.TableRows;
import dev.soma.engine.metrics.ClassificationReport;
import dev.soma.engine.metrics.RegressionMetrics;
import dev.soma.engine.metrics.Report;
import dev.soma.engine.model.Model;
import dev.soma.engine.train.PenaltySweep;
import dev.soma.engine.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The regularisation path: one model per L2 penalty, from the strongest penalty to the weakest, each fit starting
 * from the previous one's solution (warm start), as LIBLINEAR's {@code -C} search and scikit-learn's
 * {@code LogisticRegressionCV} do. Neighbouring penalties have neighbouring optima, so each fit after the first starts
 * close to its answer; from the third on it starts at the extrapolation of the last optima along log λ: the secant
 * through two, then the parabola through three. The fits run as one {@link Trainer#penaltySweep}: the data is prepared
 * once and the optimizer goes on from fit to fit with its memory (L-BFGS's curvature pairs, newton's matrix).
 *
 * <pre>{@code
 * RegularizationPath<LogisticRegression> path = RegularizationPath.of(
 *         LogisticRegression.trainer().optimizer("lbfgs"), RegularizationPath.grid(1, 1e-5, 20));
 * RegularizationPath.CrossValidated<LogisticRegression> cv = path.crossValidate(data, Folds.stratified(data, 5, 0));
 * double lambda = cv.bestPenalty();   // by the mean held-out log loss
 * LogisticRegression model = cv.model(); // refit on all the data with it
 * }</pre>
 *
 * <p>The trainer's optimizer is used as given. On small dense data, {@code newton} with {@code solver=auto} (or
 * {@code cholesky}) gives the fastest path: the previous fit's Hessian matrix goes on with the optimizer and each
 * fit's first step puts the new λ on its diagonal (the cost says its penalty, {@code CostFunction.l2Penalty}), a
 * Newton step without a pass for the matrix, corrected by the curvature pairs of the steps since the matrix was built
 * (about a quarter to a third of the time of twenty cold fits on breast cancer, credit-g and a dense 20,000 × 40
 * set: benchmarks/README.md, "Regularisation path").
 *
 * <p>The penalties can be given as λ ({@link #of}: the {@code l2} of {@link Trainer}, the same for every fit) or as
 * scikit-learn's C ({@link #ofC}: each fit on n rows uses {@code λ = 1/(C·n)}, so that a fold's fit and the refit
 * on all the data solve exactly scikit-learn's problems). The trainer's other settings apply to every fit; it is
 * copied, never changed. Within each fold's path the standardiser is fit on the fold's training rows only (by the
 * first, cold fit; the warm fits keep it), and the held-out rows are scored by the model as trained.
 *
 * @param <M> the model
 */
public final class RegularizationPath<M extends Model> {

    private final Trainer<M> trainer;
    private final double[] values;
    private final boolean inverse;

    private RegularizationPath(Trainer<M> trainer, double[] values, boolean inverse) {
        // The copy's own end-of-fit hooks are cleared: the path's fits are its own business, and along a
        // cross-validation they run on several threads at once.
        this.trainer = Objects.requireNonNull(trainer, "trainer").copy().finalParameters(null)
                .finalOptimizerState(null);
        this.values = values;
        this.inverse = inverse;
    }

    /**
     * A path over these L2 penalties λ, visited from the largest to the smallest whatever their order here.
     *
     * @throws IllegalArgumentException for no value, or a value that is not a finite number ≥ 0 (named)
     */
    public static <M extends Model> RegularizationPath<M> of(Trainer<M> trainer, double... lambdas) {
        double[] sorted = checked(lambdas, "λ", true);
        // Largest first.
        for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
            double t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
        }
        return new RegularizationPath<>(trainer, sorted, false);
    }

    /**
     * A path over scikit-learn's inverse penalties C ({@code λ = 1/(C·n)} for a fit on n rows), visited from the
     * smallest C (the strongest penalty) to the largest.
     *
     * @throws IllegalArgumentException for no value, or a value that is not a finite number > 0 (named)
     */
    public static <M extends Model> RegularizationPath<M> ofC(Trainer<M> trainer, double... cs) {
        return new RegularizationPath<>(trainer, checked(cs, "C", false), true);
    }

    /** {@code count} values from {@code from} to {@code to}, evenly spaced in logarithm (as numpy's logspace). */
    public static double[] grid(double from, double to, int count) {
        if (!(from > 0) || !(to > 0) || Double.isInfinite(from) || Double.isInfinite(to) || count < 2) {
            throw new IllegalArgumentException("a log grid needs two finite ends > 0 and at least 2 values, not "
                    + from + ", " + to + ", " + count);
        }
        double[] grid = new double[count];
        double a = Math.log10(from);
        double b = Math.log10(to);
        for (int i = 0; i < count; i++) {
            grid[i] = Math.pow(10, a + (b - a) * i / (count - 1));
        }
        return grid;
    }

    private static double[] checked(double[] values, String name, boolean zeroAllowed) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("a regularisation path needs at least one " + name);
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(zeroAllowed ? v >= 0 : v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " number " + (i + 1) + " of the path is " + v + ": each "
                        + name + " must be a finite number " + (zeroAllowed ? ">= 0" : "> 0"));
            }
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(name + " " + sorted[i] + " is given twice in the path");
            }
        }
        return sorted;
    }

    /** The penalties in the order the path visits them: λ largest first, or C smallest first. */
    public double[] values() {
        return values.clone();
    }

    /** The λ of value {@code i} for a fit on {@code n} rows. */
    double lambda(int i, int n) {
        return inverse ? 1 / (values[i] * n) : values[i];
    }

    /** One point of the path: the penalty as given (λ, or C), the λ it meant for this fit, the model. */
    public record Point<M>(double value, double lambda, M model) {
    }

    /** The models of the whole path on {@code data}, each warm-started from the previous one. */
    public List<Point<M>> fit(Dataset data) {
        return fit(data, values.length);
    }

    /**
     * The first {@code count} points of the path: one {@link Trainer#penaltySweep} (the data prepared once, the
     * optimizer carried from fit to fit in memory), each fit from the third on started at the extrapolation of the
     * last optima.
     */
    private List<Point<M>> fit(Dataset data, int count) {
        List<Point<M>> points = new ArrayList<>(count);
        // Each fit's parameters (standardised by the first fit's standardiser, which the sweep keeps), newest last:
        // from the last three (two), the next fit starts at their quadratic (linear) extrapolation along log λ.
        List<float[]> optima = new ArrayList<>();
        try (PenaltySweep<M> sweep = trainer.penaltySweep(data)) {
            float[] start = null;
            for (int i = 0; i < count; i++) {
                double lambda = lambda(i, data.size());
                M model = sweep.fit(lambda, start);
                points.add(new Point<>(values[i], lambda, model));
                optima.add(sweep.parameters());
                if (optima.size() > 3) {
                    optima.removeFirst();
                }
                start = null;
                int known = optima.size();
                if (i + 1 < count && known >= 2) {
                    float[][] thetas = optima.toArray(new float[0][]);
                    double[] lambdas = new double[known];
                    for (int k = 0; k < known; k++) {
                        lambdas[k] = lambda(i - known + 1 + k, data.size());
                    }
                    start = extrapolate(thetas, lambdas, lambda(i + 1, data.size()));
                }
            }
        }
        return points;
    }

    /**
     * The optimum at {@code next} extrapolated along log λ from the optima {@code thetas} at {@code lambdas}
     * (Lagrange's polynomial through them: the secant for two, a parabola for three); the last optimum itself when a
     * λ is 0 (the log is not defined there) or two are equal.
     */
    static float[] extrapolate(float[][] thetas, double[] lambdas, double next) {
        int k = thetas.length;
        float[] current = thetas[k - 1];
        double x = Math.log(next);
        double[] weights = new double[k];
        for (int a = 0; a < k; a++) {
            double w = 1;
            for (int b = 0; b < k; b++) {
                if (b != a) {
                    w *= (x - Math.log(lambdas[b])) / (Math.log(lambdas[a]) - Math.log(lambdas[b]));
                }
            }
            if (!Double.isFinite(w)) {
                return current;
            }
            weights[a] = w;
        }
        float[] guess = new float[current.length];
        for (int j = 0; j < guess.length; j++) {
            double v = 0;
            for (int a = 0; a < k; a++) {
                v += weights[a] * thetas[a][j];
            }
            guess[j] = (float) v;
        }
        return guess;
    }

    /**
     * How a model is scored on held-out rows: a name, the number from an evaluation {@link Report}, and whether
     * lower is better.
     */
    public record Metric(String name, ToDoubleFunction<Report> score, boolean lowerIsBetter) {

        /** The mean log loss of a classifier's probabilities (scikit-learn's {@code neg_log_loss}, negated). */
        public static final Metric LOG_LOSS = new Metric("log loss", r -> classification(r).logLoss(), true);
        /** The share of correct predictions. */
        public static final Metric ACCURACY = new Metric("accuracy", r -> classification(r).accuracy(), false);
        /** A regression model's mean squared error. */
        public static final Metric MEAN_SQUARED_ERROR = new Metric("mean squared error",
                r -> ((RegressionMetrics) r).meanSquaredError(), true);

        private static ClassificationReport classification(Report report) {
            if (!(report instanceof ClassificationReport c)) {
                throw new IllegalArgumentException("this metric is for classifiers; score regression by mean squared"
                        + " error");
            }
            return c;
        }
    }

    /**
     * The cross-validated path: per fold and penalty the held-out score, their means over the folds, the best
     * penalty (the first of the best mean, scanning the path's order), and the model refit on all the data with it.
     */
    public record CrossValidated<M>(double[] values, double[][] foldScores, double[] meanScores, int bestIndex,
                                    Metric metric, M model) {

        /** The chosen penalty, as given (λ, or C). */
        public double bestPenalty() {
            return values[bestIndex];
        }
    }

    /** {@link #crossValidate(Dataset, Folds, Metric)} by the mean held-out log loss. */
    public CrossValidated<M> crossValidate(Dataset data, Folds folds) {
        return crossValidate(data, folds, Metric.LOG_LOSS);
    }

    /**
     * For each fold, the path on its training rows (standardised by statistics of those rows alone), each model
     * scored on the fold's held-out rows; the penalty of the best mean score; then the path on all the data down to
     * that penalty, whose last model is returned.
     *
     * @throws IllegalArgumentException if the folds were made for another number of rows, or the data's table
     *                                  encoding was learned from all its rows (use {@link #crossValidate(TableRows,
     *                                  Folds, Metric)})
     */
    public CrossValidated<M> crossValidate(Dataset data, Folds folds, Metric metric) {
        CrossValidation.refuseEncodingLearnedFromRows(data);
        return crossValidate(data.size(), folds, metric, rows -> data.subset(rows),
                (model, rows) -> data.subset(rows), () -> data);
    }

    /**
     * The cross-validated path on a table: each fold's encoding (levels, imputation fills, indicators) and
     * standardisation are learned from its training rows, and its held-out rows are read through them as new rows
     * are; the refit learns them from all the rows.
     */
    public CrossValidated<M> crossValidate(TableRows table, Folds folds, Metric metric) {
        return crossValidate(table.size(), folds, metric, table::fit,
                (model, rows) -> table.encode(model.encoding(), rows).data(), table::fitAll);
    }

    private CrossValidated<M> crossValidate(int rows, Folds folds, Metric metric,
                                            java.util.function.Function<int[], Dataset> training,
                                            java.util.function.BiFunction<M, int[], Dataset> heldOutOf,
                                            java.util.function.Supplier<Dataset> all) {
        Objects.requireNonNull(metric, "metric");
        if (folds.size() != rows) {
            throw new IllegalArgumentException("the folds assign " + folds.size() + " rows, but the data has " + rows);
        }
        int k = folds.count();
        double[][] scores = new double[k][values.length];
        double[] means = new double[values.length];
        for (int f = 0; f < k; f++) {
            List<Point<M>> points = fit(training.apply(folds.training(f)));
            for (int i = 0; i < values.length; i++) {
                M model = points.get(i).model();
                scores[f][i] = metric.score().applyAsDouble(model.report(heldOutOf.apply(model, folds.heldOut(f))));
                means[i] += scores[f][i] / k;
            }
        }
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (metric.lowerIsBetter() ? means[i] < means[best] : means[i] > means[best]) {
                best = i;
            }
        }
        List<Point<M>> refit = fit(all.get(), best + 1);
        return new CrossValidated<>(values.clone(), scores, means, best, metric, refit.get(best).model());
    }
}
