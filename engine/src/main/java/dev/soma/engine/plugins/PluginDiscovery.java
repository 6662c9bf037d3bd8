package dev.soma.engine.plugins;

import dev.soma.plugins.PluginProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers with {@link ServiceLoader}. A provider that cannot be loaded (a missing class, an exception in
 * its constructor), has a bad name, or repeats a name already found is skipped with a problem report naming the
 * plugin and its jar — logged as a warning and kept for {@link PluginRegistry#problems()} — and the other
 * plugins still work.
 */
final class PluginDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDiscovery.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern PROVIDER_IN_ERROR = Pattern.compile("Provider (\\S+)");

    /** The providers found, by name, and the problems met. */
    record Found<P>(Map<String, P> byName, List<String> problems) {
    }

    private PluginDiscovery() {
    }

    static <P extends PluginProvider<?>> Found<P> find(Class<P> type, ClassLoader loader) {
        Map<String, P> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String kind = type.getSimpleName();
        var iterator = ServiceLoader.load(type, loader).iterator();
        while (true) {
            P provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError e) {
                String className = providerClass(e);
                problems.add(report(kind + " " + (className == null ? "" : className + " ") + "listed in "
                        + listingJar(type, loader, className) + " could not be loaded and is skipped: "
                        + rootMessage(e)));
                continue;
            }
            String name;
            try {
                name = provider.name();
            } catch (RuntimeException e) {
                problems.add(report(kind + " " + provider.getClass().getName() + " from " + origin(provider)
                        + " failed to say its name and is skipped: " + e));
                continue;
            }
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(report(kind + " " + provider.getClass().getName() + " from " + origin(provider)
                        + " has the name '" + name + "', which is not lower-case letters, digits and '-'; skipped"));
                continue;
            }
            P earlier = byName.putIfAbsent(name, provider);
            if (earlier != null) {
                problems.add(report("two plugins are named '" + name + "': " + earlier.getClass().getName() + " from "
                        + origin(earlier) + " is used, " + provider.getClass().getName() + " from " + origin(provider)
                        + " is skipped"));
            }
        }
        return new Found<>(byName, Collections.unmodifiableList(problems));
    }

    private static String report(String problem) {
        LOG.warn("Plugin problem: {}", problem);
        return problem;
    }

    /** The jar or folder a provider's class came from. */
    static String origin(Object provider) {
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "an unknown location" : source.getLocation().toString();
    }

    private static String providerClass(ServiceConfigurationError e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = PROVIDER_IN_ERROR.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    /** The services file (and so the jar) that lists {@code className}, for messages. */
    private static String listingJar(Class<?> type, ClassLoader loader, String className) {
        if (className == null) {
            return "a services file";
        }
        try {
            var resources = loader.getResources("META-INF/services/" + type.getName());
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    if (reader.lines().map(l -> l.replaceAll("#.*", "").trim()).anyMatch(className::equals)) {
                        return url.toString().replaceFirst("!/META-INF/services/.*$", "").replaceFirst("^jar:", "");
                    }
                }
            }
        } catch (IOException e) {
            return "a services file (" + e.getMessage() + ")";
        }
        return "a services file";
    }
}
