package dev.soma.engine.plugins;

import static dev.soma.engine.plugins.PluginSources.LOSS_PROVIDER;
import static dev.soma.engine.plugins.PluginSources.OPTIMIZER_PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import dev.soma.plugins.PluginsApiVersion;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins built against another soma-plugins-api, with jars built in the test: each is refused, or stopped at the
 * engine's call, with one clear message naming the plugin, its jar and the version to rebuild against.
 */
class PluginCompatibilityTest {

    @TempDir
    Path folder;
    @TempDir
    Path work;

    private int builds;

    private Path jar(String name, PluginJars jar) throws IOException {
        return jar.writeTo(folder.resolve(name), Files.createDirectories(work.resolve("build" + builds++)));
    }

    private static String rebuild() {
        return "rebuild it against soma-plugins-api " + PluginsApiVersion.current();
    }

    private static Dataset line() {
        float[][] rows = new float[40][];
        float[] y = new float[40];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[] {i / 10f};
            y[i] = 2 * rows[i][0] + 1;
        }
        return Dataset.fromRows(rows, y);
    }

    @Test
    void theRunningApiKnowsItsVersion() {
        assertTrue(PluginsApiVersion.current().matches("\\d+\\.\\d+.*"), PluginsApiVersion.current());
    }

    @Test
    void anOptimizerWithoutStateIsRefusedWhenMadeNamingTheMissingMethods() throws IOException {
        Path jar = jar("old.jar", new PluginJars().source(PluginSources.OLD_OPTIMIZER_API).source(PluginSources.OLD_SGD)
                .source(PluginSources.OLD_SGD_PROVIDER).service(OPTIMIZER_PROVIDER, "com.example.old.OldSgdProvider"));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            assertEquals(java.util.List.of(), registry.problems(), "the provider itself is fine");
            IncompatiblePluginException e = assertThrows(IncompatiblePluginException.class,
                    () -> LinearRegression.trainer().plugins(registry).optimizer("old").fit(line()));
            String m = e.getMessage();
            assertTrue(m.startsWith("the optimizer 'old' (com.example.old.OldSgd from "), m);
            assertTrue(m.contains(jar.toString()), m);
            assertTrue(m.contains("does not implement void restore(OptimizerState), OptimizerState state()"), m);
            assertTrue(m.contains("its jar does not record the soma-plugins-api version"), m);
            assertTrue(m.endsWith(rebuild()), m);
            assertFalse(m.contains("\n"), "one line");
        }
    }

    @Test
    void anOldOptimizerCalledAnywayFailsAtTheBoundaryNotWithAnAbstractMethodError() throws Exception {
        Path jar = jar("old.jar", new PluginJars().source(PluginSources.OLD_OPTIMIZER_API).source(PluginSources.OLD_SGD)
                .builtAgainst(PluginsApiVersion.current()));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Optimizer old = (Optimizer) loader.loadClass("com.example.old.OldSgd").getConstructor().newInstance();
            Optimizer guarded = PluginBoundary.guard(old);
            guarded.initialise(3, null);
            assertEquals(0, guarded.steps(), "the methods it has work");
            IncompatiblePluginException e = assertThrows(IncompatiblePluginException.class, guarded::state);
            String m = e.getMessage();
            assertTrue(m.startsWith("the optimizer 'old' (com.example.old.OldSgd from file:" + jar), m);
            assertTrue(m.contains("state() failed with AbstractMethodError (missing method '"), m);
            assertTrue(m.contains("state()'"), m);
            assertTrue(m.contains("it was built against soma-plugins-api " + PluginsApiVersion.current()), m);
            assertTrue(m.endsWith(rebuild()), m);
            assertInstanceOf(AbstractMethodError.class, e.getCause());
            assertThrows(AbstractMethodError.class, old::state, "unguarded, the JVM's error comes through");
        }
    }

    @Test
    void aLossWhoseDerivativeReturnsDoubleIsRefusedClearly() throws IOException {
        jar("oldsquare.jar", new PluginJars().source(PluginSources.OLD_LOSS_API).source(PluginSources.OLD_SQUARE)
                .source(PluginSources.OLD_SQUARE_PROVIDER).service(LOSS_PROVIDER, "com.example.old.OldSquareProvider"));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            IncompatiblePluginException e = assertThrows(IncompatiblePluginException.class,
                    () -> LinearRegression.trainer().plugins(registry).loss("oldsquare", Options.empty()).fit(line()));
            String m = e.getMessage();
            assertTrue(m.startsWith("the loss 'oldsquare' (com.example.old.OldSquare from "), m);
            assertTrue(m.contains("oldsquare.jar"), m);
            assertTrue(m.contains("does not implement float derivative(float, float)"), m);
            assertTrue(m.endsWith(rebuild()), m);
        }
    }

    @Test
    void aPluginCallingAMethodTheRunningApiLacksFailsAtTheStep() throws IOException {
        jar("fancy.jar", new PluginJars().source(PluginSources.NEWER_VECTOR_OPS_API).source(PluginSources.FANCY_SGD)
                .source(PluginSources.FANCY_SGD_PROVIDER).service(OPTIMIZER_PROVIDER, "com.example.fancy.FancySgdProvider"));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            IncompatiblePluginException e = assertThrows(IncompatiblePluginException.class,
                    () -> LinearRegression.trainer().plugins(registry).optimizer("fancy").fit(line()));
            String m = e.getMessage();
            assertTrue(m.startsWith("the optimizer 'fancy' (com.example.fancy.FancySgd from "), m);
            assertTrue(m.contains("step(...) failed with NoSuchMethodError"), m);
            assertTrue(m.contains("fancy(float[])"), m);
            assertTrue(m.endsWith(rebuild()), m);
            assertInstanceOf(NoSuchMethodError.class, e.getCause());
        }
    }

    @Test
    void aJarBuiltAgainstAnIncompatibleVersionIsSkippedAndNamedWhenAskedFor() throws IOException {
        Path jar = jar("ancient.jar", new PluginJars().source(PluginSources.FANCY_SGD).source(PluginSources.FANCY_SGD_PROVIDER)
                .source(PluginSources.NEWER_VECTOR_OPS_API)
                .service(OPTIMIZER_PROVIDER, "com.example.fancy.FancySgdProvider").builtAgainst("0.0.3"));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            assertFalse(registry.optimizerProviders().containsKey("fancy"));
            assertEquals(1, registry.problems().size(), registry.problems().toString());
            String problem = registry.problems().getFirst();
            assertTrue(problem.contains(jar.toString()), problem);
            assertTrue(problem.contains("built against soma-plugins-api 0.0.3, but this Soma runs soma-plugins-api "
                    + PluginsApiVersion.current()), problem);
            assertTrue(problem.endsWith(rebuild()), problem);
            UnknownPluginException e = assertThrows(UnknownPluginException.class,
                    () -> registry.optimizer("fancy", Options.empty()));
            assertTrue(e.getMessage().startsWith("the optimizer 'fancy' failed to load: " + problem), e.getMessage());
        }
    }

    @Test
    void aJarBuiltAgainstTheRunningVersionLoads() throws IOException {
        jar("current.jar", new PluginJars().source(PluginSources.namedOnly("com.example.ok", "OkProvider", "ok"))
                .service(OPTIMIZER_PROVIDER, "com.example.ok.OkProvider").builtAgainst(PluginsApiVersion.current()));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            assertEquals(java.util.List.of(), registry.problems());
            assertTrue(registry.optimizerProviders().containsKey("ok"));
        }
    }

    @Test
    void basicProviderWithoutItsInterfaceIsExplained() throws IOException {
        Path jar = jar("wrong.jar", new PluginJars().source("""
                package com.example.wrong;
                import dev.soma.plugins.*;
                import java.util.List;
                public final class WrongProvider extends BasicProvider<Optimizer> {
                    public WrongProvider() { super("wrong", "forgot its interface", List.of(), o -> null); }
                }
                """).service(OPTIMIZER_PROVIDER, "com.example.wrong.WrongProvider"));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            assertEquals(1, registry.problems().size(), registry.problems().toString());
            String problem = registry.problems().getFirst();
            assertTrue(problem.startsWith("OptimizerProvider com.example.wrong.WrongProvider listed in "), problem);
            assertTrue(problem.contains(jar.toString()), problem);
            assertTrue(problem.contains("is not an OptimizerProvider and is skipped: it extends BasicProvider"), problem);
            assertTrue(problem.endsWith("add 'implements OptimizerProvider' to it, or extend BasicOptimizerProvider instead"),
                    problem);
            UnknownPluginException e = assertThrows(UnknownPluginException.class,
                    () -> registry.optimizer("wrong", Options.empty()));
            assertTrue(e.getMessage().startsWith("the optimizer 'wrong' failed to load: " + problem), e.getMessage());
        }
    }

    @Test
    void aLossListedAsAnOptimizerIsExplained() throws IOException {
        jar("misfiled.jar", new PluginJars().source(PluginSources.provider("com.example.misfiled", "MisfiledProvider",
                "Loss", "misfiled", "null")).service(OPTIMIZER_PROVIDER, "com.example.misfiled.MisfiledProvider"));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            String problem = String.join("\n", registry.problems());
            assertTrue(problem.contains("it is a LossProvider; list it in META-INF/services/dev.soma.plugins.LossProvider"
                    + " instead"), problem);
        }
    }

    @Test
    void theBasicOptimizerProviderIsFound() throws IOException {
        jar("right.jar", new PluginJars().source("""
                package com.example.right;
                import dev.soma.plugins.*;
                import java.util.List;
                public final class RightProvider extends BasicOptimizerProvider {
                    public RightProvider() { super("right", "extends the right base", List.of(), o -> null); }
                }
                """).service(OPTIMIZER_PROVIDER, "com.example.right.RightProvider"));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            assertEquals(java.util.List.of(), registry.problems());
            assertTrue(registry.optimizerProviders().containsKey("right"));
        }
    }

    @Test
    void twoJarsWithOneNameKeepTheFirstInFileNameOrderAndSayWhy() throws IOException {
        Path first = jar("a-first.jar", new PluginJars().source(PluginSources.namedOnly("com.example.a", "DupProvider", "dup"))
                .service(OPTIMIZER_PROVIDER, "com.example.a.DupProvider"));
        Path second = jar("b-second.jar", new PluginJars().source(PluginSources.namedOnly("com.example.b", "DupProvider", "dup"))
                .service(OPTIMIZER_PROVIDER, "com.example.b.DupProvider"));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            assertEquals("com.example.a.DupProvider", registry.optimizerProviders().get("dup").getClass().getName());
            assertEquals(1, registry.problems().size(), registry.problems().toString());
            String problem = registry.problems().getFirst();
            assertTrue(problem.startsWith("two plugins are named 'dup': com.example.a.DupProvider from file:" + first
                    + " is used, com.example.b.DupProvider from file:" + second + " is skipped, because the first one"
                    + " found wins"), problem);
            assertTrue(problem.contains("a folder's jars are read in the order of their file names"), problem);
        }
    }

    @Test
    void askingForAPluginWhoseConstructorThrewSaysItFailedAndWhy() throws IOException {
        jar("boom.jar", new PluginJars().source("""
                package com.example.boom;
                import dev.soma.plugins.*;
                import java.util.List;
                public final class BoomProvider extends BasicOptimizerProvider {
                    public BoomProvider() {
                        super("boom", "", List.of(), o -> null);
                        throw new IllegalStateException("no licence key");
                    }
                }
                """).service(OPTIMIZER_PROVIDER, "com.example.boom.BoomProvider"));
        try (PluginRegistry registry = PluginRegistry.discover(folder)) {
            UnknownPluginException e = assertThrows(UnknownPluginException.class,
                    () -> registry.optimizer("boom", Options.empty()));
            String m = e.getMessage();
            assertTrue(m.startsWith("the optimizer 'boom' failed to load: OptimizerProvider com.example.boom.BoomProvider"
                    + " listed in "), m);
            assertTrue(m.contains("boom.jar"), m);
            assertTrue(m.contains("no licence key"), m);
            assertFalse(m.contains("there is no optimizer"), m);

            UnknownPluginException other = assertThrows(UnknownPluginException.class,
                    () -> registry.optimizer("zoom", Options.empty()));
            assertTrue(other.getMessage().startsWith("there is no optimizer named 'zoom'"), other.getMessage());
            assertTrue(other.getMessage().contains("1 optimizer failed to load, and may be the one: "), other.getMessage());
            assertTrue(other.getMessage().contains("no licence key"), other.getMessage());
        }
    }
}
