package dev.soma.optimizers;

import dev.soma.plugins.Options;

/** Provides {@code "sgd"}: stochastic gradient descent, one example per step (m = 1). */
public final class SgdProvider extends GradientDescentProvider {

    public SgdProvider() {
        super("sgd", "stochastic gradient descent: one example per step (m = 1)");
    }

    @Override
    int batchSize(Options options) {
        return 1;
    }
}
