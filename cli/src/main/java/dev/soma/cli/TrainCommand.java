package dev.soma.cli;

import dev.soma.engine.plugins.PluginRegistry;

import dev.soma.engine.model.Label;
import dev.soma.engine.model.Model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.model.SoftmaxRegression;
import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.plugins.Options;
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
import dev.soma.engine.table.Impute;
import dev.soma.engine.table.TableSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a model from a CSV file and writes it to a model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a model on a CSV file (header row; the label is the last column unless --label says).")
final class TrainCommand implements Callable<Integer> {

    enum ModelType { logistic, linear, svm, softmax, mlp }

    /**
     * L-BFGS converges superlinearly, so a tight tolerance costs a few steps. With the trainer's defaults (gradient
     * 1e-4, cost 1e-7) the mean training loss of the bundled tables stopped 3e-6 (credit_g) and 1.4e-5 (vote) from
     * the float64 optimum; at a gradient norm of 1e-6 it was 2e-7 from it (and the scalar and vector kernels
     * differed by as much); at 1e-7 both are within 3e-8 of it, in 47 (vote) to 151 (credit_g) steps.
     */
    static final double LBFGS_GRADIENT_TOLERANCE = 1e-7;
    /** The trainer's default cost tolerance, for first-order optimizers. */
    static final double OTHER_COST_TOLERANCE = 1e-7;
    /** The trainer's default, for first-order optimizers, whose gradient norm falls slowly. */
    static final double OTHER_GRADIENT_TOLERANCE = 1e-4;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the training data: a CSV table, or a LIBSVM file (see --format)")
    Path data;

