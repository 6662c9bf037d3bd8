package dev.soma.losses;

import dev.soma.plugins.BasicLossProvider;
import dev.soma.plugins.Loss;
import dev.soma.plugins.Option;
import dev.soma.plugins.Options;
import java.util.List;
import java.util.function.Function;

/** The built-in losses' base. */
abstract class BuiltInLossProvider extends BasicLossProvider {

    BuiltInLossProvider(String name, String description, List<Option<?>> options, Function<Options, Loss> factory) {
        super(name, description, options, factory);
    }
}
