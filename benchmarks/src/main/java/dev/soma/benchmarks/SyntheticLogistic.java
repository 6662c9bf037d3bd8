package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * The synthetic logistic dataset of the training benchmarks: {@code n × d} standard-normal float features in
 * one row-major array and labels drawn as Bernoulli(σ(w·x + b)), all from a seed. The true weights are
 * {@code w_j ~ N(0, 9/d)} and {@code b = 0.5}, so the true logit has a standard deviation of about 3: a
 * separable-looking but noisy problem (about 85 % of labels agree with the true sign) whose optimum is finite.
 */
final class SyntheticLogistic {

    static final int ROWS = 1_000_000;
    static final int FEATURES = 64;
    static final long SEED = 20_261_126L;

    final float[] x;
    final float[] y;
    final int n;
    final int d;

    private SyntheticLogistic(float[] x, float[] y, int n, int d) {
        this.x = x;
        this.y = y;
        this.n = n;
        this.d = d;
    }

    static SyntheticLogistic generate(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = random.nextGaussian() * 3 / Math.sqrt(d);
        }
        double b = 0.5;
        float[] x = new float[Math.multiplyExact(n, d)];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double z = b;
            for (int j = 0; j < d; j++) {
                float v = (float) random.nextGaussian();
                x[i * d + j] = v;
                z += w[j] * v;
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1f : 0f;
        }
        return new SyntheticLogistic(x, y, n, d);
    }

    static SyntheticLogistic standard() {
        return generate(ROWS);
    }

    /** The first {@code rows} rows of the standard dataset (the same seed and features). */
    static SyntheticLogistic generate(int rows) {
        return generate(rows, FEATURES, SEED);
    }

    Dataset dataset() {
        return Dataset.fromRowMajor(x, d, y);
    }

    /**
     * This set as a CSV file (header {@code x0..x{d-1},label}, every float in its shortest exact decimal form, so
     * reading the file gives these floats back bit for bit), kept in the temporary folder under a name made of its
     * size and seed and written only if it is not there yet: a 1M × 64 file is about 0.7 GB and takes seconds.
     */
    Path csvFile() throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "soma-synthetic-" + n + "x" + d + "-" + SEED + ".csv");
        if (Files.exists(file)) {
            return file;
        }
        Path partial = Files.createTempFile(file.getParent(), "soma-synthetic-", ".partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < d; j++) {
                line.append('x').append(j).append(',');
            }
            out.write(line.append("label\n").toString());
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                for (int j = 0; j < d; j++) {
                    line.append(x[i * d + j]).append(',');
                }
                out.write(line.append(y[i] == 1f ? '1' : '0').append('\n').toString());
            }
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