    @Option(names = "--test", paramLabel = "FILE", description = "held-out data to score after training")
    Path test;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "early stopping: hold out this fraction, stop when its loss stops improving, keep the best epoch")
    Double validation;

    @Option(names = "--label", paramLabel = "NAME", description = "the label column (default: the last column)")
    String label;

    @Option(names = "--model", defaultValue = "logistic",
            description = "logistic, linear, svm, softmax or mlp (default: ${DEFAULT-VALUE})")
    ModelType model;

    @Option(names = "--hidden", split = ",", paramLabel = "SIZES", defaultValue = "32",
            description = "mlp: hidden layer sizes (default: ${DEFAULT-VALUE})")
    int[] hidden;

    @Option(names = "--activation", defaultValue = "relu",
            description = "mlp: sigmoid, tanh, relu or identity (default: ${DEFAULT-VALUE})")
    Activation activation;

    @Option(names = "--optimizer", description = "an optimizer from 'soma plugins' (default: lbfgs; adam for mlp)")
    String optimizer;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "an optimizer option; repeatable")
    Map<String, String> optimizerOptions = new LinkedHashMap<>();

    @Option(names = "--loss", description = "a loss from 'soma plugins' (default: the model's own)")
    String loss;

    @Option(names = "--loss-option", paramLabel = "KEY=VALUE", description = "a loss option, such as delta=2 for huber; repeatable")
    Map<String, String> lossOptions = new LinkedHashMap<>();

    @Option(names = "--learning-rate", description = "the optimizer's learning rate")
    Double learningRate;

    @Option(names = "--batch-size", description = "examples per step, for optimizers that take a batch size")
    Integer batchSize;

    @Option(names = "--epochs", defaultValue = "200", description = "the epoch budget (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--tol", paramLabel = "COST",
            description = "stop after 5 epochs without improving the cost by this much (default: 1e-7; 0 for lbfgs,"
                    + " which stops on the gradient: its small late steps can improve the cost by less while the"
                    + " weights still move)")
    Double tolerance;

    @Option(names = "--gradient-tolerance", paramLabel = "NORM",
            description = "stop when the gradient norm falls below this (default: 1e-7 for lbfgs, which gets there in a"
                    + " few more steps and is then at the float64 optimum to about 1e-8 in the loss; 1e-4 for the others)")
    Double gradientTolerance;

    @Option(names = "--l2", defaultValue = "0", description = "L2 penalty λ (default: ${DEFAULT-VALUE})")
    double l2;

    @Option(names = "--seed", defaultValue = "0", description = "seed of shuffling, splits and weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--standardize", negatable = true,
            description = "standardise the features (default: on for CSV; off for LIBSVM files, as in LIBLINEAR, where"
                    + " --standardize scales each feature without centring it, to keep the rows sparse;"
                    + " --no-standardize to turn off)")
    Boolean standardize;

    @Option(names = "--layout", defaultValue = "rows",
            description = "rows: one example per CSV row (default); columns: one feature per row, one example per column,"
                    + " the first column naming the rows and the --label row (default: the last) holding the labels")
    DataColumns.Layout layout;

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

    @Option(names = "--positive", paramLabel = "CLASS",
            description = "the positive class of a binary classifier (logistic, svm), as the data spells it (default: the"
                    + " class that sorts last: 1 of 0/1, true of false/true, yes of no/yes)")
    String positive;

    @Option(names = "--classes", description = "read the label's values as class names even when they look like a"
            + " regression target (fractional, or more than 100 distinct numbers), for --model softmax or mlp")
    boolean classes;

    @Option(names = "--categorical", split = ",", paramLabel = "COLUMNS",
            description = "read these columns as categories (one-hot encoded) even when every cell is a number, as"
                    + " integer codes often are (default: a column is categorical when a present cell is not a number)")
    List<String> categoricalColumns = List.of();

    @Option(names = "--numeric", split = ",", paramLabel = "COLUMNS",
            description = "these columns must be numbers: a cell that is not one is an error naming it")
    List<String> numericColumns = List.of();

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMNS",
            description = "leave these columns out (an id, a name, free text)")
    List<String> ignoredColumns = List.of();

    @Option(names = "--na-values", split = ",", paramLabel = "SPELLINGS",
            description = "the spellings of a missing cell, compared ignoring case; an empty cell is always missing"
                    + " (default: NA,N/A,null,?)")
    List<String> naValues;

    @Option(names = "--impute", paramLabel = "mean|median",
            description = "fill a missing numeric cell with the training column's mean or median, kept in the model"
                    + " (default: a missing numeric cell is an error; a missing categorical cell is a level of its own)")
    Impute impute;

    @Option(names = "--missing-indicator",
            description = "with --impute: add a 0/1 feature 'column=<missing>' for each numeric column with missing cells")
    boolean missingIndicator;

    @Option(names = "--max-levels", defaultValue = "1000", paramLabel = "N",
            description = "the most levels a categorical column may have (default: ${DEFAULT-VALUE})")
    int maxLevels;

    @Option(names = "--hash", paramLabel = "BITS",
            description = "feature hashing: every categorical column (and --text column) goes into 2^BITS shared"
                    + " features (MurmurHash3 of column=value, signed) instead of one-hot columns; the rows are then"
                    + " sparse. For columns with many levels (1 to 24; 18 is a common choice)")
    Integer hashBits;

    @Option(names = "--text", split = ",", paramLabel = "COLUMNS",
            description = "text columns, split into lower-case words, each word a hashed feature (needs --hash)")
    List<String> textColumns = List.of();

    @Option(names = "--unknown", defaultValue = "zeros", paramLabel = "POLICY",
            description = "for --test: a categorical level not seen in training is zeros (counted and reported) or an"
                    + " error (default: ${DEFAULT-VALUE})")
    UnknownPolicy unknown;

    @Mixin
    DialectOptions dialect;

    @Mixin
    FormatOptions format;

    /** The options of CSV tables, which mean nothing to a LIBSVM file. */
    static final List<String> TABLE_OPTIONS = List.of("--label", "--layout", "--categorical", "--numeric", "--ignore",
            "--na-values", "--impute", "--missing-indicator", "--max-levels", "--delimiter", "--encoding", "--unknown", "--hash",
            "--text");

    /** True when the training data is a LIBSVM file (standardisation then defaults to off). */
    private boolean libsvm;

    @Option(names = "--strict", description = "exit with status 3 when training ends with a warning (the cost ended above"
            + " its start, or rose over the last epochs), after writing the results")
    boolean strict;

    private Map<String, Object> optimizerOptionsRun = Map.of();
    private Map<String, Object> lossOptionsRun = Map.of();

    @Override
    public Integer call() throws IOException {
        refuseOptionsThatDoNotApply();
        libsvm = format.libsvm(data);
        if (libsvm || test != null && format.libsvm(test)) {
            format.refuseCsvOptions(TABLE_OPTIONS);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        initial = init == null ? null : ModelFile.load(init);
        // A warm start reads the data as the model reads rows: its columns, levels and imputation.
        Dataset train = initial == null ? DataColumns.training(data, layout, tableSpec(), format)
                : DataColumns.labelled(data, layout, initial, label, dialect.builder().build(), unknown.policy(),
                        format).labelled();
        Dataset read = train;
        Runnable schema = () -> {
            if (!json && read.encoding().isPresent()) {
                SchemaReport.print(stdout, String.valueOf(data.getFileName()), read.size(), read.encoding().get());
            }
        };
        if (classes) {
            // The user says the label is classes: numbers become class names, and the model checks no further.
            train = train.asClasses();
        }

        List<EpochReport> reports = new ArrayList<>();
        ProgressPrinter progress = new ProgressPrinter(stdout, Math.max(1, epochs / 20),
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
                : DataColumns.labelled(test, layout, trained, label, dialect.builder().build(), unknown.policy(),
                format);
        Dataset testData = testTable == null ? null : testTable.labelled();
        if (out != null) {
            ModelFile.save(trained, out);
        }
        if (plot != null) {
            LossPlot.write(plot, model + " on " + data.getFileName(), reports,
                    Double.isFinite(summary.validationLoss()) ? summary.bestEpoch() : 0, plotLog);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.name());
        result.put("optimizer", summary.optimizer());
        result.put("options", optimizerOptionsRun);
        result.put("loss", summary.loss());
        result.put("lossOptions", lossOptionsRun);
        result.put("label", labelDescription(trained));
        train.encoding().ifPresent(e -> result.put("schema", SchemaReport.json(e)));
        result.put("epochs", summary.epochs());
        result.put("stopReason", summary.stopReason().name());
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
        result.put("kernels", Map.of("path", summary.kernels(), "lanes", summary.lanes()));
        if (out != null) {
            result.put("modelFile", out.toString());
        }
        if (json) {
            stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
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
        lossOptionsRun = lossProvider == null ? Map.of() : EffectiveOptions.of(lossProvider.options(), lossOptions);
    }

    /** Options that would be ignored, or that are out of range, are usage errors (exit 2), before data is read. */
    private void refuseOptionsThatDoNotApply() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String mlpOnly : List.of("--hidden", "--activation")) {
            if (model != ModelType.mlp && parsed.hasMatchedOption(mlpOnly)) {
                throw usage(mlpOnly + " applies to --model mlp only, not to --model " + model);
            }
        }
        if (model == ModelType.mlp && java.util.Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw usage("--hidden sizes must be whole numbers >= 1, but were " + java.util.Arrays.toString(hidden));
        }
        if (classes && model != ModelType.softmax && model != ModelType.mlp && model != ModelType.logistic
                && model != ModelType.svm) {
            throw usage("--classes applies to classifiers (--model softmax, mlp, logistic or svm), not to --model " + model);
        }
        if (positive != null && model != ModelType.logistic && model != ModelType.svm) {
            throw usage("--positive applies to binary classifiers (--model logistic or svm), not to --model " + model);
        }
        if (validation != null && !(validation > 0 && validation < 1)) {
            throw usage("--validation must be a fraction > 0 and < 1, but was " + validation);
        }
        if (epochs < 1) {
            throw usage("--epochs must be >= 1, but was " + epochs);
        }
        if (tolerance != null && !(tolerance >= 0 && Double.isFinite(tolerance))) {
            throw usage("--tol must be a finite number >= 0, but was " + tolerance);
        }
        if (gradientTolerance != null && !(gradientTolerance >= 0 && Double.isFinite(gradientTolerance))) {
            throw usage("--gradient-tolerance must be a finite number >= 0, but was " + gradientTolerance);
        }
        if (!(l2 >= 0 && Double.isFinite(l2))) {
            throw usage("--l2 must be a finite number >= 0, but was " + l2);
        }
        if (threads < 1) {
            throw usage("--threads must be >= 1, but was " + threads);
        }
        if (missingIndicator && (impute == null || impute == Impute.NONE)) {
            throw usage("--missing-indicator marks the numeric cells --impute fills: give --impute mean or median too");
        }
        if (hashBits != null && (hashBits < 1 || hashBits > TableSpec.MAX_HASH_BITS)) {
            throw usage("--hash takes 1 to " + TableSpec.MAX_HASH_BITS + " bits, but was " + hashBits);
        }
        if (!textColumns.isEmpty() && hashBits == null) {
            throw usage("--text columns are hashed into features: give --hash BITS too (18 is a common choice)");
        }
        if (maxLevels < 1) {
            throw usage("--max-levels must be >= 1, but was " + maxLevels);
        }
        if (layout == DataColumns.Layout.columns) {
            for (String tableOnly : List.of("--categorical", "--numeric", "--ignore", "--na-values", "--impute",
                    "--missing-indicator", "--max-levels", "--delimiter", "--encoding", "--hash", "--text")) {
                if (parsed.hasMatchedOption(tableOnly)) {
                    throw usage(tableOnly + " applies to tables (--layout rows), not to --layout columns, which is"
                            + " numbers only");
                }
            }
        }
        if (plotLog && plot == null) {
            throw usage("--plot-log applies to a --plot only");
        }
    }

    /** {@code --batch-size} and {@code --learning-rate} only for an optimizer that declares that option. */
    private void refuseOptionsTheOptimizerLacks(PluginRegistry registry, String chosen) {
        var provider = registry.optimizerProviders().get(chosen);
        if (provider == null) {
            return; // the trainer names the unknown optimizer and lists the others
        }
        List<String> declared = provider.options().stream().map(dev.soma.plugins.Option::name).toList();
        if (batchSize != null && !declared.contains("batchSize")) {
            List<String> batched = registry.optimizerProviders().entrySet().stream()
                    .filter(e -> e.getValue().options().stream().anyMatch(o -> o.name().equals("batchSize")))
                    .map(Map.Entry::getKey).sorted().toList();
            throw usage("--batch-size does not apply to the optimizer '" + chosen + "', which has no batch size"
                    + " (its options: " + declared + "); these take one: " + batched);
        }
        if (learningRate != null && !declared.contains("learningRate")) {
            throw usage("--learning-rate does not apply to the optimizer '" + chosen + "' (its options: " + declared + ")");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** What the user declared about the training table. */
    private TableSpec tableSpec() {
        TableSpec.Builder b = dialect.builder().label(label).categorical(categoricalColumns).numeric(numericColumns)
                .ignore(ignoredColumns).maxLevels(maxLevels).missingIndicator(missingIndicator);
        if (naValues != null) {
            b.naValues(naValues);
        }
        if (impute != null) {
            b.impute(impute);
        }
        if (hashBits != null) {
            b.hashBits(hashBits);
        }
        b.text(textColumns);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private Options effectiveOptions() {
        Options options = Options.of(optimizerOptions);
        if (learningRate != null) {
            options = options.with("learningRate", learningRate);
        }
        if (batchSize != null) {
            options = options.with("batchSize", batchSize);
        }
        return options;
    }

    /** Trains; {@code beforeTraining} runs once the options are known to be good (it prints the schema). */
    private Model fit(Dataset train, Runnable beforeTraining, dev.soma.engine.train.TrainingListener listener)
            throws IOException {
        Trainer<? extends Model> trainer = switch (model) {
            case logistic -> LogisticRegression.trainer();
            case linear -> LinearRegression.trainer();
            case svm -> LinearSvm.trainer();
            case softmax -> SoftmaxRegression.trainer();
            case mlp -> MlpClassifier.trainer(Architecture.hidden(hidden).activation(activation));
        };
        String chosen = optimizer != null ? optimizer : model == ModelType.mlp ? "adam" : "lbfgs";
        PluginRegistry registry = plugins.registry();
        trainer.plugins(registry)
                .optimizer(chosen, effectiveOptions())
                .l2(l2)
                .maxEpochs(epochs)
                .costTolerance(tolerance != null ? tolerance : chosen.equals("lbfgs") ? 0 : OTHER_COST_TOLERANCE)
                .gradientTolerance(gradientTolerance != null ? gradientTolerance
                        : chosen.equals("lbfgs") ? LBFGS_GRADIENT_TOLERANCE : OTHER_GRADIENT_TOLERANCE)
                .seed(seed)
                .standardize(standardize != null ? standardize : !libsvm)
                .threads(threads)
                .listener(listener);
        if (loss != null) {
            trainer.loss(loss, Options.of(lossOptions));
        } else if (!lossOptions.isEmpty()) {
            throw new IllegalArgumentException("--loss-option needs --loss: name the loss the options are for");
        }
        if (positive != null) {
            trainer.positiveClass(positive);
        }
        if (validation != null) {
            trainer.earlyStopping(validation);
        }
        if (initial != null) {
            trainer.initialModel(initial);
        }
        try (registry) {
            refuseOptionsTheOptimizerLacks(registry, chosen);
            beforeTraining.run();
            Model fitted = trainer.fit(train);
            recordEffectiveOptions(registry, fitted.summary());
            return fitted;
        }
    }
}
