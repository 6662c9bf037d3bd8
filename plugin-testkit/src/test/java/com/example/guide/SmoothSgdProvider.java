package com.example.guide;

import dev.soma.plugins.Option;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import java.util.List;

/** Provides the "smoothsgd" optimizer; listed in META-INF/services/dev.soma.plugins.OptimizerProvider. */
public final class SmoothSgdProvider implements OptimizerProvider {

    static final String NAME = "smoothsgd";

    static final Option<Double> LEARNING_RATE = Option.positiveDouble("learningRate", 0.1, "the step size ε");
    static final Option<Double> BETA = Option.fraction("beta", 0.9, "the decay β of the gradient's moving average");
    static final Option<Integer> BATCH_SIZE =
            Option.nonNegativeInt("batchSize", 32, "examples per step; 0 means all (full batch)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "gradient descent along a moving average of the gradient";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(LEARNING_RATE, BETA, BATCH_SIZE);
    }

    @Override
    public Optimizer create(Options options) {
        int batchSize = options.get(BATCH_SIZE);
        return new SmoothSgd(batchSize == 0 ? Optimizer.FULL_BATCH : batchSize,
                options.get(LEARNING_RATE), options.get(BETA));
    }
}
