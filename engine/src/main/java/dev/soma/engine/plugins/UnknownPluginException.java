package dev.soma.engine.plugins;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plugin name that no provider has. The message lists the names that are available and, when plugins of this
 * kind failed to load, says so: that the one asked for failed and why, when it can tell which it was, or else which
 * ones failed.
 */
public final class UnknownPluginException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;
    private final Set<String> available;
    private final List<String> problems;

    UnknownPluginException(String kind, String name, Set<String> available, List<PluginProblem> problems) {
        super(message(kind, name, available, problems));
        this.kind = kind;
        this.name = name;
        this.available = Set.copyOf(available);
        this.problems = problems.stream().map(PluginProblem::message).toList();
    }

    private static String message(String kind, String name, Set<String> available, List<PluginProblem> problems) {
        String list = "the available " + plural(kind) + " are "
                + (available.isEmpty() ? "none" : String.join(", ", new TreeSet<>(available))) + ".";
        List<String> about = problems.stream().filter(p -> p.concerns(kind, name)).map(PluginProblem::message).toList();
        if (!about.isEmpty()) {
            return "the " + kind + " '" + name + "' failed to load: " + String.join("; ", about) + ". Besides, " + list;
        }
        String message = "there is no " + kind + " named '" + name + "'; " + list;
        if (!problems.isEmpty()) {
            return message + " " + problems.size() + " " + (problems.size() == 1 ? kind : plural(kind))
                    + " failed to load, and may be the one: "
                    + String.join("; ", problems.stream().map(PluginProblem::message).toList());
        }
        return message + " A third-party " + kind + " is found when its jar is on the class path or in a plugin folder.";
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

    /** The problems of the plugins of this kind that failed to load, as {@link PluginRegistry#problems()} words them. */
    public List<String> problems() {
        return problems;
    }
}
