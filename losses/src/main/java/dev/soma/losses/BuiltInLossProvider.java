package dev.soma.losses;

import dev.soma.plugins.BasicProvider;
import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Option;
import dev.soma.plugins.Options;
import java.util.List;
import java.util.function.Function;

/** The built-in losses' base: a {@link BasicProvider} of losses that is a {@link LossProvider}. */
abstract class BuiltInLossProvider extends BasicProvider<Loss> implements LossProvider {

    BuiltInLossProvider(String name, String description, List<Option<?>> options, Function<Options, Loss> factory) {
        super(name, description, options, factory);
    }
}
