package dev.soma.engine.plugins;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.OptimizerProvider;

/**
 * Guice wiring for Soma's plugins: every provider found with {@link java.util.ServiceLoader} is bound into a
 * {@link MapBinder} by its name, and {@link PluginRegistry} is built from the two maps.
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
        MapBinder<String, LossProvider> lossBinder = losses(binder());
        PluginDiscovery.find(LossProvider.class, loader).byName().forEach((name, p) -> lossBinder.addBinding(name).toInstance(p));
        MapBinder<String, OptimizerProvider> optimizerBinder = optimizers(binder());
        PluginDiscovery.find(OptimizerProvider.class, loader).byName()
                .forEach((name, p) -> optimizerBinder.addBinding(name).toInstance(p));
        bind(PluginRegistry.class);
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
