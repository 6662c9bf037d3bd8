package dev.soma.optimizers;

import dev.soma.plugins.Option;
import dev.soma.plugins.Options;
import java.util.List;

/** Provides {@code "minibatch"}: minibatch gradient descent, {@code batchSize} examples per step (default 32). */
public final class MinibatchProvider extends GradientDescentProvider {

    static final Option<Integer> BATCH_SIZE =
            Option.positiveInt("batchSize", 32, "examples per step, m");

    public MinibatchProvider() {
        super("minibatch", "minibatch gradient descent: batchSize examples per step (m = k)");
    }

    @Override
    public List<Option<?>> options() {
        return List.of(LEARNING_RATE, BATCH_SIZE);
    }

    @Override
    int batchSize(Options options) {
        return options.get(BATCH_SIZE);
    }
}
