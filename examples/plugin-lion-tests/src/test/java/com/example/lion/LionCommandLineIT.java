package com.example.lion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built plugin jar, dropped into a folder, trains a model through Soma's runnable jar — built before and
 * without the plugin: no rebuild of Soma.
 */
class LionCommandLineIT {

    @TempDir
    Path pluginFolder;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run soma(String... args) throws IOException, InterruptedException {
        Path somaJar = Path.of(System.getProperty("soma.jar"));
        assertTrue(Files.isRegularFile(somaJar), "Soma's runnable jar is built first: " + somaJar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", somaJar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        var err = process.errorReader(StandardCharsets.UTF_8);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errText = err.lines().reduce("", (a, b) -> a + b + "\n");
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        return new Run(process.exitValue(), out, errText);
    }

    @Test
    void thePluginJarTrainsFromTheCommandLine() throws Exception {
        Path pluginJar = Path.of(System.getProperty("plugin.jar"));
        Files.copy(pluginJar, pluginFolder.resolve(pluginJar.getFileName()));

        Run listed = soma("plugins", "--plugin-dir", pluginFolder.toString());
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().contains("lion       Lion (Chen et al., 2023)"), listed.out());
        assertTrue(listed.out().contains("soma-plugin-lion.jar"), "the listing names the plugin's jar");
        assertTrue(listed.out().contains("beta2         Double   default 0.99"), listed.out());

        Run trained = soma("quickstart", "--plugin-dir", pluginFolder.toString(), "--optimizer", "lion",
                "--learning-rate", "0.01", "--option", "beta1=0.9", "--epochs", "40");
        assertEquals(0, trained.exitCode(), trained.err());
        Matcher accuracy = Pattern.compile("(?m)^test accuracy: ([0-9.]+)$").matcher(trained.out());
        assertTrue(accuracy.find(), trained.out());
        assertTrue(Double.parseDouble(accuracy.group(1)) >= 0.95, trained.out());
    }

    @Test
    void withoutThePluginFolderTheNameIsUnknown() throws Exception {
        Run run = soma("quickstart", "--optimizer", "lion");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("there is no optimizer named 'lion'"), run.err());
    }
}
