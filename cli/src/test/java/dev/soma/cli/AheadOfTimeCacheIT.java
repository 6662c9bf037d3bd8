package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build trains an ahead-of-time cache for the jar (cli/pom.xml) and {@code ./soma} uses it: {@code ./soma} must
 * pass a cache that fits the jar just built (the JVM refuses to start with {@code -XX:AOTMode=on} otherwise), and a
 * cache that does not fit
 * — here, the same jar copied elsewhere — must be ignored without a word, as {@code ./soma} runs it.
 */
class AheadOfTimeCacheIT {

    private static final Path CACHE = Path.of("cli/target/soma.aot");
    private static final String INCUBATOR = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    @Test
    void theSomaScriptRunsWithTheCacheTheBuildMade() throws Exception {
        assertTrue(Files.isRegularFile(CACHE), "./mvnw package makes " + CACHE.toAbsolutePath());
        // -XX:AOTMode=on makes the JVM refuse to start on a cache that does not fit this jar and this JDK, and the AOT
        // log, turned back on, says whether ./soma passed one at all.
        ProcessBuilder script = new ProcessBuilder("bash", "soma", "--version");
        script.environment().put("SOMA_JAVA_OPTS", "-XX:AOTMode=on -Xlog:aot=info");
        script.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = script.redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, java.util.concurrent.TimeUnit.MINUTES), "./soma did not finish");
        assertEquals(0, process.exitValue(), "./soma did not start on the build's cache:\n" + output);
        assertTrue(output.contains("Opened AOT cache " + CACHE.toAbsolutePath()), "./soma passed no cache:\n" + output);
        assertTrue(output.contains("soma "), output);
    }

    @Test
    void aCacheThatDoesNotFitIsIgnoredSilently(@TempDir Path folder) throws Exception {
        Path copy = folder.resolve("soma.jar");
        Files.copy(Path.of("cli/target/soma.jar"), copy, StandardCopyOption.COPY_ATTRIBUTES);
        JarRunner.Result r;
        String previous = System.getProperty("soma.jar");
        System.setProperty("soma.jar", copy.toString());
        try {
            // The options ./soma passes with the cache.
            r = JarRunner.run(List.of("-XX:AOTCache=" + CACHE.toAbsolutePath(), "-Xlog:aot=off", "-Xlog:cds=off",
                    "--add-modules", "jdk.incubator.vector"), "--version");
        } finally {
            if (previous == null) {
                System.clearProperty("soma.jar");
            } else {
                System.setProperty("soma.jar", previous);
            }
        }
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(INCUBATOR, r.err(), "stderr holds only the JVM's incubator notice");
        assertFalse(r.out().contains("aot"), r.out());
        assertTrue(r.out().startsWith("soma "), r.out());
    }
}
