package dev.soma.optimizers;

import dev.soma.plugins.Option;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import java.util.List;

/** What the three gradient-descent providers share: the learning rate option and how an instance is made. */
abstract class GradientDescentProvider implements OptimizerProvider {

    /** The step size ε. 0.1 is safe for standardised features with the log loss. */
    static final Option<Double> LEARNING_RATE =
            Option.positiveDouble("learningRate", 0.1, "the step size: θ ← θ − learningRate·gradient");

    private final String name;
    private final String description;

    GradientDescentProvider(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(LEARNING_RATE);
    }

    @Override
    public final Optimizer create(Options options) {
        return new GradientDescent(name, batchSize(options), options.get(LEARNING_RATE));
    }

    /** m, the examples per step. */
    abstract int batchSize(Options options);
}
