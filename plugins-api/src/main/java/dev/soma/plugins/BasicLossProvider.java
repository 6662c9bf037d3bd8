package dev.soma.plugins;

import java.util.List;
import java.util.function.Function;

/**
 * The usual base of a loss's provider: it is a {@link LossProvider}, so that a subclass cannot forget to say so
 * (discovery would skip it). A provider is then one constructor call:
 *
 * <pre>{@code
 * public final class LogCoshProvider extends BasicLossProvider {
 *     public LogCoshProvider() {
 *         super("logcosh", "log(cosh(score - label)), for regression", List.of(), o -> new LogCosh());
 *     }
 * }
 * }</pre>
 *
 * List the subclass in {@code META-INF/services/dev.soma.plugins.LossProvider}.
 */
public abstract class BasicLossProvider extends BasicProvider<Loss> implements LossProvider {

    /**
     * A provider of these fixed parts.
     *
     * @param name        the stable name users select the loss by, such as {@code "logcosh"}
     * @param description one line for help texts
     * @param options     the options the loss takes, each with its default
     * @param factory     makes a new loss from the option values
     */
    protected BasicLossProvider(String name, String description, List<Option<?>> options,
                                Function<Options, Loss> factory) {
        super(name, description, options, factory);
    }
}
