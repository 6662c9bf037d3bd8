package dev.soma.plugins;

/** Makes a {@link Loss}. List implementations in {@code META-INF/services/dev.soma.plugins.LossProvider}. */
public interface LossProvider extends PluginProvider<Loss> {
}
