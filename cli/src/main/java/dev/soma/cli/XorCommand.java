package dev.soma.cli;

import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.SoftmaxRegression;
import dev.soma.plugins.Options;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** XOR: the classic problem a single neuron cannot solve and one hidden layer can. */
@Command(name = "xor", mixinStandardHelpOptions = true,
        description = "Trains a linear model and an MLP with one hidden layer on XOR and prints their predictions.")
final class XorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        float[][] rows = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        Dataset xor = Dataset.fromRows(rows, new float[] {0, 1, 1, 0});
        Options fullBatchAdam = Options.of("learningRate", 0.05, "batchSize", 0);
        MlpClassifier linear = SoftmaxRegression.trainer().optimizer("adam", fullBatchAdam).maxEpochs(1000).seed(1).fit(xor);
        MlpClassifier mlp = MlpClassifier.trainer(Architecture.hidden(4).activation(Activation.TANH))
                .optimizer("adam", fullBatchAdam).maxEpochs(1000).costTolerance(0).gradientTolerance(1e-4).seed(1)
                .fit(xor);
        out.println("x1 x2  xor  linear  mlp (P(1))");
        for (float[] row : rows) {
            out.printf(Locale.ROOT, " %.0f  %.0f   %.0f     %.0f     %.0f (%.3f)%n", row[0], row[1],
                    (float) ((int) row[0] ^ (int) row[1]), linear.predict(row), mlp.predict(row), mlp.predictProbabilities(row)[1]);
        }
        out.printf(Locale.ROOT, "accuracy: linear %.2f, mlp %.2f%n", linear.evaluate(xor).accuracy(), mlp.evaluate(xor).accuracy());
        out.flush();
        return 0;
    }
}
