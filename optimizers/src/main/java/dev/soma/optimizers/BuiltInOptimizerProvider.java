package dev.soma.optimizers;

import dev.soma.plugins.BasicOptimizerProvider;
import dev.soma.plugins.Option;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import java.util.List;
import java.util.function.Function;

/** The built-in optimizers' base: a {@link BasicOptimizerProvider} plus the options they share. */
abstract class BuiltInOptimizerProvider extends BasicOptimizerProvider {

    BuiltInOptimizerProvider(String name, String description, List<Option<?>> options, Function<Options, Optimizer> factory) {
        super(name, description, options, factory);
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
