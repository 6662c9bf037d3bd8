package dev.soma.engine.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM that never starts the flight recorder must not pay for Soma's JFR events: registering the event classes
 * cost about 0.1 s of a first fit. A child JVM (no recorder; this test JVM may have one from other tests) trains
 * twice with every optimizer path the loop has and lists the classes it loaded.
 */
class RecorderOffTest {

    @Test
    void withoutARecordingNoEventClassIsLoaded() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                RecorderOffTest.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child JVM did not finish");
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("trained"), output);
        assertTrue(output.contains("dev.soma.engine.train.internal.TrainingLoop "), "the child trained: " + output);
        assertFalse(output.contains("TrainingEvents$"), "an event class was loaded without a recording");
        assertFalse(output.contains("jdk.jfr.Event "), "jdk.jfr.Event was loaded without a recording");
    }

    /** In the child: fits with full batch, minibatches (fused plain steps) and L-BFGS. */
    public static void main(String[] args) {
        float[][] rows = new float[40][3];
        float[] labels = new float[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 2;
            for (int j = 0; j < 3; j++) {
                rows[i][j] = (float) Math.sin(i * 7 + j) + labels[i];
            }
        }
        Dataset data = Dataset.fromRows(rows, labels);
        for (String optimizer : new String[] {"batch", "minibatch", "sgd", "lbfgs"}) {
            LogisticRegression.trainer().optimizer(optimizer).maxEpochs(3).fit(data);
        }
        System.out.println("trained");
    }
}
