package dev.soma.cli;

import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.metrics.ClassificationMetrics;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.SoftmaxRegression;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains softmax regression and an MLP on the bundled handwritten digits and scores the held-out 20 %%. */
@Command(name = "digits", mixinStandardHelpOptions = true,
        // One string: picocli lists a command by the first line of its description, which must be whole.
        description = "Trains softmax regression and an MLP on the bundled 8x8 handwritten digits (10 classes) and"
                + " scores the held-out 20%%. Data: UCI ML Repository, E. Alpaydin, C. Kaynak (1998), CC BY 4.0.")
final class DigitsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--hidden", split = ",", defaultValue = "64", description = "hidden layer sizes (default: ${DEFAULT-VALUE})")
    int[] hidden;

    @Option(names = "--activation", defaultValue = "TANH", description = "SIGMOID, TANH, RELU or IDENTITY (default: ${DEFAULT-VALUE})")
    Activation activation;

    @Option(names = "--epochs", defaultValue = "60", description = "epochs of Adam for the MLP (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = "7", description = "seed of the weights and the shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Dataset train = BundledData.load("digits", "train");
        Dataset test = BundledData.load("digits", "test");
        out.printf(Locale.ROOT, "digits: %d training rows, %d test rows, %d features%n", train.size(), test.size(),
                train.dimension());

        MlpClassifier softmax = SoftmaxRegression.trainer().optimizer("lbfgs").l2(1e-3).maxEpochs(300).fit(train);
        report(out, "softmax regression (lbfgs)", softmax, test);

        Architecture architecture = Architecture.hidden(hidden).activation(activation);
        MlpClassifier mlp = MlpClassifier.trainer(architecture)
                .optimizer("adam", Options.of("learningRate", 0.005))
                .l2(1e-4)
                .maxEpochs(epochs)
                .seed(seed)
                .listener(r -> {
                    if (r.epoch() % 10 == 0) {
                        out.printf(Locale.ROOT, "  MLP epoch %3d  cost %.5f%n", r.epoch(), r.cost());
                        out.flush();
                    }
                })
                .fit(train);
        report(out, "MLP " + architecture + " (adam)", mlp, test);
        out.printf(Locale.ROOT, "kernels: %s%n", mlp.summary().kernelDescription());
        out.flush();
        return 0;
    }

    private static void report(PrintWriter out, String name, MlpClassifier model, Dataset test) {
        ClassificationMetrics metrics = model.evaluate(test);
        out.printf(Locale.ROOT, "%s: test accuracy %.4f, test log loss %.4f (%d epochs, %.2f s)%n", name,
                metrics.accuracy(), metrics.logLoss(), model.summary().epochs(), model.summary().elapsed().toNanos() / 1e9);
    }
}
