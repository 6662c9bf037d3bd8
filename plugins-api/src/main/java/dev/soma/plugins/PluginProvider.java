package dev.soma.plugins;

import java.util.List;

/**
 * Makes one kind of plugin. A provider has a stable {@link #name()} by which users ask for the plugin, declares
 * the options the plugin takes, and creates fresh instances configured by them.
 *
 * <p>Implementations need a public no-argument constructor (for {@link java.util.ServiceLoader}) and are
 * listed in {@code META-INF/services} under {@link LossProvider} or {@link OptimizerProvider}.
 *
 * @param <T> what it makes
 */
public interface PluginProvider<T> {

    /**
     * The stable name users select the plugin by, such as {@code "adam"}: lower-case letters, digits and
     * {@code -}, starting with a letter.
     */
    String name();

    /** One line for help texts. */
    String description();

    /** The options this plugin takes, each with its default. */
    List<Option<?>> options();

    /**
     * A new, independent instance configured by {@code options}. Options the user did not give take their
     * defaults; the engine has already checked that every given name is declared.
     */
    T create(Options options);
}
