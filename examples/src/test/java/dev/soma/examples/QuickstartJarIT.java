package dev.soma.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the built jar in a JVM of its own, exactly as the README tells a user to: with the Vector API module it
 * must report vector kernels and print nothing on stderr but the JVM's incubator notice; without the module it
 * must fall back to the scalar kernels and still reach the accuracy.
 */
class QuickstartJarIT {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result runJar(String... jvmOptions) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("soma.jar", "target/soma.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar.toAbsolutePath());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString(), "quickstart"));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        // Read both streams fully before waiting, so neither pipe can fill and block the child.
        var err = process.errorReader(StandardCharsets.UTF_8);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errText = err.lines().reduce("", (a, b) -> a + b + "\n");
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the quickstart did not finish");
        return new Result(process.exitValue(), out, errText);
    }

    @Test
    void withTheModuleItRunsOnVectorKernels() throws Exception {
        Result r = runJar("--add-modules", "jdk.incubator.vector");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("WARNING: Using incubator modules: jdk.incubator.vector\n", r.err(),
                "stderr holds only the JVM's incubator notice");
        assertTrue(r.out().lines().anyMatch(l -> l.matches("kernels: vector, \\d+ lanes")), r.out());
        assertTrue(QuickstartCommandTest.number(r.out(), "test accuracy") >= 0.95, r.out());
    }

    @Test
    void withoutTheModuleItFallsBackToScalarKernels() throws Exception {
        Result r = runJar();
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("kernels: scalar")), r.out());
        assertTrue(r.out().contains("--add-modules jdk.incubator.vector"), "the fallback says how to get vectors");
        assertTrue(QuickstartCommandTest.number(r.out(), "test accuracy") >= 0.95, r.out());
    }
}
