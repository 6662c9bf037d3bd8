package dev.soma.engine.testing;

import dev.soma.engine.data.Dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The datasets the tests train on: the bundled breast-cancer split, and synthetic data with known answers. */
public final class TestData {

    private TestData() {
    }

    /** The repository's datasets folder; tests run with the module folder as working directory. */
    public static Path datasets() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("datasets");
            if (Files.isDirectory(candidate.resolve("breast_cancer"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no datasets/breast_cancer folder above " + Path.of("").toAbsolutePath());
    }

    public static Dataset breastCancerTrain() throws IOException {
        return Dataset.readCsv(datasets().resolve("breast_cancer/train.csv"));
    }

    public static Dataset breastCancerTest() throws IOException {
        return Dataset.readCsv(datasets().resolve("breast_cancer/test.csv"));
    }

    public static Dataset digitsTrain() throws IOException {
        return Dataset.readCsv(datasets().resolve("digits/train.csv"));
    }

    public static Dataset digitsTest() throws IOException {
        return Dataset.readCsv(datasets().resolve("digits/test.csv"));
    }

    /** {@code y = x·trueWeights + bias + noise·N(0,1)} for Gaussian features of varied scales. */
    public static Dataset linear(int n, float[] trueWeights, float bias, double noise, long seed) {
        Random random = new Random(seed);
        int d = trueWeights.length;
        float[][] rows = new float[n][d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double target = bias;
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) (random.nextGaussian() * (1 + j) + j);
                target += rows[i][j] * trueWeights[j];
            }
            y[i] = (float) (target + noise * random.nextGaussian());
        }
        return Dataset.fromRows(rows, y);
    }
}
