package dev.soma.plugins;

/**
 * Makes an {@link Optimizer}. Implementations have a public no-argument constructor and are listed, one fully
 * qualified class name per line, in {@code META-INF/services/dev.soma.plugins.OptimizerProvider}; Soma finds
 * them on the class path or in a plugin folder ({@code --plugin-dir}). Extending {@link BasicOptimizerProvider}
 * makes a provider one constructor call.
 */
public interface OptimizerProvider extends PluginProvider<Optimizer> {
}
