package dev.soma.cli;

import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.Model;
import dev.soma.engine.model.SoftmaxRegression;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.engine.table.Impute;
import dev.soma.engine.table.TableSpec;
import dev.soma.engine.train.Trainer;
import dev.soma.plugins.Options;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that say how to train — the model, optimizer, loss, penalty, stopping, seed, standardisation, and
 * how to read a table — shared by {@code train}, {@code cv} and {@code tune} (a picocli mixin). The values a search
 * varies are gathered in {@link Settings}, from which {@link #trainer} builds a trainer.
 */
final class TrainingOptions {

    /** The model kinds of the command line. */
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

    /** The options of CSV tables, which mean nothing to a LIBSVM file. */
    static final List<String> TABLE_OPTIONS = List.of("--label", "--layout", "--categorical", "--numeric", "--ignore",
            "--na-values", "--impute", "--missing-indicator", "--max-levels", "--delimiter", "--encoding", "--unknown", "--hash",
            "--text");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

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
            description = "stop after 5 epochs without improving the cost by this much (default: 1e-7; 0 for lbfgs"
                    + " and newton, which stop on the gradient: their small late steps can improve the cost by less while the"
                    + " weights still move)")
    Double tolerance;

    @Option(names = "--gradient-tolerance", paramLabel = "NORM",
            description = "stop when the gradient norm falls below this (default: 1e-7 for lbfgs and newton, which get"
                    + " there in a few more steps and are then at the float64 optimum to about 1e-8 in the loss; 1e-4 for"
                    + " the others)")
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

    /**
     * The training values a search varies, with the options' values as the default.
     *
     * @param optimizer    the optimizer's name, or null for the model's default (lbfgs; adam for mlp)
     * @param learningRate the optimizer's learning rate, or null for its default
     * @param batchSize    the optimizer's batch size, or null for its default
     * @param l2           the L2 penalty λ
     * @param hidden       mlp: the hidden layer sizes
     * @param epochs       the epoch budget
     */
    record Settings(String optimizer, Double learningRate, Integer batchSize, double l2, int[] hidden, int epochs) {

        Settings {
            hidden = hidden.clone();
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Settings s && java.util.Objects.equals(optimizer, s.optimizer)
                    && java.util.Objects.equals(learningRate, s.learningRate)
                    && java.util.Objects.equals(batchSize, s.batchSize) && Double.compare(l2, s.l2) == 0
                    && Arrays.equals(hidden, s.hidden) && epochs == s.epochs;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(optimizer, learningRate, batchSize, l2, Arrays.hashCode(hidden), epochs);
        }
    }

    /** The settings the options give. */
    Settings settings() {
        return new Settings(optimizer, learningRate, batchSize, l2, hidden, epochs);
    }

    /** The optimizer {@code settings} train with: its own, else lbfgs (adam for mlp). */
    String optimizerOf(Settings settings) {
        return settings.optimizer() != null ? settings.optimizer() : model == ModelType.mlp ? "adam" : "lbfgs";
    }

    /** Options that would be ignored, or that are out of range, are usage errors (exit 2), before data is read. */
    void refuseOptionsThatDoNotApply() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if ("newton".equals(optimizer)) {
            // The built-in losses, checked before any data is read; a plugin's loss is checked when training starts.
            String problem = newtonProblem(dev.soma.engine.plugins.PluginRegistry.shared());
            if (problem != null) {
                throw usage("--optimizer newton: " + problem);
            }
        }
        for (String mlpOnly : List.of("--hidden", "--activation")) {
            if (model != ModelType.mlp && parsed.hasMatchedOption(mlpOnly)) {
                throw usage(mlpOnly + " applies to --model mlp only, not to --model " + model);
            }
        }
        if (model == ModelType.mlp && Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw usage("--hidden sizes must be whole numbers >= 1, but were " + Arrays.toString(hidden));
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
    }

    /** {@code --batch-size} and {@code --learning-rate} only for an optimizer that declares that option. */
    void refuseOptionsTheOptimizerLacks(PluginRegistry registry, Settings settings) {
        String chosen = optimizerOf(settings);
        var provider = registry.optimizerProviders().get(chosen);
        if (provider == null) {
            return; // the trainer names the unknown optimizer and lists the others
        }
        List<String> declared = provider.options().stream().map(dev.soma.plugins.Option::name).toList();
        if (settings.batchSize() != null && !declared.contains("batchSize")) {
            List<String> batched = registry.optimizerProviders().entrySet().stream()
                    .filter(e -> e.getValue().options().stream().anyMatch(o -> o.name().equals("batchSize")))
                    .map(Map.Entry::getKey).sorted().toList();
            throw usage("--batch-size does not apply to the optimizer '" + chosen + "', which has no batch size"
                    + " (its options: " + declared + "); these take one: " + batched);
        }
        if (settings.learningRate() != null && !declared.contains("learningRate")) {
            throw usage("--learning-rate does not apply to the optimizer '" + chosen + "' (its options: " + declared + ")");
        }
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** What the user declared about the training table, in {@code dialect}. */
    TableSpec tableSpec(DialectOptions dialect) {
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

    /** The optimizer options of {@code settings}: {@code --option}s, then the learning rate and batch size. */
    Options optimizerOptions(Settings settings) {
        Options options = Options.of(optimizerOptions);
        if (settings.learningRate() != null) {
            options = options.with("learningRate", settings.learningRate());
        }
        if (settings.batchSize() != null) {
            options = options.with("batchSize", settings.batchSize());
        }
        return options;
    }

    /**
     * A trainer for {@code settings} and the other options, with plugins from {@code registry}; standardisation on
     * unless {@code --no-standardize} (or, without {@code --standardize}, for LIBSVM data). The caller sets threads
     * and listeners.
     */
    Trainer<? extends Model> trainer(Settings settings, PluginRegistry registry, boolean libsvm) {
        Trainer<? extends Model> trainer = switch (model) {
            case logistic -> LogisticRegression.trainer();
            case linear -> LinearRegression.trainer();
            case svm -> LinearSvm.trainer();
            case softmax -> SoftmaxRegression.trainer();
            case mlp -> MlpClassifier.trainer(Architecture.hidden(settings.hidden()).activation(activation));
        };
        String chosen = optimizerOf(settings);
        trainer.plugins(registry)
                .optimizer(chosen, optimizerOptions(settings))
                .l2(settings.l2())
                .maxEpochs(settings.epochs())
                .costTolerance(tolerance != null ? tolerance : secondOrder(chosen) ? 0 : OTHER_COST_TOLERANCE)
                .gradientTolerance(gradientTolerance != null ? gradientTolerance
                        : secondOrder(chosen) ? LBFGS_GRADIENT_TOLERANCE : OTHER_GRADIENT_TOLERANCE)
                .seed(seed)
                .standardize(standardize != null ? standardize : !libsvm);
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
        return trainer;
    }

    /** The optimizers that reach a tight gradient norm in a few more steps: they stop on it, not on the cost. */
    /**
     * Why the {@code newton} optimizer cannot train this model and loss, or null when it can. It needs the cost's
     * second derivatives ({@code CostFunction.hasHessian}): the linear models give them with a loss that has a
     * second derivative (log, mse), and no L1 penalty; networks (softmax, mlp) give none.
     */
    String newtonProblem(dev.soma.engine.plugins.PluginRegistry registry) {
        String needs = "the 'newton' optimizer needs the cost's second derivatives (Hessian-vector products), which"
                + " logistic and linear regression give with the log or mse loss";
        ModelType model = this.model;
        if (model == ModelType.softmax || model == ModelType.mlp) {
            return needs + "; --model " + model + " is a network and gives none: use lbfgs";
        }
        String lossName = loss != null ? loss : switch (model) {
            case logistic -> "log";
            case linear -> "mse";
            default -> "hinge";
        };
        dev.soma.plugins.Loss plugin;
        try {
            plugin = registry.loss(lossName, dev.soma.plugins.Options.of(lossOptions));
        } catch (RuntimeException e) {
            return null; // an unknown loss or bad option: training names it
        }
        for (float label : new float[] {0f, 1f, -1f}) {
            if (plugin.acceptsLabel(label) && !Double.isNaN(plugin.secondDerivative(0f, label))) {
                return null;
            }
        }
        return needs + "; --model " + model + " trains on the '" + lossName + "' loss, which has none: use lbfgs";
    }

    private static boolean secondOrder(String optimizer) {
        return optimizer.equals("lbfgs") || optimizer.equals("newton");
    }
}
