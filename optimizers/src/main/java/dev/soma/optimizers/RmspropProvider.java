package dev.soma.optimizers;

import java.util.List;

/** {@code "rmsprop"}. */
public final class RmspropProvider extends BuiltInOptimizerProvider {
    public RmspropProvider() {
        super("rmsprop", "RMSProp: steps divided by the root of a moving average of squared gradients",
                List.of(OptimizerOptions.RMSPROP_RATE, OptimizerOptions.RHO, OptimizerOptions.EPSILON, BuiltInOptimizerProvider.BATCH_SIZE),
                o -> AdaptiveRate.rmsprop(batchSize(o), o.get(OptimizerOptions.RMSPROP_RATE), o.get(OptimizerOptions.RHO), o.get(OptimizerOptions.EPSILON)));
    }
}
