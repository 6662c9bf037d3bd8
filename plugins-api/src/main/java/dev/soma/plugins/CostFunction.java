package dev.soma.plugins;

/**
 * The training cost over the current batch, for optimizers that evaluate it at other points than the one the
 * engine gave them (a line search). Each call is one pass over the batch, done by the engine's SIMD kernels;
 * the engine counts the passes.
 */
@FunctionalInterface
public interface CostFunction {

    /**
     * Computes {@code J(parameters)} over the batch and writes {@code ∇J} into {@code gradient} (same length).
     * Neither array is kept.
     *
     * @return the cost, penalties included
     */
    double evaluate(float[] parameters, float[] gradient);
}
