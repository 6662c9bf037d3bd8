package dev.soma.engine.select;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.Model;
import dev.soma.engine.model.PlattScaling;
import dev.soma.engine.table.ColumnEncoding;
import dev.soma.engine.table.TableEncoding;
import dev.soma.engine.table.TableRows;
import dev.soma.engine.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * k-fold cross-validation of a {@link Trainer}: for each fold, a model trains on the other folds and is scored on
 * it, with the metrics {@code Model.report} gives. Every piece of preprocessing is learned inside the fold, from its
 * training rows only: the standardisation (the trainer fits it on the data it is given), and for a
 * {@link TableRows table} the encoding — column types, levels, imputation fills, missing indicators.
 *
 * <pre>{@code
 * CrossValidationResult cv = CrossValidation.of(LogisticRegression.trainer().optimizer("lbfgs").l2(1e-3), 5)
 *         .seed(7).run(data);
 * cv.mean(Metric.LOG_LOSS);
 * }</pre>
 *
 * <p>The folds are stratified by class for a classifier and plain for regression ({@link Folds}), from the seed,
 * unless given with {@link #folds(Folds)}. They train on a pool of {@link #threads(int)} threads; each fold's
 * training is the same computation on any thread, so the results are bit-for-bit those of one thread. The trainer
 * is shared by the folds and must not change while {@link #run} runs; its listeners hear every fold's epochs, from
 * several threads when there are several.
 */
public final class CrossValidation {

    private final Trainer<? extends Model> trainer;
    private final int k;
    private long seed;
    private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
    private Folds folds;
    /** Inner folds for calibrating each fold's linear SVM ({@link #calibrate}), or 0 for none. */
    private int calibrationFolds;

    private CrossValidation(Trainer<? extends Model> trainer, int k) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        if (k < 2) {
            throw new IllegalArgumentException(k + " folds: cross-validation needs at least 2");
        }
        this.k = k;
    }

    /** Cross-validation of {@code trainer} over {@code k} folds (at least 2). */
    public static CrossValidation of(Trainer<? extends Model> trainer, int k) {
        return new CrossValidation(trainer, k);
    }

    /** The seed that deals the examples to the folds (default 0). The trainer keeps its own seed. */
    public CrossValidation seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Folds trained at once (default 2 when there are 2 or more cores, else 1); results do not depend on it. */
    public CrossValidation threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
        }
        this.threads = threads;
        return this;
    }

    /** These folds instead of dealing new ones (their count replaces k; their size must be the data's). */
    public CrossValidation folds(Folds given) {
        this.folds = Objects.requireNonNull(given, "folds");
        return this;
    }

    /**
     * Cross-validates calibrated linear SVMs: each fold's SVM gets Platt scaling fitted on the held-out scores of
     * {@code folds} inner folds of that fold's training rows ({@link SvmCalibration}, seeded by {@link #seed}), so
     * that its report on the held-out fold has log loss and probabilities — what {@code soma train --calibrate}
     * makes, cross-validated. No row of the outer held-out fold reaches the calibration. Costs {@code folds + 1}
     * fits per fold; a trainer that does not make linear SVMs is refused when the first fold has trained.
     *
     * @throws IllegalArgumentException for fewer than 2 folds
     */
    public CrossValidation calibrate(int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 folds, but was " + folds);
        }
        this.calibrationFolds = folds;
        return this;
    }

    /**
     * The folds {@link #run(Dataset)} uses for {@code data}: the given ones, else stratified for a classifier and
     * plain for regression.
     *
     * @throws dev.soma.engine.data.DataFormatException when a label does not suit the model, as {@code fit} says
     * @throws IllegalArgumentException when given folds have another size than the data, or k is larger than a
     *                                  class (naming it) or than the data
     */
    public Folds foldsFor(Dataset data) {
        // The labels first, as a fit checks them: a label the model cannot train on (a regression target for a
        // classifier) is that error, not a complaint about classes too small for the folds.
        trainer.checkLabels(data);
        if (folds != null) {
            if (folds.size() != data.size()) {
                throw new IllegalArgumentException("the folds assign " + folds.size() + " rows, but the data has "
                        + data.size() + ": folds are for the data they were made for");
            }
            return folds;
        }
        return trainer.isClassifier() ? Folds.stratified(data, k, seed) : Folds.plain(data.size(), k, seed);
    }

    /**
     * Cross-validates on data whose features need no encoding learned from rows (numbers; a LIBSVM file). For a
     * table with categorical columns or imputation, pass the {@link TableRows} instead, so that each fold learns
     * its own encoding.
     *
     * @throws IllegalArgumentException when {@code data}'s encoding was learned from its rows (levels, fills)
     */
    public CrossValidationResult run(Dataset data) {
        refuseEncodingLearnedFromRows(data);
        Folds used = foldsFor(data);
        return run(used, fold -> data.subset(used.training(fold)), (fold, model) -> data.subset(used.heldOut(fold)));
    }

    /**
     * Cross-validates on a table: each fold's encoding (column types, levels, fills, indicators) is learned from
     * its training rows, and its held-out rows are read through it as new rows are (an unseen level is zeros).
     */
    public CrossValidationResult run(TableRows table) {
        Folds f = foldsFor(table.fitAll());
        return run(f, fold -> table.fit(f.training(fold)),
                (fold, model) -> table.encode(model.encoding(), f.heldOut(fold)).data());
    }

    /**
     * Cross-validates the trainer at each of these L2 penalties λ along a regularisation path: in each fold the
     * training rows are prepared once (standardisation, and for a table its encoding) and the models are fitted
     * from the largest λ to the smallest, each starting from the previous one's solution ({@link
     * RegularizationPath}). For an optimizer that trains to the optimum ({@code lbfgs}, {@code newton}) the
     * results are those of {@link #run(Dataset)} at each λ to the stopping tolerance, in fewer passes; with one
     * that stops by its epoch budget (SGD and the like) a warm start changes the model, so use {@link #run} there.
     * The trainer's own {@code l2} is replaced by each λ.
     *
     * @return one result per λ, in the order given
     * @throws IllegalArgumentException for no λ, a λ that is not a finite number ≥ 0, or one given twice
     */
    public List<CrossValidationResult> runAlongPath(Dataset data, double... lambdas) {
        refuseEncodingLearnedFromRows(data);
        Folds used = foldsFor(data);
        return runAlongPath(used, lambdas, fold -> data.subset(used.training(fold)),
                (fold, model) -> data.subset(used.heldOut(fold)));
    }

    /** {@link #runAlongPath(Dataset, double...)} on a table, each fold learning its own encoding once. */
    public List<CrossValidationResult> runAlongPath(TableRows table, double... lambdas) {
        Folds f = foldsFor(table.fitAll());
        return runAlongPath(f, lambdas, fold -> table.fit(f.training(fold)),
                (fold, model) -> table.encode(model.encoding(), f.heldOut(fold)).data());
    }

    private List<CrossValidationResult> runAlongPath(Folds used, double[] lambdas, Training training,
                                                     HeldOut heldOut) {
        if (calibrationFolds > 0) {
            throw new IllegalArgumentException("calibrated SVMs are cross-validated one setting at a time (each fold's"
                    + " calibration trains its own inner folds): use run, not runAlongPath");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        RegularizationPath<Model> path = RegularizationPath.of((Trainer) trainer, lambdas);
        List<List<FoldResult>> byFold = forEachFold(used.count(), fold -> {
            Dataset train = training.rows(fold);
            List<RegularizationPath.Point<Model>> points = path.fit(train);
            // Every model of the fold learned the same encoding from the same rows: the held-out rows are
            // prepared once.
            Dataset scored = heldOut.rows(fold, points.getFirst().model());
            List<FoldResult> results = new ArrayList<>(lambdas.length);
            for (double lambda : lambdas) {
                Model model = pointAt(points, lambda).model();
                results.add(new FoldResult(fold, train.size(), model, model.report(scored)));
            }
            return results;
        });
        List<CrossValidationResult> perLambda = new ArrayList<>(lambdas.length);
        for (int i = 0; i < lambdas.length; i++) {
            List<FoldResult> folds = new ArrayList<>(byFold.size());
            for (List<FoldResult> fold : byFold) {
                folds.add(fold.get(i));
            }
            perLambda.add(new CrossValidationResult(used, folds));
        }
        return perLambda;
    }

    private static <M> RegularizationPath.Point<M> pointAt(List<RegularizationPath.Point<M>> points, double lambda) {
        for (RegularizationPath.Point<M> p : points) {
            if (p.value() == lambda) {
                return p;
            }
        }
        throw new IllegalStateException("the path has no point at λ = " + lambda);
    }

    private interface Training {
        Dataset rows(int fold);
    }

    private interface HeldOut {
        Dataset rows(int fold, Model model);
    }

    private CrossValidationResult run(Folds used, Training training, HeldOut heldOut) {
        return new CrossValidationResult(used, forEachFold(used.count(), fold -> runFold(fold, training, heldOut)));
    }

    /** The work of every fold, on the pool of {@link #threads} threads, in fold order. */
    private <R> List<R> forEachFold(int count, java.util.function.IntFunction<R> work) {
        List<R> results = new ArrayList<>(count);
        if (threads == 1 || count == 1) {
            for (int fold = 0; fold < count; fold++) {
                results.add(work.apply(fold));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count),
                Thread.ofPlatform().name("soma-fold-", 0).daemon(true).factory());
        try {
            List<Future<R>> futures = new ArrayList<>(count);
            for (int fold = 0; fold < count; fold++) {
                int f = fold;
                futures.add(pool.submit(() -> work.apply(f)));
            }
            for (Future<R> future : futures) {
                results.add(future.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cross-validation was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private FoldResult runFold(int fold, Training training, HeldOut heldOut) {
        Dataset train = training.rows(fold);
        Model model = trainer.fit(train);
        if (calibrationFolds > 0) {
            model = calibrated(model, train);
        }
        return new FoldResult(fold, train.size(), model, model.report(heldOut.rows(fold, model)));
    }

    /** The fold's SVM with Platt scaling fitted on inner folds of its own training rows. */
    private Model calibrated(Model model, Dataset train) {
        if (!(model instanceof LinearSvm svm)) {
            throw new IllegalArgumentException("calibration is for linear SVMs (the other classifiers give"
                    + " probabilities already), not " + model.getClass().getSimpleName());
        }
        @SuppressWarnings("unchecked")
        Trainer<LinearSvm> svmTrainer = (Trainer<LinearSvm>) trainer;
        Folds inner = Folds.stratified(train, calibrationFolds, seed);
        float[] scores = SvmCalibration.heldOutScores(svmTrainer, train, inner);
        return svm.withCalibration(PlattScaling.fit(scores, svm.label().classesOf(train), calibrationFolds));
    }

    /** True when an encoding holds something learned from rows: categorical levels, fills or indicators. */
    /**
     * Refuses a dataset whose table encoding (levels, imputation fills) was learned from all its rows: fold models
     * would then have seen their held-out rows' levels and statistics.
     */
    static void refuseEncodingLearnedFromRows(Dataset data) {
        data.encoding().filter(CrossValidation::learnedFromRows).ifPresent(e -> {
            throw new IllegalArgumentException("the data's table encoding (levels, imputation fills) was learned"
                    + " from all its rows, held-out folds included: cross-validate the table's rows (TableRows)"
                    + " so that each fold learns its own");
        });
    }

    private static boolean learnedFromRows(TableEncoding encoding) {
        for (ColumnEncoding c : encoding.columns()) {
            if (c instanceof ColumnEncoding.Categorical
                    || c instanceof ColumnEncoding.Numeric n && (n.imputes() || n.indicator())) {
                return true;
            }
        }
        return false;
    }
}
