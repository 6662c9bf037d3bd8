package dev.soma.optimizers;

import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import dev.soma.testkit.PlainVectorOps;
import java.util.SplittableRandom;

/** What the newton tests share: small costs that give their whole Hessian, and one engine-like step. */
final class NewtonTesting {

    private NewtonTesting() {
    }

    /**
     * A cost whose Hessian is a dense matrix it fills itself; Hessian-vector products multiply by it, and the
     * matrices the optimizer asks for are counted (the products are not).
     */
    abstract static class MatrixCost implements CostFunction {
        int matrices;

        /** The Hessian at θ, row-major, into {@code out}. */
        abstract void fill(float[] theta, double[] out);

        @Override
        public boolean hasHessian() {
            return true;
        }

        @Override
        public void hessianTimes(float[] theta, float[] v, float[] out) {
            int n = theta.length;
            double[] h = new double[n * n];
            fill(theta, h);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += h[i * n + j] * v[j];
                }
                out[i] = (float) sum;
            }
        }

        @Override
        public boolean hasHessianMatrix() {
            return true;
        }

        @Override
        public void hessianMatrix(float[] theta, double[] out) {
            matrices++;
            fill(theta, out);
        }
    }

    /**
     * {@code (1/m)·Σ log(1 + exp(−t·aᵀθ)) + (λ/2)·Σ θ_j²} (t = ±1) on random rows, counting its evaluations and
     * matrices. {@link #random}: every parameter penalised, and the cost does not say its penalty; {@link #withBias}:
     * the last column all ones, a bias the penalty leaves alone, and the cost says its penalty
     * ({@link CostFunction#l2Penalty}), as the engine's linear objectives do.
     */
    static final class PenalisedLogistic extends MatrixCost {
        final double[][] a;
        final double[] t;
        final double lambda;
        /** Whether the last parameter is an unpenalised bias and the cost says its penalty. */
        final boolean bias;
        int evaluations;

        private PenalisedLogistic(double[][] a, double[] t, double lambda, boolean bias) {
            this.a = a;
            this.t = t;
            this.lambda = lambda;
            this.bias = bias;
        }

        /** Columns of growing scale, labels ±1 at random. */
        static PenalisedLogistic random(int m, int n, double lambda, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[][] a = new double[m][n];
            double[] t = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = random.nextGaussian() * (1 + j);
                }
                t[i] = random.nextBoolean() ? 1 : -1;
            }
            return new PenalisedLogistic(a, t, lambda, false);
        }

        /** Standard-normal columns and a bias column; labels drawn from a logistic model of them. */
        static PenalisedLogistic withBias(int m, int n, double lambda, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[][] a = new double[m][n];
            double[] t = new double[m];
            for (int i = 0; i < m; i++) {
                double z = 0.5;
                for (int j = 0; j < n - 1; j++) {
                    a[i][j] = random.nextGaussian();
                    z += a[i][j] * (j % 2 == 0 ? 1.5 : -1);
                }
                a[i][n - 1] = 1;
                t[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
            }
            return new PenalisedLogistic(a, t, lambda, true);
        }

        PenalisedLogistic withLambda(double newLambda) {
            return new PenalisedLogistic(a, t, newLambda, bias);
        }

        private double penaltyOf(int j, int n) {
            return bias && j == n - 1 ? 0 : lambda;
        }

        private double score(float[] theta, double[] row) {
            double z = 0;
            for (int j = 0; j < row.length; j++) {
                z += row[j] * theta[j];
            }
            return z;
        }

        @Override
        public double evaluate(float[] theta, float[] gradient) {
            evaluations++;
            int n = theta.length;
            double[] g = new double[n];
            double cost = 0;
            for (int i = 0; i < a.length; i++) {
                double margin = t[i] * score(theta, a[i]);
                cost += Math.log1p(Math.exp(-Math.abs(margin))) + Math.max(-margin, 0);
                double s = -t[i] / (1 + Math.exp(margin));
                for (int j = 0; j < n; j++) {
                    g[j] += s * a[i][j];
                }
            }
            cost /= a.length;
            for (int j = 0; j < n; j++) {
                double pen = penaltyOf(j, n);
                cost += 0.5 * pen * theta[j] * theta[j];
                gradient[j] = (float) (g[j] / a.length + pen * theta[j]);
            }
            return cost;
        }

        @Override
        void fill(float[] theta, double[] out) {
            int n = theta.length;
            java.util.Arrays.fill(out, 0, n * n, 0);
            for (double[] row : a) {
                double p = 1 / (1 + Math.exp(-score(theta, row)));
                double d = p * (1 - p) / a.length;
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        out[j * n + k] += d * row[j] * row[k];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                out[j * n + j] += penaltyOf(j, n);
            }
        }

        @Override
        public double l2Penalty(int parameter) {
            return bias ? penaltyOf(parameter, a[0].length) : Double.NaN;
        }
    }

    /** A newton optimizer with {@code solver=cholesky} for {@code n} parameters. */
    static Optimizer cholesky(int n) {
        Optimizer newton = new NewtonProvider().create(Options.of("solver", "cholesky"));
        newton.initialise(n, new PlainVectorOps());
        return newton;
    }

    /** One engine-like step: the cost and gradient at θ, then the optimizer's step; the gradient's norm at θ. */
    static double step(Optimizer optimizer, CostFunction function, float[] theta) {
        float[] gradient = new float[theta.length];
        double cost = function.evaluate(theta, gradient);
        optimizer.step(theta, gradient, StepContext.of(cost, 1, 1, function));
        return norm(gradient);
    }

    static double gradientNorm(CostFunction function, float[] theta) {
        float[] gradient = new float[theta.length];
        function.evaluate(theta, gradient);
        return norm(gradient);
    }

    static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }
}
