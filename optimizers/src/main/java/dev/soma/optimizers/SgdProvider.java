package dev.soma.optimizers;

import java.util.List;

/** {@code "sgd"}: stochastic gradient descent, one example per step (m = 1). */
public final class SgdProvider extends BuiltInOptimizerProvider {
    public SgdProvider() {
        super("sgd", "stochastic gradient descent: one example per step (m = 1)", List.of(OptimizerOptions.GD_RATE),
                o -> new GradientDescent("sgd", 1, o.get(OptimizerOptions.GD_RATE)));
    }
}
