package dev.soma.engine.plugins;

import java.util.Set;
import java.util.TreeSet;

/** A plugin name that no provider has; the message lists the names that are available. */
public final class UnknownPluginException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;
    private final Set<String> available;

    UnknownPluginException(String kind, String name, Set<String> available) {
        super("there is no " + kind + " named '" + name + "'; the available " + plural(kind) + " are "
                + (available.isEmpty() ? "none" : String.join(", ", new TreeSet<>(available)))
                + ". A third-party " + kind + " is found when its jar is on the class path.");
        this.kind = kind;
        this.name = name;
        this.available = Set.copyOf(available);
    }

    private static String plural(String kind) {
        return kind.endsWith("s") ? kind + "es" : kind + "s";
    }

    /** "loss" or "optimizer". */
    public String kind() {
        return kind;
    }

    /** The name asked for. */
    public String name() {
        return name;
    }

    /** The names there are. */
    public Set<String> available() {
        return available;
    }
}
