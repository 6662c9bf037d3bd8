package dev.soma.plugins;

import java.util.List;

/**
 * Makes one kind of plugin. A provider has a stable {@link #name()} by which users ask for the plugin, declares
 * the options the plugin takes, and creates fresh instances configured by them.
 *
 * <p>Implement {@link LossProvider} or {@link OptimizerProvider}, not this interface directly: those are the
 * service types Soma looks up. Implementations need a public no-argument constructor (for
 * {@link java.util.ServiceLoader}) and are listed in {@code META-INF/services} under the service type's name.
 * {@link BasicOptimizerProvider} and {@link BasicLossProvider} make a provider one constructor call.
 *
 * @param <T> what it makes
 */
public interface PluginProvider<T> {

    /**
     * The stable name users select the plugin by, such as {@code "adam"}. Two plugins of one kind cannot share a
     * name; the plugin's own {@code name()} returns the same.
     *
     * @return lower-case letters, digits and {@code -}, starting with a letter
     */
    String name();

    /**
     * What the plugin does, for {@code soma plugins} and other help texts.
     *
     * @return one line
     */
    String description();

    /**
     * The options this plugin takes. Users set them by name ({@code --option learningRate=0.01} on the command
     * line, {@link Options} in Java); a name not declared here is refused before {@link #create} is called.
     *
     * @return the options, each with its default and validity rule; names are unique
     */
    List<Option<?>> options();

    /**
     * A new, independent instance configured by {@code options}. Options the user did not give take their
     * defaults; the engine has already checked that every given name is declared.
     *
     * @param options the user's values; read each with {@link Options#get(Option)}, which applies the default and
     *                checks the value
     * @return a new plugin, never one shared with an earlier call
     * @throws IllegalArgumentException if a value is invalid (as {@link Options#get(Option)} throws it)
     */
    T create(Options options);
}
