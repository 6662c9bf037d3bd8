package dev.soma.optimizers;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;

/** Provides {@code "batch"}: full-batch gradient descent, every example in every step (m = N). */
public final class BatchProvider extends GradientDescentProvider {

    public BatchProvider() {
        super("batch", "batch gradient descent: every example in every step (m = N)");
    }

    @Override
    int batchSize(Options options) {
        return Optimizer.FULL_BATCH;
    }
}
