package dev.soma.testkit;

import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.StepContext;
import java.util.Random;

/** The small problems the conformance tests train on, evaluated in plain Java (double sums). */
final class TestProblems {

    private TestProblems() {
    }

    /** {@code J(θ) = ½ Σ a_i (θ_i − c_i)²}: convex, minimum 0 at c. */
    static final class Quadratic implements CostFunction {
        final float[] a = {1f, 4f, 0.5f, 2f, 1.5f, 3f, 0.8f};
        final float[] c = {3f, -1f, 2f, 0.5f, -2f, 1f, -0.5f};

        int size() {
            return a.length;
        }

        /** The largest {@code |θ_i − c_i|}. */
        double distanceToOptimum(float[] theta) {
            double d = 0;
            for (int i = 0; i < a.length; i++) {
                d = Math.max(d, Math.abs((double) theta[i] - c[i]));
            }
            return d;
        }

        /** {@code Σ a_i}: the cost is at most {@code ½·Σ a_i·r²} when every {@code |θ_i − c_i| ≤ r}. */
        double curvatureSum() {
            double sum = 0;
            for (float ai : a) {
                sum += ai;
            }
            return sum;
        }

        @Override
        public double evaluate(float[] theta, float[] gradient) {
            double j = 0;
            for (int i = 0; i < a.length; i++) {
                double r = theta[i] - c[i];
                j += 0.5 * a[i] * r * r;
                gradient[i] = (float) (a[i] * r);
            }
            return j;
        }
    }

    /**
     * Logistic regression on {@value #N} seeded examples of {@value #D} features (plus a bias): labels drawn from
     * σ(w*·x + b*), so the problem has a finite optimum. Parameters θ = [w, b].
     */
    static final class Logistic {
        static final int N = 96;
        static final int D = 4;
        final float[][] x = new float[N][D];
        final float[] y = new float[N];

        Logistic() {
            Random random = new Random(7);
            float[] truth = {1.5f, -2f, 0.5f, 1f};
            for (int i = 0; i < N; i++) {
                double z = 0.3;
                for (int j = 0; j < D; j++) {
                    x[i][j] = (float) random.nextGaussian();
                    z += truth[j] * x[i][j];
                }
                y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1f : 0f;
            }
        }

        /** The mean log loss and its gradient over {@code rows[from, to)}. */
        double evaluate(float[] theta, int[] rows, int from, int to, float[] gradient) {
            double[] g = new double[D + 1];
            double loss = 0;
            for (int k = from; k < to; k++) {
                int i = rows[k];
                double z = theta[D];
                for (int j = 0; j < D; j++) {
                    z += theta[j] * x[i][j];
                }
                loss += Math.max(z, 0) - y[i] * z + Math.log1p(Math.exp(-Math.abs(z)));
                double delta = 1 / (1 + Math.exp(-z)) - y[i];
                for (int j = 0; j < D; j++) {
                    g[j] += delta * x[i][j];
                }
                g[D] += delta;
            }
            int m = to - from;
            for (int j = 0; j <= D; j++) {
                gradient[j] = (float) (g[j] / m);
            }
            return loss / m;
        }

        /**
         * Trains with {@code optimizer} for {@code epochs}, batches of its batch size shuffled from {@code seed},
         * as the engine does. Returns the final parameters.
         */
        float[] train(Optimizer optimizer, int epochs, long seed) {
            float[] theta = new float[D + 1];
            float[] gradient = new float[D + 1];
            int[] order = new int[N];
            int m = Math.min(Math.max(1, optimizer.batchSize()), N);
            Random random = new Random(seed);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                for (int i = 0; i < N; i++) {
                    order[i] = i;
                }
                if (m < N) {
                    for (int i = N - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                }
                for (int start = 0; start < N; start += m) {
                    int end = Math.min(N, start + m);
                    int from = start;
                    double cost = evaluate(theta, order, from, end, gradient);
                    CostFunction batch = (t, g) -> evaluate(t, order, from, end, g);
                    optimizer.step(theta, gradient, context(cost, epoch, batch));
                }
            }
            return theta;
        }

        /** The mean log loss over all examples. */
        double meanLoss(float[] theta) {
            int[] all = new int[N];
            for (int i = 0; i < N; i++) {
                all[i] = i;
            }
            return evaluate(theta, all, 0, N, new float[D + 1]);
        }
    }

    static StepContext context(double cost, int epoch, CostFunction function) {
        return StepContext.of(cost, 1, epoch, function);
    }
}
