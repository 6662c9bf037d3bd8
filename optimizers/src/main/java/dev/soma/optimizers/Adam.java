package dev.soma.optimizers;

import dev.soma.plugins.StepContext;

/**
 * Adam (Kingma and Ba, 2015) and AdamW (Loshchilov and Hutter, 2019):
 * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code θ ← θ − ε·m̂/(√v̂ + eps)} with the bias corrections {@code m̂ = m/(1−β1^t)}, {@code v̂ = v/(1−β2^t)}.
 * AdamW first decays the parameters, {@code θ ← θ·(1 − ε·λ)}, decoupled from the gradient.
 *
 * <p>The corrections are folded into the step and epsilon, exactly:
 * {@code m̂/(√v̂ + eps) = [√(1−β2^t)/(1−β1^t)] · m / (√v + eps·√(1−β2^t))}, so the update is two moving averages
 * and one fused SIMD pass.
 */
final class Adam extends BaseOptimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    Adam(String name, int batchSize, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(name, batchSize, learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    @Override
    String[] bufferNames() {
        return new String[] {"m", "v"};
    }

    @Override
    void update(float[] parameters, float[] gradient, float rate, long t, StepContext context) {
        int n = parameters.length;
        float[] m = buffer("m");
        float[] v = buffer("v");
        if (weightDecay > 0) {
            ops().scale((float) (1 - rate * weightDecay), parameters);
        }
        ops().axpby((float) (1 - beta1), gradient, (float) beta1, m, n);
        ops().squareAxpby((float) (1 - beta2), gradient, (float) beta2, v, n);
        double correction2 = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = rate * correction2 / (1 - Math.pow(beta1, t));
        ops().divSqrtAxpy((float) -stepSize, m, v, (float) (epsilon * correction2), parameters, n);
    }

    @Override
    BaseOptimizer sameConfiguration() {
        return new Adam(name(), batchSize(), learningRate(), beta1, beta2, epsilon, weightDecay);
    }
}
