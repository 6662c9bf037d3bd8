package dev.soma.plugins;

/** Makes an {@link Optimizer}. List implementations in {@code META-INF/services/dev.soma.plugins.OptimizerProvider}. */
public interface OptimizerProvider extends PluginProvider<Optimizer> {
}
