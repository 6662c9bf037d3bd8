package dev.soma.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.OptimizerProvider;
import java.util.List;
import java.util.Map;

/**
 * Guice wiring for Soma's plugins: every provider that {@link PluginRegistry#discover(ClassLoader)} finds is bound
 * into a {@link MapBinder} by its name, and an injectable {@link PluginRegistry} is built from the two maps — with
 * the discovery's {@link PluginRegistry#problems() problems} (plugins found but not loadable) kept, so that they
 * are reported as with plain discovery.
 *
 * <p>Add your own plugin from your own module:
 * <pre>{@code
 * SomaModule.optimizers(binder()).addBinding("lion").to(LionProvider.class);
 * }</pre>
 * A name that a discovered provider already has is a Guice error; to replace a built-in, combine modules with
 * {@code Modules.override}, or leave it out of the class path.
 */
public final class SomaModule extends AbstractModule {

    private final ClassLoader loader;

    /** Discovers providers from the thread's context class loader. */
    public SomaModule() {
        this(Thread.currentThread().getContextClassLoader());
    }

    /** Discovers providers from {@code loader}. */
    public SomaModule(ClassLoader loader) {
        this.loader = loader != null ? loader : SomaModule.class.getClassLoader();
    }

    /** The map binder of loss providers, for adding bindings in another module. */
    public static MapBinder<String, LossProvider> losses(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, LossProvider.class);
    }

    /** The map binder of optimizer providers, for adding bindings in another module. */
    public static MapBinder<String, OptimizerProvider> optimizers(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, OptimizerProvider.class);
    }

    @Override
    protected void configure() {
        PluginRegistry discovered = PluginRegistry.discover(loader);
        MapBinder<String, LossProvider> lossBinder = losses(binder());
        discovered.lossProviders().forEach((name, p) -> lossBinder.addBinding(name).toInstance(p));
        MapBinder<String, OptimizerProvider> optimizerBinder = optimizers(binder());
        discovered.optimizerProviders().forEach((name, p) -> optimizerBinder.addBinding(name).toInstance(p));
        bind(DiscoveryProblems.class).toInstance(new DiscoveryProblems(discovered.problems()));
    }

    @Provides
    @Singleton
    PluginRegistry registry(Map<String, LossProvider> losses, Map<String, OptimizerProvider> optimizers,
                            DiscoveryProblems problems) {
        return PluginRegistry.of(losses, optimizers, problems.messages());
    }

    /** What discovery could not load, carried from {@link #configure()} to the registry. */
    record DiscoveryProblems(List<String> messages) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SomaModule other && other.loader == loader;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(loader);
    }
}
