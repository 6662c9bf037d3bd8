package dev.soma.cli;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.Model;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.engine.select.CrossValidation;
import dev.soma.engine.select.CrossValidationResult;
import dev.soma.engine.select.Folds;
import dev.soma.engine.select.SvmCalibration;
import dev.soma.engine.table.TableRows;
import dev.soma.engine.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The training data of {@code cv} and {@code tune}, read once, and cross-validation on it for given settings. A CSV
 * table in the row layout is kept as raw cells ({@link TableRows}), so that every fold learns its own encoding; a
 * LIBSVM file or the column layout (numbers only, nothing learned from rows) is a dataset.
 */
final class CvData {

    private final TrainingOptions training;
    private final boolean libsvm;
    private final TableRows table;
    private final Dataset dataset;

    private CvData(TrainingOptions training, boolean libsvm, TableRows table, Dataset dataset) {
        this.training = training;
        this.libsvm = libsvm;
        this.table = table;
        this.dataset = dataset;
    }

    /** Checks the options and reads {@code file}. */
    static CvData read(Path file, TrainingOptions training, DialectOptions dialect, FormatOptions format)
            throws IOException {
        training.refuseOptionsThatDoNotApply();
        boolean libsvm = format.libsvm(file);
        if (libsvm) {
            format.refuseCsvOptions(TrainingOptions.TABLE_OPTIONS);
            Dataset data = format.readTraining(file);
            return new CvData(training, true, null, training.classes ? data.asClasses() : data);
        }
        format.refuseFeaturesForCsv();
        if (training.layout == DataColumns.Layout.columns) {
            Dataset data = CsvDatasetReader.readColumnLayout(file, training.label);
            return new CvData(training, false, null, training.classes ? data.asClasses() : data);
        }
        TableRows rows = TableRows.read(file, training.tableSpec(dialect));
        return new CvData(training, false, training.classes ? rows.labelsAsClasses() : rows, null);
    }

    /** The number of examples. */
    int size() {
        return table != null ? table.size() : dataset.size();
    }

    /** True for LIBSVM data (standardisation off unless asked for). */
    boolean libsvm() {
        return libsvm;
    }

    /**
     * Cross-validates {@code settings}: {@code k} folds dealt from {@code seed}, or {@code given} folds, trained
     * {@code threads} at a time; with {@code calibrate} (not null), each fold's SVM calibrated on that many inner
     * folds.
     */
    CrossValidationResult crossValidate(TrainingOptions.Settings settings, PluginRegistry registry, int k, long seed,
                                        int threads, Folds given, Integer calibrate) {
        Trainer<? extends Model> trainer = trainer(settings, registry);
        CrossValidation cv = CrossValidation.of(trainer, given != null ? Math.max(2, given.count()) : k).seed(seed)
                .threads(threads);
        if (given != null) {
            cv.folds(given);
        }
        if (calibrate != null) {
            cv.calibrate(calibrate);
        }
        return table != null ? cv.run(table) : cv.run(dataset);
    }

    /**
     * Cross-validates {@code settings} at each of {@code lambdas} along one warm-started regularisation path per
     * fold ({@link CrossValidation#runAlongPath}); one result per λ, in that order.
     */
    List<CrossValidationResult> crossValidateAlongPath(TrainingOptions.Settings settings, double[] lambdas,
                                                       PluginRegistry registry, int k, long seed, int threads,
                                                       Folds given) {
        Trainer<? extends Model> trainer = trainer(settings, registry);
        CrossValidation cv = CrossValidation.of(trainer, given != null ? Math.max(2, given.count()) : k).seed(seed)
                .threads(threads);
        if (given != null) {
            cv.folds(given);
        }
        return table != null ? cv.runAlongPath(table, lambdas) : cv.runAlongPath(dataset, lambdas);
    }

    /** A model trained with {@code settings} on all the data (calibrated on that many folds, when not null). */
    Model fitAll(TrainingOptions.Settings settings, PluginRegistry registry, Integer calibrate, long seed) {
        Trainer<? extends Model> trainer = trainer(settings, registry);
        Dataset all = table != null ? table.fitAll() : dataset;
        if (calibrate != null) {
            @SuppressWarnings("unchecked")
            Trainer<LinearSvm> svm = (Trainer<LinearSvm>) trainer;
            return SvmCalibration.fit(svm, all, calibrate, seed);
        }
        return trainer.fit(all);
    }

    private Trainer<? extends Model> trainer(TrainingOptions.Settings settings, PluginRegistry registry) {
        training.refuseOptionsTheOptimizerLacks(registry, settings);
        return training.trainer(settings, registry, libsvm);
    }
}
