package com.example.lion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin template builds where an author would copy it: outside Soma's repository, with nothing but its own
 * pom and the Soma artifacts in a Maven repository. The template folder is copied to a temporary folder (no
 * path leads back into the repository from there), a Maven repository is laid out with the just-built
 * soma-plugins-api, soma-plugin-testkit and their parent pom, and the same Maven that runs this build packages
 * the copy offline, that repository as its local one and this build's repository, read-only, behind it
 * ({@code maven.repo.local.tail}) for Maven's plugins and the kit's libraries. The copy's tests must actually run: the conformance kit's tests are counted.
 */
class TemplateBuildIT {

    @TempDir
    Path work;

    @Test
    void theTemplateBuildsAndPassesTheKitOutsideTheRepository() throws Exception {
        Path template = Path.of(System.getProperty("template.dir")).toRealPath();
        Path copy = work.resolve("my-plugin");
        copyTree(template, copy);
        assertTrue(Files.readString(copy.resolve("pom.xml")).contains("<soma.version>" + System.getProperty("soma.version")
                + "</soma.version>"), "the template builds against this Soma's version");

        Path somaRepository = work.resolve("soma-artifacts");
        Path root = Path.of(System.getProperty("soma.root")).toRealPath();
        String version = System.getProperty("soma.version");
        layOut(somaRepository, "soma-parent", root.resolve("pom.xml"), null, version);
        layOut(somaRepository, "soma-plugins-api", root.resolve("plugins-api/pom.xml"),
                root.resolve("plugins-api/target/soma-plugins-api-" + version + ".jar"), version);
        layOut(somaRepository, "soma-plugin-testkit", root.resolve("plugin-testkit/pom.xml"),
                root.resolve("plugin-testkit/target/soma-plugin-testkit-" + version + ".jar"), version);

        Path mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn");
        // The fresh Soma artifacts are the local repository (so an older `install` cannot shadow them); this build's
        // repository, read-only, supplies Maven's plugins and the kit's libraries.
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-o", "package",
                "-Dmaven.repo.local=" + somaRepository,
                "-Dmaven.repo.local.tail=" + System.getProperty("build.repository")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        process.getOutputStream().close();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the template's build finishes");
        assertEquals(0, process.exitValue(), log);

        Matcher tests = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: (\\d+)\\s*$", Pattern.MULTILINE)
                .matcher(log);
        int run = 0;
        while (tests.find()) {
            run = Integer.parseInt(tests.group(1)); // the last one is the summary
        }
        assertTrue(run >= 5, "the conformance kit's tests ran in the copy, " + run + " reported:\n" + log);

        Path jar = copy.resolve("target/soma-plugin-lion.jar");
        assertTrue(Files.isRegularFile(jar), log);
        try (JarFile built = new JarFile(jar.toFile())) {
            assertEquals(version, built.getManifest().getMainAttributes().getValue("Soma-Plugins-Api-Version"),
                    "the jar records the plugins API it was built against");
            assertTrue(built.getEntry("META-INF/services/dev.soma.plugins.OptimizerProvider") != null);
        }
    }

    /** Copies the template's sources and pom, not its build output. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Puts an artifact where a Maven repository keeps it: groupId/artifactId/version/artifactId-version.ext. */
    private static void layOut(Path repository, String artifact, Path pom, Path jar, String version) throws IOException {
        Path folder = repository.resolve("dev/soma").resolve(artifact).resolve(version);
        Files.createDirectories(folder);
        Files.copy(pom, folder.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertTrue(Files.isRegularFile(jar), "built before this test: " + jar);
            Files.copy(jar, folder.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
