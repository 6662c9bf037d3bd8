package dev.soma.optimizers;

import dev.soma.plugins.Optimizer;
import java.util.List;

/** {@code "batch"}: full-batch gradient descent, every example in every step (m = N). */
public final class BatchProvider extends BuiltInOptimizerProvider {
    public BatchProvider() {
        super("batch", "batch gradient descent: every example in every step (m = N)", List.of(OptimizerOptions.GD_RATE),
                o -> new GradientDescent("batch", Optimizer.FULL_BATCH, o.get(OptimizerOptions.GD_RATE)));
    }
}
