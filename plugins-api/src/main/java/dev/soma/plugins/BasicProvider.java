package dev.soma.plugins;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A provider described by its name, its one-line description, its options and how options make the plugin.
 * Extend {@link BasicOptimizerProvider} or {@link BasicLossProvider} instead: they are already an
 * {@link OptimizerProvider} or a {@link LossProvider}. A direct subclass of this class must also implement one of
 * them, or discovery skips it (and says so):
 *
 * <pre>{@code
 * public final class SignSgdProvider extends BasicProvider<Optimizer> implements OptimizerProvider {
 *     public SignSgdProvider() {
 *         super("signsgd", "steps by the sign of the gradient", List.of(RATE), o -> new SignSgd(o.get(RATE)));
 *     }
 * }
 * }</pre>
 *
 * <p>{@code BasicProvider} itself implements only the generic {@link PluginProvider}; {@link java.util.ServiceLoader}
 * loads a class listed in {@code META-INF/services/dev.soma.plugins.OptimizerProvider} only if it is an
 * {@link OptimizerProvider}. The subclass also needs a public no-argument constructor.
 *
 * @param <T> what it makes: {@link Optimizer} or {@link Loss}
 */
public abstract class BasicProvider<T> implements PluginProvider<T> {

    private final String name;
    private final String description;
    private final List<Option<?>> options;
    private final Function<Options, T> factory;

    /**
     * A provider of these parts.
     *
     * @param name        the stable name users select the plugin by (see {@link PluginProvider#name()})
     * @param description one line for help texts
     * @param options     the options the plugin takes, each with its default; copied
     * @param factory     makes a new plugin from the user's option values, read with {@link Options#get(Option)};
     *                    called once per {@link #create}
     */
    protected BasicProvider(String name, String description, List<Option<?>> options, Function<Options, T> factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.options = List.copyOf(options);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** {@inheritDoc} */
    @Override
    public final String name() {
        return name;
    }

    /** {@inheritDoc} */
    @Override
    public final String description() {
        return description;
    }

    /** {@inheritDoc} */
    @Override
    public final List<Option<?>> options() {
        return options;
    }

    /**
     * Applies the factory to {@code values}.
     *
     * @param values the user's option values
     * @return what the factory made
     */
    @Override
    public final T create(Options values) {
        return factory.apply(values);
    }
}
