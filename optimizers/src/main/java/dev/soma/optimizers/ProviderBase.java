package dev.soma.optimizers;

import dev.soma.plugins.Option;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import java.util.List;
import java.util.function.Function;

/** A provider described by its name, its one-line description, its options and how options make an optimizer. */
abstract class ProviderBase implements OptimizerProvider {

    private final String name;
    private final String description;
    private final List<Option<?>> options;
    private final Function<Options, Optimizer> factory;

    ProviderBase(String name, String description, List<Option<?>> options, Function<Options, Optimizer> factory) {
        this.name = name;
        this.description = description;
        this.options = List.copyOf(options);
        this.factory = factory;
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
    public final List<Option<?>> options() {
        return options;
    }

    @Override
    public final Optimizer create(Options values) {
        return factory.apply(values);
    }

    static Option<Double> learningRate(double defaultValue) {
        return Option.positiveDouble("learningRate", defaultValue, "the step size ε");
    }

    /** The batch size of the rules that work with any m; 0 means every example (full batch). */
    static final Option<Integer> BATCH_SIZE =
            Option.nonNegativeInt("batchSize", 32, "examples per step m; 1 is stochastic, 0 means all (full batch)");

    static int batchSize(Options values) {
        int m = values.get(BATCH_SIZE);
        return m == 0 ? Optimizer.FULL_BATCH : m;
    }
}
