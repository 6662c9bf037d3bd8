package dev.soma.cli;

import dev.soma.engine.plugins.PluginRegistry;

import dev.soma.engine.model.Label;
import dev.soma.engine.model.Model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.PlattScaling;
import dev.soma.engine.select.Folds;
import dev.soma.engine.select.SvmCalibration;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import dev.soma.engine.table.EncodedTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a model from a CSV file and writes it to a model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a model on a CSV file (header row; the label is the last column unless --label says).")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Mixin
    TrainingOptions training;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the training data: a CSV table, or a LIBSVM file (see --format)")
    Path data;

    @Option(names = "--test", paramLabel = "FILE", description = "held-out data to score after training")
    Path test;

    @Option(names = "--threads", defaultValue = "1",
            description = "threads for full passes over more than 4096 rows; the model is the same for any count (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--init", paramLabel = "MODEL",
            description = "warm start: continue from this model file's parameters (same model type and schema; the"
                    + " data is read with its encoding, and its standardisation is kept)")
    Path init;

    /** The model --init names, loaded. */
    private Model initial;

    @Option(names = "--out", paramLabel = "FILE", description = "write the model file here")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE", description = "write the loss curve per epoch as a PNG here")
    Path plot;

    @Option(names = "--plot-log", description = "a log-scale loss axis in the --plot (default: when the curve spans more than two decades)")
    boolean plotLog;

    @Option(names = "--json", description = "print one JSON object with the results on stdout, and nothing else")
    boolean json;

    @Mixin
    CalibrationOption calibration;

    /** {@code --calibrate}'s folds once checked, or null. */
    private Integer calibrate;

    @Option(names = "--unknown", defaultValue = "zeros", paramLabel = "POLICY",
            description = "for --test: a categorical level not seen in training is zeros (counted and reported) or an"
                    + " error (default: ${DEFAULT-VALUE})")
    UnknownPolicy unknown;

    @Mixin
    DialectOptions dialect;

    @Mixin
    FormatOptions format;

    /** True when the training data is a LIBSVM file (standardisation then defaults to off). */
    private boolean libsvm;

    @Option(names = "--strict", description = "exit with status 3 when training ends with a warning (the cost ended above"
            + " its start, or rose over the last epochs), after writing the results")
    boolean strict;

    private Map<String, Object> optimizerOptionsRun = Map.of();
    private Map<String, Object> lossOptionsRun = Map.of();

    @Override
    public Integer call() throws IOException {
        training.refuseOptionsThatDoNotApply();
        OutputFiles.requireWritable(spec.commandLine(), out, "--out");
        OutputFiles.requireWritable(spec.commandLine(), plot, "--plot");
        if (threads < 1) {
            throw usage("--threads must be >= 1, but was " + threads);
        }
        if (plotLog && plot == null) {
            throw usage("--plot-log applies to a --plot only");
        }
        calibrate = calibration.checked(training.model);
        libsvm = format.libsvm(data);
        if (libsvm || test != null && format.libsvm(test)) {
            format.refuseCsvOptions(TrainingOptions.TABLE_OPTIONS);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (init != null) {
            // The model's encoding decides the columns; options that would decide them otherwise cannot apply.
            for (String option : List.of("--categorical", "--numeric", "--ignore", "--na-values", "--impute",
                    "--missing-indicator", "--max-levels", "--hash", "--text")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw usage(option + " cannot change how a model continued with --init reads its table: the"
                            + " model's encoding (its columns, levels and imputation) is kept; train from scratch to"
                            + " read it another way");
                }
            }
        }
        initial = init == null ? null : ModelFile.load(init);
        // A warm start reads the data as the model reads rows: its columns, levels and imputation. A level the model
        // never saw cannot get a weight of its own, so it is an error unless --unknown zeros says otherwise.
        Dataset train = initial == null
                ? DataColumns.training(data, training.layout, training.tableSpec(dialect), format)
                : DataColumns.labelled(data, training.layout, initial, training.label, dialect.builder().build(),
                        spec.commandLine().getParseResult().hasMatchedOption("--unknown") ? unknown.policy()
                                : dev.soma.engine.table.UnknownLevels.ERROR, format).labelled();
        Dataset read = train;
        Runnable schema = () -> {
            if (!json && read.encoding().isPresent()) {
                SchemaReport.print(stdout, String.valueOf(data.getFileName()), read.size(), read.encoding().get());
            }
        };
        if (training.classes) {
            // The user says the label is classes: numbers become class names, and the model checks no further.
            train = train.asClasses();
        }

        List<EpochReport> reports = new ArrayList<>();
        ProgressPrinter progress = new ProgressPrinter(stdout, Math.max(1, training.epochs / 20),
                !json && ProgressPrinter.stdoutIsTerminal(), train.size());
        Model trained = fit(train, schema, report -> {
            reports.add(report);
            if (!json) {
                progress.onEpoch(report);
            }
        });
        if (!json) {
            progress.finish();
        }
        TrainingSummary summary = trained.summary();
        // Held-out data is read as the model reads raw rows: through the levels and statistics of training.
        EncodedTable testTable = test == null ? null
                : DataColumns.labelled(test, training.layout, trained, training.label, dialect.builder().build(), unknown.policy(),
                format);
        Dataset testData = testTable == null ? null : testTable.labelled();
        if (out != null) {
            ModelFile.save(trained, out);
        }
        if (plot != null) {
            LossPlot.write(plot, training.model + " on " + data.getFileName(), reports,
                    Double.isFinite(summary.validationLoss()) ? summary.bestEpoch() : 0, plotLog);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", training.model.name());
        result.put("optimizer", summary.optimizer());
        result.put("options", optimizerOptionsRun);
        result.put("loss", summary.loss());
        result.put("lossOptions", lossOptionsRun);
        result.put("label", labelDescription(trained));
        train.encoding().ifPresent(e -> result.put("schema", SchemaReport.json(e)));
        result.put("epochs", summary.epochs());
        result.put("stopReason", summary.stopReason().name());
        result.put("passes", summary.passes());
        result.put("warnings", summary.warnings());
        result.put("seconds", summary.elapsed().toNanos() / 1e9);
        result.put("train", Evaluation.of(trained, train));
        if (Double.isFinite(summary.validationLoss())) {
            result.put("validation", Map.of("loss", summary.validationLoss(), "bestEpoch", summary.bestEpoch()));
            result.put("bestEpoch", summary.bestEpoch());
            result.put("validationLoss", summary.validationLoss());
        }
        if (testData != null) {
            result.put("test", Evaluation.of(trained, testData));
            result.put("testUnknownLevels", Map.of("cells", testTable.unknownCells(), "byColumn",
                    testTable.unknownByColumn()));
        }
        if (trained instanceof LinearSvm svm && svm.calibration().isPresent()) {
            PlattScaling platt = svm.calibration().get();
            result.put("calibration", Map.of("method", "platt", "a", platt.a(), "b", platt.b(), "folds", platt.folds()));
        }
        result.put("kernels", Map.of("path", summary.kernels(), "lanes", summary.lanes()));
        if (out != null) {
            result.put("modelFile", out.toString());
        }
        if (json) {
            stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(JsonValues.finite(result)));
        } else {
            Label label = trained.label();
            stdout.println("label: '" + label.name() + "', " + (label.classes().isEmpty() ? "regression"
                    : label.classes().size() == 2 ? "binary, classes " + label.classes() + " (positive: "
                    + label.classes().get(1) + ")" : label.classes().size() + " classes " + label.classes()));
            stdout.printf(Locale.ROOT, "stopped after %d epochs: %s (%.3f s)%n", summary.epochs(),
                    summary.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '), summary.elapsed().toNanos() / 1e9);
            for (String warning : summary.warnings()) {
                stdout.println("warning: " + warning);
            }
            if (Double.isFinite(summary.validationLoss())) {
                stdout.printf(Locale.ROOT, "kept the weights of epoch %d, the best on validation (validation loss %.7f)%n",
                        summary.bestEpoch(), summary.validationLoss());
            }
            if (trained instanceof LinearSvm svm && svm.calibration().isPresent()) {
                PlattScaling platt = svm.calibration().get();
                stdout.printf(Locale.ROOT, "calibrated: Platt scaling on %d held-out folds, p(%s) = 1/(1 + exp(%.6g·score"
                        + " %s %.6g))%n", platt.folds(), label.classes().get(1), platt.a(), platt.b() < 0 ? "−" : "+",
                        Math.abs(platt.b()));
                if (training.l2 == 0) {
                    // Without a penalty the hinge loss has no unique minimum on (nearly) separable data: the fold
                    // models stop anywhere along a ray, their scores on other scales than the final model's.
                    stdout.println("warning: calibrated without --l2: the SVMs of the folds and the final SVM need not"
                            + " score on one scale, so the probabilities can be poor; give an L2 penalty (say --l2 0.01)");
                }
            }
            stdout.println("train: " + Evaluation.line(castMap(result.get("train"))));
            if (testData != null) {
                stdout.println("test:  " + Evaluation.line(castMap(result.get("test"))));
                if (testTable.unknownCells() > 0) {
                    stdout.println("note: " + test.getFileName() + ": " + testTable.unknownLevelsNote());
                }
            }
            stdout.println("kernels: " + summary.kernelDescription());
            if (out != null) {
                stdout.println("model written to " + out);
            }
            if (plot != null) {
                stdout.println("loss curve written to " + plot);
            }
        }
        stdout.flush();
        return strict && !summary.warnings().isEmpty() ? 3 : 0;
    }

    /** The label as {@code --json} reports it: its column, the task and the classes. */
    private static Map<String, Object> labelDescription(Model trained) {
        Label label = trained.label();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", label.name());
        out.put("task", label.classes().isEmpty() ? "regression" : label.classes().size() == 2 ? "binary" : "multiclass");
        out.put("classes", label.classes());
        return out;
    }

    /** The optimizer's and the loss's options as they ran, defaults included, for {@code --json}. */
    private void recordEffectiveOptions(PluginRegistry registry, TrainingSummary summary) {
        var optimizerProvider = registry.optimizerProviders().get(summary.optimizer());
        var lossProvider = registry.lossProviders().get(summary.loss());
        optimizerOptionsRun = optimizerProvider == null ? summary.optimizerOptions()
                : EffectiveOptions.of(optimizerProvider.options(), summary.optimizerOptions());
        lossOptionsRun = lossProvider == null ? Map.of() : EffectiveOptions.of(lossProvider.options(), training.lossOptions);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** Trains; {@code beforeTraining} runs once the options are known to be good (it prints the schema). */
    private Model fit(Dataset train, Runnable beforeTraining, dev.soma.engine.train.TrainingListener listener)
            throws IOException {
        TrainingOptions.Settings settings = training.settings();
        PluginRegistry registry = plugins.registry();
        Trainer<? extends Model> trainer = training.trainer(settings, registry, libsvm).threads(threads)
                .listener(listener);
        if (initial != null) {
            trainer.initialModel(initial);
        }
        try (registry) {
            training.refuseOptionsTheOptimizerLacks(registry, settings);
            beforeTraining.run();
            Model fitted;
            if (calibrate != null) {
                // The fold models train quietly; the progress shown is the final model's, on all the data.
                @SuppressWarnings("unchecked")
                Trainer<LinearSvm> quiet = (Trainer<LinearSvm>) training.trainer(settings, registry, libsvm)
                        .threads(threads);
                float[] heldOut = SvmCalibration.heldOutScores(quiet, train,
                        Folds.stratified(train, calibrate, training.seed));
                LinearSvm svm = (LinearSvm) trainer.fit(train);
                fitted = svm.withCalibration(PlattScaling.fit(heldOut, svm.label().classesOf(train), calibrate));
            } else {
                fitted = trainer.fit(train);
            }
            recordEffectiveOptions(registry, fitted.summary());
            return fitted;
        }
    }
}
