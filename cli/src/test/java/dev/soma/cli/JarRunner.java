package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code soma.jar} in a JVM of its own, as a user does, and collects what it prints. */
final class JarRunner {

    record Result(int exitCode, String out, String err) {
    }

    private JarRunner() {
    }

    static Result run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("soma.jar", "cli/target/soma.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        // Drain stderr on a thread of its own so that neither pipe can fill and block the child.
        StringBuilder err = new StringBuilder();
        Thread errReader = Thread.ofVirtual().start(() -> process.errorReader(StandardCharsets.UTF_8).lines()
                .forEach(l -> err.append(l).append('\n')));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "soma did not finish");
        errReader.join();
        return new Result(process.exitValue(), out, err.toString());
    }

    /** With the Vector API module, as the README's launch command. */
    static Result soma(String... args) throws IOException, InterruptedException {
        return run(List.of("--add-modules", "jdk.incubator.vector"), args);
    }
}
