package dev.soma.engine.train;

import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-step listeners and the flight-recorder events that let a service watch training. */
class ObservabilityTest {

    @Test
    void stepListenersHearEveryStepWithItsBatch() throws IOException {
        List<StepReport> steps = new ArrayList<>();
        LogisticRegression.trainer()
                .optimizer("minibatch", Options.of("batchSize", 100))
                .maxEpochs(2).costTolerance(0).gradientTolerance(0)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport report) {
                    }

                    @Override
                    public void onStep(StepReport report) {
                        steps.add(report);
                    }
                })
                .fit(TestData.breastCancerTrain());
        assertEquals(10, steps.size(), "⌈456/100⌉ = 5 steps per epoch");
        assertEquals(56, steps.get(4).batchSize());
        assertEquals(100, steps.get(0).batchSize());
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1, steps.get(i).step());
            assertEquals(i < 5 ? 1 : 2, steps.get(i).epoch());
            assertTrue(steps.get(i).cost() > 0 && steps.get(i).gradientNorm() > 0);
            assertEquals(0.1, steps.get(i).learningRate(), 1e-12);
        }
    }

    @Test
    void flightRecorderEventsAreCommittedPerEpochAndStep(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("training.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.soma.Epoch");
            recording.enable("dev.soma.Step");
            recording.start();
            LogisticRegression.trainer().optimizer("batch").maxEpochs(3).costTolerance(0).gradientTolerance(0)
                    .fit(TestData.breastCancerTrain());
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        long epochs = events.stream().filter(e -> e.getEventType().getName().equals("dev.soma.Epoch")).count();
        long steps = events.stream().filter(e -> e.getEventType().getName().equals("dev.soma.Step")).count();
        assertEquals(3, epochs);
        assertEquals(3, steps);
        RecordedEvent last = events.stream().filter(e -> e.getEventType().getName().equals("dev.soma.Epoch"))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(3, last.getInt("epoch"));
        assertEquals("batch", last.getString("optimizer"));
        assertTrue(last.getDouble("examplesPerSecond") > 0);
    }
}
