package dev.soma.optimizers;

import java.util.List;

/** {@code "adamw"}. */
public final class AdamWProvider extends BuiltInOptimizerProvider {
    public AdamWProvider() {
        super("adamw", "AdamW: Adam with decoupled weight decay (on every parameter, bias included)",
                List.of(OptimizerOptions.ADAM_RATE, OptimizerOptions.BETA1, OptimizerOptions.BETA2, OptimizerOptions.EPSILON, OptimizerOptions.WEIGHT_DECAY, BuiltInOptimizerProvider.BATCH_SIZE),
                o -> new Adam("adamw", batchSize(o), o.get(OptimizerOptions.ADAM_RATE), o.get(OptimizerOptions.BETA1), o.get(OptimizerOptions.BETA2), o.get(OptimizerOptions.EPSILON),
                        o.get(OptimizerOptions.WEIGHT_DECAY)));
    }
}
