package dev.soma.plugins;

/**
 * The training cost over the current batch, for optimizers that evaluate it at other points than the one the
 * engine gave them (a line search). Each call is one pass over the batch, done by the engine's SIMD kernels;
 * the engine counts the passes. An optimizer gets it from {@link StepContext#costFunction()}.
 */
@FunctionalInterface
public interface CostFunction {

    /**
     * Computes {@code J(parameters)} over the batch and its gradient {@code ∇J}: the same cost and mean gradient,
     * penalties included, as the engine passes to {@link Optimizer#step}. Neither array is kept.
     *
     * @param parameters the point θ to evaluate at, of the parameter count; read only
     * @param gradient   receives {@code ∇J(θ)}, same length as {@code parameters}
     * @return the cost {@code J(θ)}: the mean loss over the batch plus the penalty
     */
    double evaluate(float[] parameters, float[] gradient);
}
