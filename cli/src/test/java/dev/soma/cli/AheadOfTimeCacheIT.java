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
 * The build trains an ahead-of-time cache for the jar (cli/pom.xml) and {@code ./soma} uses it: the cache must fit
 * the jar just built (the JVM refuses to start with {@code -XX:AOTMode=on} otherwise), and a cache that does not fit
 * — here, the same jar copied elsewhere — must be ignored without a word, as {@code ./soma} runs it.
 */
class AheadOfTimeCacheIT {

    private static final Path CACHE = Path.of("cli/target/soma.aot");
    private static final String INCUBATOR = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    @Test
    void theBuildMadeACacheThatFitsTheJar() throws Exception {
        assertTrue(Files.isRegularFile(CACHE), "./mvnw package makes " + CACHE.toAbsolutePath());
        JarRunner.Result r = JarRunner.run(List.of("-XX:AOTCache=" + CACHE, "-XX:AOTMode=on", "--add-modules",
                "jdk.incubator.vector"), "--version");
        assertEquals(0, r.exitCode(), "the JVM could not use the cache:\n" + r.out() + r.err());
        assertTrue(r.out().startsWith("soma "), r.out());
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
