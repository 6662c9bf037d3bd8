package dev.soma.plugins;

/**
 * Makes a {@link Loss}. Implementations have a public no-argument constructor and are listed, one fully
 * qualified class name per line, in {@code META-INF/services/dev.soma.plugins.LossProvider}; Soma finds them
 * on the class path or in a plugin folder ({@code --plugin-dir}). Extending {@link BasicLossProvider} makes a
 * provider one constructor call.
 */
public interface LossProvider extends PluginProvider<Loss> {
}
