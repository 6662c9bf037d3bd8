package dev.soma.optimizers;

import java.util.List;

/** {@code "adam"}. */
public final class AdamProvider extends BuiltInOptimizerProvider {
    public AdamProvider() {
        super("adam", "Adam: bias-corrected moving averages of the gradient and its square",
                List.of(OptimizerOptions.ADAM_RATE, OptimizerOptions.BETA1, OptimizerOptions.BETA2, OptimizerOptions.EPSILON, BuiltInOptimizerProvider.BATCH_SIZE),
                o -> new Adam("adam", batchSize(o), o.get(OptimizerOptions.ADAM_RATE), o.get(OptimizerOptions.BETA1), o.get(OptimizerOptions.BETA2), o.get(OptimizerOptions.EPSILON), 0));
    }
}
