package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
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
}
