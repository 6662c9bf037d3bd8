package com.example.lion;

import dev.soma.plugins.BasicOptimizerProvider;
import dev.soma.plugins.Option;
import dev.soma.plugins.Optimizer;
import java.util.List;

/**
 * Provides the {@code "lion"} optimizer. Listed in {@code META-INF/services/dev.soma.plugins.OptimizerProvider}
 * so Soma finds it on the class path or in a plugin folder. Extending {@link BasicOptimizerProvider} makes it an
 * {@code OptimizerProvider}: name, description, options and how the options make the optimizer.
 */
public final class LionProvider extends BasicOptimizerProvider {

    static final String NAME = "lion";

    static final Option<Double> LEARNING_RATE =
            Option.positiveDouble("learningRate", 1e-3, "the step size ε: every coordinate moves by ε per step");
    static final Option<Double> BETA1 = Option.fraction("beta1", 0.9, "the interpolation between momentum and gradient");
    static final Option<Double> BETA2 = Option.fraction("beta2", 0.99, "the decay of the momentum");
    static final Option<Double> WEIGHT_DECAY = Option.nonNegativeDouble("weightDecay", 0.0, "decoupled weight decay λ");
    static final Option<Integer> BATCH_SIZE =
            Option.nonNegativeInt("batchSize", 32, "examples per step; 0 means all (full batch)");

    public LionProvider() {
        super(NAME, "Lion (Chen et al., 2023): sign of an interpolated momentum, from the example plugin",
                List.of(LEARNING_RATE, BETA1, BETA2, WEIGHT_DECAY, BATCH_SIZE),
                options -> {
                    int batchSize = options.get(BATCH_SIZE);
                    return new Lion(batchSize == 0 ? Optimizer.FULL_BATCH : batchSize, options.get(LEARNING_RATE),
                            options.get(BETA1), options.get(BETA2), options.get(WEIGHT_DECAY));
                });
    }
}
