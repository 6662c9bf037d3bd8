package dev.soma.engine.train.internal;

import static dev.soma.engine.train.internal.LoopHarness.shuffled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.StepReport;
import dev.soma.engine.train.TrainingListener;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loop tells others as it trains: the rows it hints to the objective ahead of shuffled small batches
 * (so their cache misses overlap), and the Flight Recorder events a service watches in JDK Mission Control.
 */
class TrainingLoopHintsAndEventsTest {

    @TempDir
    Path dir;

    private static LoopHarness.Spy minibatchRun(int n, int m, int epochs) {
        return run(n, epochs, "minibatch", Options.of("batchSize", m, "learningRate", 0.05));
    }

    private static LoopHarness.Spy run(int n, int epochs, String optimizer, Options options) {
        LoopHarness harness = new LoopHarness();
        harness.maxEpochs = epochs;
        LoopHarness.Spy spy = new LoopHarness.Spy(LoopHarness.objective(n));
        harness.run(LoopHarness.optimizer(optimizer, options), spy);
        return spy;
    }

    @Test
    void theNextGroupOfShuffledRowsIsHintedAtTheStartOfEachGroup() {
        // m = 3: groups of 18 rows (the 16 prefetched rows rounded up to whole batches). n = 50: groups start at
        // positions 0, 18 and 36; the first two hint the group after them, the last has none after it.
        LoopHarness.Spy spy = minibatchRun(50, 3, 2);
        List<List<Integer>> expected = List.of(shuffled(50, 1, 18, 36), shuffled(50, 1, 36, 50),
                shuffled(50, 2, 18, 36), shuffled(50, 2, 36, 50));
        assertEquals(expected, spy.hints, "each epoch hints its own shuffle's next groups");
        // Each hint comes just before the first batch of the group it runs ahead of, and the batches are the
        // shuffle's, in order: the hints do not change the step sequence.
        for (int epoch = 1; epoch <= 2; epoch++) {
            int atFirst = spy.log.indexOf("evaluate " + shuffled(50, epoch, 0, 3));
            assertEquals("prefetch " + shuffled(50, epoch, 18, 36), spy.log.get(atFirst - 1), "epoch " + epoch);
            int atSecond = spy.log.indexOf("evaluate " + shuffled(50, epoch, 18, 21));
            assertEquals("prefetch " + shuffled(50, epoch, 36, 50), spy.log.get(atSecond - 1), "epoch " + epoch);
            assertEquals("evaluate " + shuffled(50, epoch, 15, 18), spy.log.get(atSecond - 2),
                    "the group before ran in full first");
        }
        List<String> batches = spy.log.stream().filter(s -> s.startsWith("evaluate")).toList();
        assertEquals(2 * 17, batches.size(), "17 batches an epoch (16 of 3, one of 2)");
        assertEquals("evaluate " + shuffled(50, 1, 48, 50), batches.get(16));
    }

    @Test
    void noHintRunsPastTheEndOfTheData() {
        // n = 54 = 3 groups of 18 exactly: the last group has nothing after it to hint, not even an empty hint.
        LoopHarness.Spy spy = minibatchRun(54, 3, 1);
        assertEquals(List.of(shuffled(54, 1, 18, 36), shuffled(54, 1, 36, 54)), spy.hints);
    }

    @Test
    void singleRowStepsHintSixteenRowsAhead() {
        LoopHarness.Spy spy = minibatchRun(40, 1, 1);
        assertEquals(List.of(shuffled(40, 1, 16, 32), shuffled(40, 1, 32, 40)), spy.hints);
    }

    @Test
    void batchesUpToTheSmallBatchSizeAreHintedLargerOnesAreNot() {
        // A batch of 64 is a group by itself: every batch but the last hints the next one.
        LoopHarness.Spy small = minibatchRun(200, LinearObjective.SMALL_BATCH, 1);
        assertEquals(List.of(shuffled(200, 1, 64, 128), shuffled(200, 1, 128, 192), shuffled(200, 1, 192, 200)),
                small.hints);
        // Larger batches already overlap their rows' misses in the kernels; full batch reads rows in order.
        assertEquals(List.of(), minibatchRun(200, LinearObjective.SMALL_BATCH + 1, 1).hints);
        assertEquals(List.of(), run(200, 2, "batch", Options.of("learningRate", 0.05)).hints);
    }

