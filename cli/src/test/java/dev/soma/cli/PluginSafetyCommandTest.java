package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.PluginsApiVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line's side of plugin safety: an incompatible plugin jar (built in the test against an older
 * Optimizer interface) and a loss that does not suit the model are one line on stderr and exit 1; an unknown name
 * points at --plugin-dir; --loss-option reaches the loss.
 */
class PluginSafetyCommandTest {

    private static final String DATA = "datasets/breast_cancer/train.csv";

    @TempDir
    Path folder;
    @TempDir
    Path work;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SomaCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static void assertOneLineError(Run run, String... parts) {
        assertEquals(1, run.status(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith("soma train: "), run.err());
        for (String part : parts) {
            assertTrue(run.err().contains(part), "'" + part + "' in: " + run.err());
        }
    }

    /** A plugin jar with an optimizer compiled against the Optimizer interface before state() and restore(). */
    private Path oldOptimizerJar() throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Files.createDirectories(src.resolve("dev/soma/plugins"));
        Files.writeString(src.resolve("dev/soma/plugins/Optimizer.java"), """
                package dev.soma.plugins;
                public interface Optimizer {
                    int FULL_BATCH = Integer.MAX_VALUE;
                    String name();
                    int batchSize();
                    void initialise(int parameterCount, VectorOps ops);
                    void step(float[] parameters, float[] gradient, StepContext context);
                    void reset();
                    Optimizer copy();
                    double learningRate();
                    long steps();
                }
                """);
        Files.createDirectories(src.resolve("com/example/old"));
        Files.writeString(src.resolve("com/example/old/OldSgd.java"), """
                package com.example.old;
                import dev.soma.plugins.*;
                public final class OldSgd implements Optimizer {
                    private long steps;
                    public String name() { return "old"; }
                    public int batchSize() { return FULL_BATCH; }
                    public void initialise(int parameterCount, VectorOps ops) { steps = 0; }
                    public void step(float[] p, float[] g, StepContext c) { for (int i = 0; i < p.length; i++) p[i] -= 0.1f * g[i]; steps++; }
                    public void reset() { steps = 0; }
                    public Optimizer copy() { return new OldSgd(); }
                    public double learningRate() { return 0.1; }
                    public long steps() { return steps; }
                }
                """);
        Files.writeString(src.resolve("com/example/old/OldSgdProvider.java"), """
                package com.example.old;
                import dev.soma.plugins.*;
                import java.util.List;
                public final class OldSgdProvider implements OptimizerProvider {
                    public String name() { return "old"; }
                    public String description() { return "built against an older API"; }
                    public List<Option<?>> options() { return List.of(); }
                    public Optimizer create(Options options) { return new OldSgd(); }
                }
                """);
        String api;
        try {
            api = Path.of(Optimizer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", api, "-proc:none", "-nowarn"));
        try (var files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new)),
                () -> errors.toString(StandardCharsets.UTF_8));
        Path jar = folder.resolve("old-plugin.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String c : List.of("com/example/old/OldSgd.class", "com/example/old/OldSgdProvider.class")) {
                out.putNextEntry(new JarEntry(c));
                out.write(Files.readAllBytes(classes.resolve(c)));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.soma.plugins.OptimizerProvider"));
            out.write("com.example.old.OldSgdProvider\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void anOptimizerBuiltAgainstAnOlderApiIsOneLine() throws IOException {
        Path jar = oldOptimizerJar();
        Run run = run("train", "--plugin-dir", folder.toString(), "--optimizer", "old", "--data", DATA, "--epochs", "3");
        assertOneLineError(run, "the optimizer 'old' (com.example.old.OldSgd from file:" + jar,
                "does not implement void restore(OptimizerState), OptimizerState state()",
                "rebuild it against soma-plugins-api " + PluginsApiVersion.current());
    }

    @Test
    void aRegressionLossOnAClassifierIsRefused() {
        assertOneLineError(run("train", "--model", "logistic", "--loss", "mse", "--data", DATA),
                "the 'mse' loss is a regression loss and cannot train logistic regression, a classifier");
        assertOneLineError(run("train", "--model", "linear", "--loss", "log", "--data", DATA),
                "the 'log' loss is a classification loss and cannot train linear regression");
    }

    @Test
    void anUnknownPluginPointsAtThePluginFolder() {
        assertOneLineError(run("train", "--optimizer", "nope", "--data", DATA),
                "there is no optimizer named 'nope'", "--plugin-dir DIR");
    }

    @Test
    void lossOptionsReachTheLoss() {
        assertOneLineError(run("train", "--model", "linear", "--loss", "huber", "--loss-option", "delta=-1", "--data", DATA),
                "delta");
        assertOneLineError(run("train", "--model", "linear", "--loss", "huber", "--loss-option", "width=1", "--data", DATA),
                "width");
        assertOneLineError(run("train", "--model", "linear", "--loss-option", "delta=2", "--data", DATA),
                "--loss-option needs --loss");
        Run two = run("train", "--model", "linear", "--loss", "huber", "--loss-option", "delta=2", "--data", DATA,
                "--epochs", "20", "--json");
        Run tiny = run("train", "--model", "linear", "--loss", "huber", "--loss-option", "delta=0.01", "--data", DATA,
                "--epochs", "20", "--json");
        assertEquals(0, two.status(), two.err());
        assertEquals(0, tiny.status(), tiny.err());
        assertTrue(two.out().contains("\"loss\" : \"huber\""), two.out());
        assertNotEquals(metrics(two.out()), metrics(tiny.out()), "delta changes the fit, so it reached Huber");
    }

    /** The training metrics of a --json result. */
    private static String metrics(String json) {
        int train = json.indexOf("\"train\"");
        return json.substring(train, json.indexOf('}', train));
    }
}
