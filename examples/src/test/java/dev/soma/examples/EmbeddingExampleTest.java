package dev.soma.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example runs and trains an accurate model. The examples' tests run in the repository root
 * (see the surefire configuration), where the README tells the user to run it.
 */
class EmbeddingExampleTest {

    @Test
    void theReadmeExampleWorks() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            EmbeddingExample.main(new String[0]);
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        // Soma's own log lines (the kernel choice) may come first when logging goes to stdout.
        var printed = out.lines().filter(l -> !l.startsWith("INFO ") && !l.startsWith("WARN ")).toList();
        assertTrue(printed.get(0).startsWith("ClassificationMetrics[accuracy=1.0, logLoss=0.029"), out);
        float probability = Float.parseFloat(printed.get(1));
        assertTrue(probability >= 0 && probability <= 1, out);
    }
}
