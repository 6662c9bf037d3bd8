package dev.soma.engine.plugins;

import java.util.Locale;

/**
 * One plugin that discovery skipped: its kind ("optimizer" or "loss"), its name when it could say it, its class
 * when known, and the one-line message {@link PluginRegistry#problems()} shows.
 */
record PluginProblem(String kind, String name, String className, String message) {

    /** A problem known only by its message (a registry assembled elsewhere passes strings). */
    static PluginProblem of(String message) {
        return new PluginProblem(null, null, null, message);
    }

    /**
     * Whether this is probably the plugin asked for as {@code wanted}: it said that name, or its class is named
     * after it ({@code LionProvider} for "lion").
     */
    boolean concerns(String kindWanted, String wanted) {
        if (kind != null && !kind.equals(kindWanted)) {
            return false;
        }
        if (wanted.equals(name)) {
            return true;
        }
        if (className == null) {
            return false;
        }
        String simple = className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1)
                .toLowerCase(Locale.ROOT);
        if (simple.endsWith("provider")) {
            simple = simple.substring(0, simple.length() - "provider".length());
        }
        return !simple.isEmpty() && simple.equals(wanted.replace("-", ""));
    }

    /** Whether the problem is about a plugin of this kind, or of an unknown kind. */
    boolean mayBe(String kindWanted) {
        return kind == null || kind.equals(kindWanted);
    }
}
