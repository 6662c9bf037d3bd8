package dev.soma.engine.plugins;

import dev.soma.plugins.PluginsApiVersion;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin built against another version of {@code soma-plugins-api} than the one running: it lacks a method the
 * engine calls (an interface grew a method, or changed a signature), or it calls one the running API does not have.
 * The message is one line naming the plugin, its jar, the missing method and the version to rebuild against; the
 * cause, when there is one, is the JVM's {@link LinkageError}.
 */
public final class IncompatiblePluginException extends IllegalStateException {

    private static final long serialVersionUID = 1L;
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private final String plugin;
    private final String origin;

    private IncompatiblePluginException(String message, String plugin, String origin, Throwable cause) {
        super(message, cause);
        this.plugin = plugin;
        this.origin = origin;
    }

    /** The plugin's name, or its class when it could not say its name. */
    public String plugin() {
        return plugin;
    }

    /** The jar or folder the plugin's class came from. */
    public String origin() {
        return origin;
    }

    /**
     * What to throw for {@code error}, thrown by the plugin {@code instance} (a loss, an optimizer or a provider)
     * while the engine called {@code call}: an {@link IncompatiblePluginException} for a sign of another API version
     * (an {@link IncompatibleClassChangeError}, a missing {@code dev.soma.plugins} class), an
     * {@link IllegalStateException} naming the missing class for a dependency the plugin's jar lacks; any other
     * error (a failed static initialiser) is rethrown as it is.
     */
    static RuntimeException translate(String kind, String name, Object instance, String call, LinkageError error) {
        if (error instanceof IncompatibleClassChangeError
                || error instanceof NoClassDefFoundError && String.valueOf(error.getMessage()).startsWith("dev/soma/plugins/")) {
            return thrownBy(kind, name, instance, call, error);
        }
        if (error instanceof NoClassDefFoundError) {
            return new IllegalStateException(describe(kind, name, instance.getClass(), PluginDiscovery.origin(instance))
                    + " needs the class " + String.valueOf(error.getMessage()).replace('/', '.')
                    + ", which is not there: put the jars it depends on next to it, or build it as one jar with them",
                    error);
        }
        throw error;
    }

    /**
     * The plugin {@code instance} (a loss or an optimizer, {@code kind}) threw {@code error} while the engine called
     * {@code call}.
     */
    private static IncompatiblePluginException thrownBy(String kind, String name, Object instance, String call,
                                                LinkageError error) {
        String origin = PluginDiscovery.origin(instance);
        return new IncompatiblePluginException(describe(kind, name, instance.getClass(), origin)
                + " is incompatible with this Soma: " + call + " failed with " + error.getClass().getSimpleName()
                + missingMethod(error) + "; " + versions(instance.getClass()) + ": " + rebuild(), name, origin, error);
    }

    /** The plugin {@code instance} does not implement these methods of the running API. */
    static IncompatiblePluginException missing(String kind, String name, Object instance, List<String> methods) {
        String origin = PluginDiscovery.origin(instance);
        return new IncompatiblePluginException(describe(kind, name, instance.getClass(), origin)
                + " is incompatible with this Soma: it does not implement " + String.join(", ", methods)
                + "; " + versions(instance.getClass()) + ": " + rebuild(), name, origin, null);
    }

    private static String describe(String kind, String name, Class<?> type, String origin) {
        return "the " + kind + " '" + name + "' (" + type.getName() + " from " + origin + ")";
    }

    private static final java.util.regex.Pattern ABSTRACT =
            java.util.regex.Pattern.compile("Method \\S*?\\.(\\w+\\([^)]*\\))\\S* is abstract");

    /** " (missing: 'abstract OptimizerState state()')" from the JVM's message, or "" with no method in it. */
    private static String missingMethod(LinkageError error) {
        Matcher m = QUOTED.matcher(String.valueOf(error.getMessage()));
        String found = null;
        while (m.find()) {
            if (m.group(1).contains("(")) {
                found = m.group(1);
            }
        }
        if (found == null) {
            // With default methods in the interface, HotSpot says "Method a/b/C.state()L...; is abstract" instead.
            Matcher abstractMethod = ABSTRACT.matcher(String.valueOf(error.getMessage()));
            if (abstractMethod.find()) {
                found = abstractMethod.group(1);
            }
        }
        return found == null ? " (" + error.getMessage() + ")" : " (missing method '" + found + "')";
    }

    /** What the plugin's jar says it was built against, and what runs. */
    static String versions(Class<?> type) {
        String builtAgainst = PluginDiscovery.builtAgainst(type);
        return (builtAgainst == null ? "its jar does not record the soma-plugins-api version it was built against"
                : "it was built against soma-plugins-api " + builtAgainst)
                + ", this Soma runs soma-plugins-api " + PluginsApiVersion.current();
    }

    static String rebuild() {
        return "rebuild it against soma-plugins-api " + PluginsApiVersion.current();
    }
}
