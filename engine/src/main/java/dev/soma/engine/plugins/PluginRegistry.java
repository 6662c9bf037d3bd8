package dev.soma.engine.plugins;

import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import dev.soma.plugins.PluginProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The loss and optimizer providers by name, and the one place plugins are made: it checks the options against
 * what the provider declares, and an unknown name fails with the list of available ones.
 *
 * <p>Get one from {@link #discover()} (ServiceLoader), from an injector built with the {@code soma-guice} module's
 * {@code SomaModule}, or from maps of your own ({@link #of}).
 */
public final class PluginRegistry implements AutoCloseable {

    private final Map<String, LossProvider> losses;
    private final Map<String, OptimizerProvider> optimizers;
    private final List<PluginProblem> problems;
    /** The class loader of a plugin folder's jars, which this registry opened and {@link #close()} closes; or null. */
    private final URLClassLoader folderLoader;

    /** A registry of exactly these providers, keyed by name. */
    public PluginRegistry(Map<String, LossProvider> losses, Map<String, OptimizerProvider> optimizers) {
        this(losses, optimizers, List.of());
    }

    /**
     * A registry of these providers, keyed by name, that also reports {@code problems}: the plugins that were
     * found but could not be loaded (as {@link #problems()} says), so that a registry assembled elsewhere — by a
     * dependency-injection container, say — keeps them.
     */
    public static PluginRegistry of(Map<String, LossProvider> losses, Map<String, OptimizerProvider> optimizers,
                                    List<String> problems) {
        return new PluginRegistry(losses, optimizers, problems);
    }

    private PluginRegistry(Map<String, LossProvider> losses, Map<String, OptimizerProvider> optimizers,
                           List<String> problems) {
        this(losses, optimizers, problems.stream().map(PluginProblem::of).toList(), null);
    }

    private PluginRegistry(Map<String, LossProvider> losses, Map<String, OptimizerProvider> optimizers,
                           List<PluginProblem> problems, URLClassLoader folderLoader) {
        this.folderLoader = folderLoader;
        this.losses = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(losses, "losses")));
        this.optimizers = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(optimizers, "optimizers")));
        this.problems = List.copyOf(problems);
    }

    /** The providers listed in {@code META-INF/services} on the thread's context class path. */
    public static PluginRegistry discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : PluginRegistry.class.getClassLoader());
    }

    /** The last {@link #shared()} registry and the class loader it was discovered from. */
    private static final class Shared {
        private static java.lang.ref.WeakReference<ClassLoader> loader = new java.lang.ref.WeakReference<>(null);
        private static PluginRegistry registry;
    }

    /**
     * The registry a {@code Trainer} uses when none is given: {@link #discover()}, done once and kept while the
     * thread's context class loader stays the same (discovery opens jars and loads every provider: tens of
     * milliseconds, more than a small fit takes). A different context class loader — another web application,
     * a test that installs plugins — is discovered afresh and replaces the kept one; so is the first call after
     * {@link #forgetShared()}. Thread-safe.
     */
    public static PluginRegistry shared() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : PluginRegistry.class.getClassLoader();
        synchronized (Shared.class) {
            if (Shared.registry == null || Shared.loader.get() != loader) {
                Shared.registry = discover(loader);
                Shared.loader = new java.lang.ref.WeakReference<>(loader);
            }
            return Shared.registry;
        }
    }

    /** Drops the registry {@link #shared()} keeps: the next call discovers again (after adding jars to a loader). */
    public static void forgetShared() {
        synchronized (Shared.class) {
            Shared.registry = null;
            Shared.loader = new java.lang.ref.WeakReference<>(null);
        }
    }

    /** The providers listed in {@code META-INF/services} visible from {@code loader}. */
    public static PluginRegistry discover(ClassLoader loader) {
        var losses = PluginDiscovery.find(LossProvider.class, loader);
        var optimizers = PluginDiscovery.find(OptimizerProvider.class, loader);
        List<PluginProblem> problems = new ArrayList<>(losses.problems());
        problems.addAll(optimizers.problems());
        return new PluginRegistry(losses.byName(), optimizers.byName(), problems, null);
    }

    /**
     * The providers on the class path plus those in the jars of {@code directory} (a plugin folder: drop a plugin's
     * jar in, no rebuild of Soma needed). The jars get a class loader of their own whose parent is Soma's, so they
     * see {@code soma-plugins-api}; {@link #close()} closes it.
     *
     * @throws IOException if the folder cannot be listed
     * @throws IllegalArgumentException if it is not a folder
     */
    public static PluginRegistry discover(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("the plugin folder " + directory + " does not exist or is not a folder");
        }
        List<URL> jars = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        URLClassLoader loader = new URLClassLoader("soma-plugins", jars.toArray(URL[]::new),
                parent != null ? parent : PluginRegistry.class.getClassLoader());
        PluginRegistry found = discover(loader);
        return new PluginRegistry(found.losses, found.optimizers, found.problems, loader);
    }

    /**
     * Closes the plugin folder's jars, for a registry from {@link #discover(Path)} (for any other, nothing to
     * do). Plugins already created keep working as long as they need no class they have not loaded yet, so close
     * the registry once training is over.
     */
    @Override
    public void close() throws IOException {
        if (folderLoader != null) {
            folderLoader.close();
        }
    }

    /**
     * What went wrong while discovering plugins: each names the plugin and its jar. Those plugins were skipped;
     * the others work. Each problem is also logged as an SLF4J warning when it is found.
     */
    public List<String> problems() {
        return problems.stream().map(PluginProblem::message).toList();
    }

    /** The jar or folder a provider was loaded from. */
    public static String origin(Object provider) {
        return PluginDiscovery.origin(provider);
    }

    /**
     * A new loss by name.
     *
     * @throws UnknownPluginException      if no loss has that name (the message says whether one failed to load)
     * @throws IncompatiblePluginException if the loss was built against an incompatible {@code soma-plugins-api}
     */
    public Loss loss(String name, Options options) {
        return create("loss", Loss.class, losses, name, options);
    }

    /**
     * A new optimizer by name.
     *
     * @throws UnknownPluginException      if no optimizer has that name (the message says whether one failed to load)
     * @throws IncompatiblePluginException if the optimizer was built against an incompatible {@code soma-plugins-api}
     */
    public Optimizer optimizer(String name, Options options) {
        return create("optimizer", Optimizer.class, optimizers, name, options);
    }

    /** The loss providers by name, sorted. */
    public Map<String, LossProvider> lossProviders() {
        return losses;
    }

    /** The optimizer providers by name, sorted. */
    public Map<String, OptimizerProvider> optimizerProviders() {
        return optimizers;
    }

    private <T> T create(String kind, Class<T> api, Map<String, ? extends PluginProvider<T>> providers, String name,
                         Options options) {
        Objects.requireNonNull(name, () -> kind + " name");
        PluginProvider<T> provider = providers.get(name);
        if (provider == null) {
            throw new UnknownPluginException(kind, name, providers.keySet(),
                    problems.stream().filter(p -> p.mayBe(kind)).toList());
        }
        try {
            options.validateAgainst(name, provider.options());
        } catch (LinkageError e) {
            throw IncompatiblePluginException.translate(kind, name, provider, "reading its options", e);
        }
        T made;
        try {
            made = provider.create(options);
        } catch (LinkageError e) {
            throw IncompatiblePluginException.translate(kind, name, provider, "creating it", e);
        } catch (RuntimeException e) {
            throw failedToCreate(kind, name, provider, e);
        }
        Objects.requireNonNull(made, () -> "the " + kind + " provider '" + name + "' ("
                + provider.getClass().getName() + " from " + PluginDiscovery.origin(provider) + ") made null");
        List<String> missing = PluginDiscovery.unimplemented(made.getClass(), api);
        if (!missing.isEmpty()) {
            throw IncompatiblePluginException.missing(kind, name, made, missing);
        }
        return made;
    }

    private static IllegalStateException failedToCreate(String kind, String name, Object provider, RuntimeException e) {
        return new IllegalStateException("the " + kind + " '" + name + "' (" + provider.getClass().getName()
                + " from " + PluginDiscovery.origin(provider) + ") failed to create: " + e, e);
    }
}
