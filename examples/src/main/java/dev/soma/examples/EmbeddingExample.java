package dev.soma.examples;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.nio.file.Path;

/** The README's embedding example, kept compiling and tested (EmbeddingExampleTest). Run from the repository root. */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    public static void main(String[] args) throws IOException {
        Dataset train = Dataset.readCsv(Path.of("datasets/breast_cancer/train.csv"));
        Dataset test = Dataset.readCsv(Path.of("datasets/breast_cancer/test.csv"));
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("batch", Options.of("learningRate", 1.0))
                .l2(1.0 / train.size())
                .maxEpochs(5000)
                .fit(train);
        System.out.println(model.evaluate(test));          // accuracy, log loss, examples
        System.out.println(model.predictProbability(test.row(0)));  // P(label = 1) for one row
    }
}
