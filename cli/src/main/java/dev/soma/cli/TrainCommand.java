package dev.soma.cli;

import dev.soma.engine.plugins.PluginRegistry;

import dev.soma.engine.model.Model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.model.SoftmaxRegression;
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

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the training data (CSV)")
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

    @Option(names = "--tol", defaultValue = "1e-7",
            description = "stop after 5 epochs without improving the cost by this much (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--l2", defaultValue = "0", description = "L2 penalty λ (default: ${DEFAULT-VALUE})")
    double l2;

    @Option(names = "--seed", defaultValue = "0", description = "seed of shuffling, splits and weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--standardize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "standardise the features (default: on; --no-standardize to turn off)")
    boolean standardize;

    @Option(names = "--layout", defaultValue = "rows",
            description = "rows: one example per CSV row (default); columns: one feature per row, one example per column,"
                    + " the first column naming the rows and the --label row (default: the last) holding the labels")
    Layout layout;

    enum Layout { rows, columns }

    @Option(names = "--threads", defaultValue = "1",
            description = "threads for full passes over more than 4096 rows; the model is the same for any count (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--out", paramLabel = "FILE", description = "write the model file here")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE", description = "write the loss curve per epoch as a PNG here")
    Path plot;

    @Option(names = "--json", description = "print one JSON object with the results on stdout, and nothing else")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Dataset train = read(data);
        Dataset testData = test == null ? null : read(test);

        List<Integer> epochNumbers = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        List<Double> validationLosses = new ArrayList<>();
        ProgressPrinter progress = new ProgressPrinter(stdout, Math.max(1, epochs / 20),
                !json && ProgressPrinter.stdoutIsTerminal(), train.size());
        Model trained = fit(train, report -> {
            epochNumbers.add(report.epoch());
            costs.add(report.cost());
            if (Double.isFinite(report.validationLoss())) {
                validationLosses.add(report.validationLoss());
            }
            if (!json) {
                progress.onEpoch(report);
            }
        });
        if (!json) {
            progress.finish();
        }
        TrainingSummary summary = trained.summary();
        if (out != null) {
            ModelFile.save(trained, out);
        }
        if (plot != null) {
            LossPlot.write(plot, model + " on " + data.getFileName(), epochNumbers, costs, validationLosses);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.name());
        result.put("optimizer", summary.optimizer());
        result.put("options", effectiveOptions().asMap());
        result.put("loss", summary.loss());
        result.put("epochs", summary.epochs());
        result.put("stopReason", summary.stopReason().name());
        result.put("seconds", summary.elapsed().toNanos() / 1e9);
        result.put("train", Evaluation.of(trained, train));
        if (Double.isFinite(summary.validationLoss())) {
            result.put("validation", Map.of("loss", summary.validationLoss(), "bestEpoch", summary.bestEpoch()));
        }
        if (testData != null) {
            result.put("test", Evaluation.of(trained, testData));
        }
        result.put("kernels", Map.of("path", summary.kernels(), "lanes", summary.lanes()));
        if (out != null) {
            result.put("modelFile", out.toString());
        }
        if (json) {
            stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            stdout.printf(Locale.ROOT, "stopped after %d epochs: %s (%.3f s)%n", summary.epochs(),
                    summary.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '), summary.elapsed().toNanos() / 1e9);
            stdout.println("train: " + Evaluation.line(castMap(result.get("train"))));
            if (testData != null) {
                stdout.println("test:  " + Evaluation.line(castMap(result.get("test"))));
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
        return 0;
    }

    private Dataset read(Path file) throws IOException {
        return layout == Layout.columns ? CsvDatasetReader.readColumnLayout(file, label)
                : CsvDatasetReader.withLabelColumn(label).read(file);
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

    private Model fit(Dataset train, dev.soma.engine.train.TrainingListener listener) throws IOException {
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
                .costTolerance(tolerance)
                .seed(seed)
                .standardize(standardize)
                .threads(threads)
                .listener(listener);
        if (loss != null) {
            trainer.loss(loss, Options.of(lossOptions));
        } else if (!lossOptions.isEmpty()) {
            throw new IllegalArgumentException("--loss-option needs --loss: name the loss the options are for");
        }
        if (validation != null) {
            trainer.earlyStopping(validation);
        }
        try (registry) {
            return trainer.fit(train);
        }
    }
}
