package dev.soma.plugins;

import java.util.List;
import java.util.function.Function;

/**
 * The usual base of an optimizer's provider: it is an {@link OptimizerProvider}, so that a subclass cannot forget
 * to say so (discovery would skip it). A provider is then one constructor call:
 *
 * <pre>{@code
 * public final class SignSgdProvider extends BasicOptimizerProvider {
 *     public SignSgdProvider() {
 *         super("signsgd", "steps by the sign of the gradient", List.of(RATE), o -> new SignSgd(o.get(RATE)));
 *     }
 * }
 * }</pre>
 *
 * List the subclass in {@code META-INF/services/dev.soma.plugins.OptimizerProvider}.
 */
public abstract class BasicOptimizerProvider extends BasicProvider<Optimizer> implements OptimizerProvider {

    /**
     * A provider of these fixed parts.
     *
     * @param name        the stable name users select the optimizer by, such as {@code "signsgd"}
     * @param description one line for help texts
     * @param options     the options the optimizer takes, each with its default
     * @param factory     makes a new optimizer from the option values
     */
    protected BasicOptimizerProvider(String name, String description, List<Option<?>> options,
                                     Function<Options, Optimizer> factory) {
        super(name, description, options, factory);
    }
}
