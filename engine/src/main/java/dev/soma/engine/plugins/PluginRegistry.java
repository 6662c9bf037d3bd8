package dev.soma.engine.plugins;

import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import dev.soma.plugins.PluginProvider;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The loss and optimizer providers by name, and the one place plugins are made: it checks the options against
 * what the provider declares, and an unknown name fails with the list of available ones.
 *
 * <p>Get one from {@link #discover()} (ServiceLoader, no Guice needed), from an injector built with
 * {@link SomaModule}, or from maps of your own.
 */
public final class PluginRegistry {

    private final Map<String, LossProvider> losses;
    private final Map<String, OptimizerProvider> optimizers;

    /** A registry of exactly these providers, keyed by name. */
    @Inject
    public PluginRegistry(Map<String, LossProvider> losses, Map<String, OptimizerProvider> optimizers) {
        this.losses = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(losses, "losses")));
        this.optimizers = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(optimizers, "optimizers")));
    }

    /** The providers listed in {@code META-INF/services} on the thread's context class path. */
    public static PluginRegistry discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : PluginRegistry.class.getClassLoader());
    }

    /** The providers listed in {@code META-INF/services} visible from {@code loader}. */
    public static PluginRegistry discover(ClassLoader loader) {
        return new PluginRegistry(PluginDiscovery.find(LossProvider.class, loader),
                PluginDiscovery.find(OptimizerProvider.class, loader));
    }

    /** A new loss by name. */
    public Loss loss(String name, Options options) {
        return create("loss", losses, name, options);
    }

    /** A new optimizer by name. */
    public Optimizer optimizer(String name, Options options) {
        return create("optimizer", optimizers, name, options);
    }

    /** The loss providers by name, sorted. */
    public Map<String, LossProvider> lossProviders() {
        return losses;
    }

    /** The optimizer providers by name, sorted. */
    public Map<String, OptimizerProvider> optimizerProviders() {
        return optimizers;
    }

    private static <T> T create(String kind, Map<String, ? extends PluginProvider<T>> providers, String name,
                                Options options) {
        Objects.requireNonNull(name, () -> kind + " name");
        PluginProvider<T> provider = providers.get(name);
        if (provider == null) {
            throw new UnknownPluginException(kind, name, providers.keySet());
        }
        options.validateAgainst(name, provider.options());
        return Objects.requireNonNull(provider.create(options),
                () -> "the " + kind + " provider '" + name + "' (" + provider.getClass().getName() + ") made null");
    }
}
