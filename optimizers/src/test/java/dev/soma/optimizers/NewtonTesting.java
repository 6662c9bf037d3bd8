package dev.soma.optimizers;

import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import dev.soma.testkit.PlainVectorOps;

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
