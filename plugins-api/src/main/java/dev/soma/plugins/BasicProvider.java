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
 * @param <T> what it makes
 */
public abstract class BasicProvider<T> implements PluginProvider<T> {

    private final String name;
    private final String description;
    private final List<Option<?>> options;
    private final Function<Options, T> factory;

    protected BasicProvider(String name, String description, List<Option<?>> options, Function<Options, T> factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.options = List.copyOf(options);
        this.factory = Objects.requireNonNull(factory, "factory");
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
    public final T create(Options values) {
        return factory.apply(values);
    }
}
