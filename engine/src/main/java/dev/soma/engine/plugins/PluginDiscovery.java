package dev.soma.engine.plugins;

import dev.soma.plugins.BasicProvider;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.PluginProvider;
import dev.soma.plugins.PluginsApiVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers with {@link ServiceLoader}. A provider that cannot be loaded (a missing class, a class that is
 * not a provider, an exception in its constructor), was built against an incompatible {@code soma-plugins-api}
 * (the {@value PluginsApiVersion#MANIFEST_ATTRIBUTE} manifest entry of its jar, or a method of the running API it
 * does not implement), has a bad name, or repeats a name already found is skipped with a problem report naming the
 * plugin and its jar — logged as an SLF4J warning and kept for {@link PluginRegistry#problems()} — and the other
 * plugins still work.
 *
 * <p>A jar without the manifest entry is accepted (a debug line is logged): jars built before the entry existed,
 * by another build tool, and class folders have none, and an incompatible plugin among them is still stopped with
 * a clear message — by the check of its methods here and in {@link PluginRegistry}, and at the engine's calls.
 */
final class PluginDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDiscovery.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern PROVIDER_IN_ERROR = Pattern.compile("Provider (\\S+)");
    private static final Pattern NOT_A_SUBTYPE = Pattern.compile("(\\S+) not a subtype");

    /** The providers found, by name, and the problems met. */
    record Found<P>(Map<String, P> byName, List<PluginProblem> problems) {
    }

    private PluginDiscovery() {
    }

    static <P extends PluginProvider<?>> Found<P> find(Class<P> type, ClassLoader loader) {
        Map<String, P> byName = new LinkedHashMap<>();
        List<PluginProblem> problems = new ArrayList<>();
        String kind = type.getSimpleName();
        String plugin = type == LossProvider.class ? "loss" : "optimizer";
        var iterator = ServiceLoader.load(type, loader).iterator();
        // One read of each jar's manifest per discovery: the built-in providers share one large jar, whose
        // central directory costs milliseconds to open, once per provider otherwise.
        Map<String, String> manifests = new java.util.HashMap<>();
        int failuresInARow = 0;
        while (true) {
            P provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
                failuresInARow = 0;
            } catch (ServiceConfigurationError e) {
                String className = providerClass(e);
                String why = className != null && String.valueOf(e.getMessage()).endsWith(" not a subtype")
                        ? notAProvider(type, loader, className) : "could not be loaded and is skipped: " + rootMessage(e);
                problems.add(report(plugin, null, className, kind + " " + (className == null ? "" : className + " ")
                        + "listed in " + listingJar(type, loader, className) + " " + why));
                continue;
            } catch (LinkageError e) {
                // A class that cannot be linked against the running API: ServiceLoader lets these through.
                if (++failuresInARow > 1000) {
                    break;
                }
                problems.add(report(plugin, null, null, kind + " could not be loaded and is skipped: " + e
                        + "; it was built against another soma-plugins-api: " + IncompatiblePluginException.rebuild()));
                continue;
            }
            String className = provider.getClass().getName();
            String from = className + " from " + origin(provider);
            String builtAgainst = builtAgainst(provider.getClass(), manifests);
            if (builtAgainst == null) {
                LOG.debug("{} {} records no {}: accepted", kind, from, PluginsApiVersion.MANIFEST_ATTRIBUTE);
            } else if (!PluginsApiVersion.compatible(builtAgainst, PluginsApiVersion.current())) {
                problems.add(report(plugin, safeName(provider), className, kind + " " + from
                        + " was built against soma-plugins-api " + builtAgainst + ", but this Soma runs soma-plugins-api "
                        + PluginsApiVersion.current() + "; skipped: " + IncompatiblePluginException.rebuild()));
                continue;
            }
            List<String> missing = unimplemented(provider.getClass(), type);
            if (!missing.isEmpty()) {
                problems.add(report(plugin, null, className, kind + " " + from + " does not implement "
                        + String.join(", ", missing) + "; skipped: " + IncompatiblePluginException.versions(provider.getClass())
                        + ": " + IncompatiblePluginException.rebuild()));
                continue;
            }
            String name;
            try {
                name = provider.name();
            } catch (RuntimeException | LinkageError e) {
                problems.add(report(plugin, null, className, kind + " " + from
                        + " failed to say its name and is skipped: " + e));
                continue;
            }
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(report(plugin, null, className, kind + " " + from + " has the name '" + name
                        + "', which is not lower-case letters, digits and '-'; skipped"));
                continue;
            }
            P earlier = byName.putIfAbsent(name, provider);
            if (earlier != null) {
                problems.add(report(plugin, null, className, "two plugins are named '" + name + "': "
                        + earlier.getClass().getName() + " from " + origin(earlier) + " is used, " + from
                        + " is skipped, because the first one found wins (the class path comes before a plugin"
                        + " folder, and a folder's jars are read in the order of their file names)"));
            }
        }
        return new Found<>(byName, Collections.unmodifiableList(problems));
    }

    private static PluginProblem report(String plugin, String name, String className, String problem) {
        LOG.warn("Plugin problem: {}", problem);
        return new PluginProblem(plugin, name, className, problem);
    }

    private static String safeName(PluginProvider<?> provider) {
        try {
            return provider.name();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The jar or folder a provider's class came from. */
    static String origin(Object provider) {
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "an unknown location" : source.getLocation().toString();
    }

    /**
     * The {@value PluginsApiVersion#MANIFEST_ATTRIBUTE} of the jar {@code type} came from, or null when it has
     * none (or is no jar).
     */
    static String builtAgainst(Class<?> type) {
        return builtAgainst(type, new java.util.HashMap<>());
    }

    /**
     * {@link #builtAgainst(Class)}, reading each jar once per discovery through {@code manifests} (location →
     * entry). Not cached across discoveries: a plugin folder's jar may be replaced between two of them.
     */
    private static String builtAgainst(Class<?> type, Map<String, String> manifests) {
        var source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        String version = manifests.computeIfAbsent(source.getLocation().toString(), PluginDiscovery::readManifestEntry);
        return version.isEmpty() ? null : version;
    }

    private static String readManifestEntry(String location) {
        try {
            Path path = Path.of(new URL(location).toURI());
            if (!Files.isRegularFile(path)) {
                return "";
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                var manifest = jar.getManifest();
                String value = manifest == null ? null
                        : manifest.getMainAttributes().getValue(PluginsApiVersion.MANIFEST_ATTRIBUTE);
                return value == null ? "" : value.trim();
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException | UnsupportedOperationException e) {
            LOG.debug("cannot read the manifest of {}: {}", location, e.toString());
            return "";
        }
    }

    /**
     * The abstract methods of {@code api} (and the interfaces it extends) that {@code type} has no implementation
     * of, as {@code "float derivative(float, float)"}: what a class compiled against an older interface lacks.
     */
    static List<String> unimplemented(Class<?> type, Class<?> api) {
        // A class's methods never change: each (class, interface) pair is looked at once, not at every fit.
        return UNIMPLEMENTED.get(type).computeIfAbsent(api, a -> List.copyOf(findUnimplemented(type, a)));
    }

    /** {@link #unimplemented} by class, then by interface. */
    private static final ClassValue<java.util.Map<Class<?>, List<String>>> UNIMPLEMENTED = new ClassValue<>() {
        @Override
        protected java.util.Map<Class<?>, List<String>> computeValue(Class<?> type) {
            return new java.util.concurrent.ConcurrentHashMap<>();
        }
    };

    private static List<String> findUnimplemented(Class<?> type, Class<?> api) {
        List<String> missing = new ArrayList<>();
        Method[] methods = type.getMethods();
        Method[] requiredMethods = api.getMethods();
        // getMethods has no fixed order: sort, so that messages are the same from run to run.
        Arrays.sort(requiredMethods, java.util.Comparator.comparing(Method::getName).thenComparing(Method::toString));
        for (Method required : requiredMethods) {
            if (!Modifier.isAbstract(required.getModifiers()) || Modifier.isStatic(required.getModifiers())) {
                continue;
            }
            boolean implemented = false;
            for (Method m : methods) {
                if (!Modifier.isAbstract(m.getModifiers()) && m.getName().equals(required.getName())
                        && Arrays.equals(m.getParameterTypes(), required.getParameterTypes())
                        && required.getReturnType().isAssignableFrom(m.getReturnType())) {
                    implemented = true;
                    break;
                }
            }
            if (!implemented) {
                missing.add(signature(required));
            }
        }
        return missing;
    }

    private static String signature(Method method) {
        StringBuilder s = new StringBuilder(method.getReturnType().getSimpleName()).append(' ')
                .append(method.getName()).append('(');
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            s.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
        }
        return s.append(')').toString();
    }

    /** Why a class listed in the services file of {@code type} is not one, and what to write instead. */
    private static String notAProvider(Class<?> type, ClassLoader loader, String className) {
        String skipped = "is not " + (type == OptimizerProvider.class ? "an " : "a ") + type.getSimpleName()
                + " and is skipped: ";
        String fix = "add 'implements " + type.getSimpleName() + "' to it, or extend "
                + (type == LossProvider.class ? "BasicLossProvider" : "BasicOptimizerProvider") + " instead";
        Class<?> listed;
        try {
            listed = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return skipped + fix;
        }
        Class<?> other = type == LossProvider.class ? OptimizerProvider.class : LossProvider.class;
        if (other.isAssignableFrom(listed)) {
            return skipped + "it is a " + other.getSimpleName() + "; list it in META-INF/services/" + other.getName()
                    + " instead";
        }
        for (Class<?> c = listed; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(type.getName()) && i != type) {
                    return skipped + "its " + type.getSimpleName() + " is another copy of soma-plugins-api, from "
                            + (i.getProtectionDomain().getCodeSource() == null ? "its own class loader"
                            : i.getProtectionDomain().getCodeSource().getLocation())
                            + "; do not bundle soma-plugins-api into a plugin jar";
                }
            }
        }
        if (BasicProvider.class.isAssignableFrom(listed)) {
            return skipped + "it extends BasicProvider, which by itself is no provider of either kind; " + fix;
        }
        return skipped + "it does not implement " + type.getName() + "; " + fix;
    }

    private static String providerClass(ServiceConfigurationError e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            Matcher m = NOT_A_SUBTYPE.matcher(message);
            if (m.find()) {
                return m.group(1);
            }
            m = PROVIDER_IN_ERROR.matcher(message);
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