    /** Records both kinds of report. */
    private static final class Reports implements TrainingListener {
        final List<EpochReport> epochs = new ArrayList<>();
        final List<StepReport> steps = new ArrayList<>();

        @Override
        public void onEpoch(EpochReport report) {
            epochs.add(report);
        }

        @Override
        public void onStep(StepReport report) {
            steps.add(report);
        }
    }

    private List<RecordedEvent> record(LoopHarness harness, String optimizer, Options options, int n)
            throws IOException {
        Path file = dir.resolve("training.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.soma.Epoch").withoutThreshold();
            recording.enable("dev.soma.Step").withoutThreshold();
            recording.start();
            harness.run(LoopHarness.optimizer(optimizer, options), LoopHarness.objective(n));
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file);
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name))
                .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime)).toList();
    }

    @Test
    void theFlightRecorderSeesEveryEpochAndStepAsTheListenersDo() throws IOException {
        LoopHarness harness = new LoopHarness();
        harness.maxEpochs = 3;
        harness.schedule = dev.soma.engine.train.LearningRateSchedule.stepDecay(1, 0.5);
        Reports reports = new Reports();
        harness.listeners.add(reports);
        int n = 20_000;
        List<RecordedEvent> events = record(harness, "minibatch", Options.of("batchSize", 1000, "learningRate", 0.1), n);
        List<RecordedEvent> epochs = named(events, "dev.soma.Epoch");
        List<RecordedEvent> steps = named(events, "dev.soma.Step");

        assertEquals(3, epochs.size());
        double passesBefore = 1; // the starting evaluation of all rows
        for (int i = 0; i < 3; i++) {
            RecordedEvent event = epochs.get(i);
            EpochReport report = reports.epochs.get(i);
            assertEquals(i + 1, event.getInt("epoch"));
            assertEquals(report.cost(), event.getDouble("cost"), 0.0);
            assertEquals(report.meanLoss(), event.getDouble("meanLoss"), 0.0);
            assertEquals(report.gradientNorm(), event.getDouble("gradientNorm"), 0.0);
            assertEquals(0.1 * Math.pow(0.5, i), event.getDouble("learningRate"), 1e-12);
            assertEquals("minibatch", event.getString("optimizer"));
            // The rate is the rows evaluated in the epoch over the epoch's time: about what its duration says.
            double rows = (report.passes() - passesBefore) * n;
            passesBefore = report.passes();
            double seconds = event.getDuration().toNanos() / 1e9;
            double rate = event.getDouble("examplesPerSecond");
            assertTrue(rate > 0.25 * rows / seconds && rate < 1.5 * rows / seconds,
                    "epoch " + (i + 1) + ": " + rate + " rows/s for " + rows + " rows in " + seconds + " s");
        }

        assertEquals(reports.steps.size(), steps.size());
        assertEquals(60, steps.size(), "20 batches of 1000 in each of 3 epochs");
        for (int i = 0; i < steps.size(); i++) {
            RecordedEvent event = steps.get(i);
            StepReport report = reports.steps.get(i);
            assertEquals(report.epoch(), event.getInt("epoch"));
            assertEquals(1000, event.getInt("batchSize"));
            assertEquals(report.cost(), event.getDouble("cost"), 0.0);
            assertEquals(report.learningRate(), event.getDouble("learningRate"), 0.0);
            // An epoch's event spans its steps.
            RecordedEvent epoch = epochs.get(report.epoch() - 1);
            Instant stepAt = event.getStartTime();
            assertFalse(stepAt.isBefore(epoch.getStartTime()), "step " + i + " starts inside its epoch");
            assertFalse(stepAt.isAfter(epoch.getEndTime()), "step " + i + " ends inside its epoch");
        }
    }

    @Test
    void aFullBatchStepIsRecordedWithTheWholeData() throws IOException {
        LoopHarness harness = new LoopHarness();
        harness.maxEpochs = 2;
        List<RecordedEvent> events = record(harness, "batch", Options.of("learningRate", 0.1), 300);
        List<RecordedEvent> steps = named(events, "dev.soma.Step");
        assertEquals(2, steps.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(i + 1, steps.get(i).getInt("epoch"));
            assertEquals(300, steps.get(i).getInt("batchSize"));
            assertEquals(0.1, steps.get(i).getDouble("learningRate"), 1e-12);
        }
        assertTrue(named(events, "dev.soma.Epoch").stream().allMatch(e -> e.getDuration().compareTo(Duration.ZERO) > 0),
                "each epoch event spans its epoch");
    }
}
