package dev.soma.optimizers;

import java.util.List;

/** {@code "momentum"}: gradient descent with momentum. */
public final class MomentumProvider extends BuiltInOptimizerProvider {
    public MomentumProvider() {
        super("momentum", "gradient descent with momentum: v ← μ·v + g, θ ← θ − ε·v",
                List.of(OptimizerOptions.MOMENTUM_RATE, OptimizerOptions.MOMENTUM, BuiltInOptimizerProvider.BATCH_SIZE),
                o -> new Momentum("momentum", batchSize(o), o.get(OptimizerOptions.MOMENTUM_RATE), o.get(OptimizerOptions.MOMENTUM), false));
    }
}
