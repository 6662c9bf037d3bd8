package dev.soma.optimizers;

import java.util.List;

/** {@code "nesterov"}: Nesterov momentum. */
public final class NesterovProvider extends BuiltInOptimizerProvider {
    public NesterovProvider() {
        super("nesterov", "Nesterov momentum: v ← μ·v + g, θ ← θ − ε·(g + μ·v)",
                List.of(OptimizerOptions.MOMENTUM_RATE, OptimizerOptions.MOMENTUM, BuiltInOptimizerProvider.BATCH_SIZE),
                o -> new Momentum("nesterov", batchSize(o), o.get(OptimizerOptions.MOMENTUM_RATE), o.get(OptimizerOptions.MOMENTUM), true));
    }
}
