package dev.soma.cli;

import dev.soma.engine.plugins.PluginRegistry;

import dev.soma.engine.metrics.ClassificationMetrics;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Trains logistic regression on the bundled Wisconsin breast-cancer training split (456 rows, 30 features)
 * with full-batch gradient descent and an L2 penalty, then scores the held-out 20 % (113 rows).
 */
@Command(name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
            "Trains logistic regression on the bundled Wisconsin breast-cancer data and scores the held-out 20%%.",
            "Data: UCI Machine Learning Repository, W. Street, W. Wolberg, O. Mangasarian (1993), CC BY 4.0."})
final class QuickstartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--optimizer", defaultValue = "batch",
            description = "an optimizer from 'soma plugins': sgd, minibatch, batch, adam, lbfgs, ... (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--learning-rate",
            description = "step size (default: the optimizer's own; 1.0 for batch, which converges in ~2100 epochs with it)")
    Double learningRate;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "an option of the optimizer, as 'soma plugins' lists them; repeatable (--option beta1=0.95)")
    Map<String, String> optimizerOptions = new LinkedHashMap<>();

    @Option(names = "--l2", defaultValue = "0.0021929824561403508",
            description = "L2 penalty λ (default: 1/456, scikit-learn's C = 1 on this split)")
    double l2;

    @Option(names = "--epochs", defaultValue = "5000", description = "the epoch budget (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--gradient-tolerance", defaultValue = "1e-5",
            description = "stop when the gradient norm is this small (default: ${DEFAULT-VALUE})")
    double gradientTolerance;

    @Option(names = "--print-every", defaultValue = "250",
            description = {"keep a progress line every N epochs; the first and last are always kept, and on a terminal",
                "a status line shows every epoch (default: ${DEFAULT-VALUE})"})
    int printEvery;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        refuseOutOfRange();
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        Dataset train = BundledData.load("breast_cancer", "train");
        Dataset test = BundledData.load("breast_cancer", "test");
        out.printf(Locale.ROOT, "Wisconsin breast cancer: %d training rows, %d test rows, %d features%n",
                train.size(), test.size(), train.dimension());
        Options options = Options.of(optimizerOptions);
        if (learningRate != null) {
            options = options.with("learningRate", learningRate);
        } else if (optimizer.equals("batch") && !optimizerOptions.containsKey("learningRate")) {
            options = options.with("learningRate", 1.0);
        }
        out.printf(Locale.ROOT, "logistic regression, optimizer %s %s, L2 %.6g%n", optimizer, options, l2);

        ProgressPrinter progress = new ProgressPrinter(out, printEvery, ProgressPrinter.stdoutIsTerminal(), train.size());
        LogisticRegression model;
        try (PluginRegistry registry = plugins.registry()) {
            model = LogisticRegression.trainer()
                    .plugins(registry)
                    .optimizer(optimizer, options)
                    .l2(l2)
                    .maxEpochs(epochs)
                    .gradientTolerance(gradientTolerance)
                    .costTolerance(0) // converge on the gradient: the quickstart shows the exact optimum
                    .seed(seed)
                    .listener(progress)
                    .fit(train);
        }
        progress.finish();

        TrainingSummary summary = model.summary();
        ClassificationMetrics metrics = model.evaluate(test);
        out.printf(Locale.ROOT, "stopped after %d epochs: %s (training log loss %.7f, gradient norm %.2e)%n",
                summary.epochs(), summary.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                summary.meanLoss(), summary.gradientNorm());
        out.printf(Locale.ROOT, "test accuracy: %.4f%n", metrics.accuracy());
        out.printf(Locale.ROOT, "test log loss: %.4f%n", metrics.logLoss());
        out.printf(Locale.ROOT, "kernels: %s%n", summary.kernelDescription());
        out.printf(Locale.ROOT, "time: %.3f s (training %.3f s)%n", (System.nanoTime() - start) / 1e9,
                summary.elapsed().toNanos() / 1e9);
        out.flush();
        return 0;
    }

    /** Values that would be ignored or meaningless are usage errors (exit 2). */
    private void refuseOutOfRange() {
        String problem = epochs < 1 ? "--epochs must be >= 1, but was " + epochs
                : printEvery < 1 ? "--print-every must be >= 1, but was " + printEvery
                : !(gradientTolerance >= 0 && Double.isFinite(gradientTolerance))
                        ? "--gradient-tolerance must be a finite number >= 0, but was " + gradientTolerance
                : !(l2 >= 0 && Double.isFinite(l2)) ? "--l2 must be a finite number >= 0, but was " + l2 : null;
        if (problem != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), problem);
        }
    }
}
