package dev.soma.plugins;

/**
 * Makes an {@link Optimizer}. Implementations have a public no-argument constructor and are listed, one fully
 * qualified class name per line, in {@code META-INF/services/dev.soma.plugins.OptimizerProvider}; Soma finds
 * them on the class path or in a plugin folder ({@code --plugin-dir}). Extending
 * {@link BasicProvider BasicProvider&lt;Optimizer&gt;} does not make a class an {@code OptimizerProvider}: write
 * {@code implements OptimizerProvider} as well.
 */
public interface OptimizerProvider extends PluginProvider<Optimizer> {
}
