package dev.soma.optimizers;

import java.util.List;

/** {@code "minibatch"}: minibatch gradient descent, {@code batchSize} examples per step. */
public final class MinibatchProvider extends BuiltInOptimizerProvider {
    public MinibatchProvider() {
        super("minibatch", "minibatch gradient descent: batchSize examples per step (m = k)",
                List.of(OptimizerOptions.GD_RATE, OptimizerOptions.MINIBATCH_SIZE),
                o -> new GradientDescent("minibatch", o.get(OptimizerOptions.MINIBATCH_SIZE), o.get(OptimizerOptions.GD_RATE)));
    }
}
