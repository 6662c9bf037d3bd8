package dev.soma.engine.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.kernels.Rows;
import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.LearningRateSchedule;
import dev.soma.engine.train.StepReport;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingCheckpoint;
import dev.soma.engine.train.TrainingListener;
import dev.soma.plugins.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two paths the single-machine trainer does not take every day: an objective that draws its own minibatches
 * (Spark's, whose rows the loop cannot index), and a run resumed from a checkpoint, which must carry on the
 * stopping rule and the clock where the checkpoint left them.
 */
class TrainingLoopOwnBatchesAndResumeTest {

    private static final int N = 30;

    /**
     * Draws, each epoch, the rows [0, 10), an empty batch (a partition's sample can be empty), [10, 20) and
     * [20, 30): four batches, of which the loop must step on three.
     */
    private static final class OwnBatches extends LoopHarness.Spy {
        final List<String> asked = new ArrayList<>();
        final List<Double> batchCosts = new ArrayList<>();
        int emptyEvaluations;

        OwnBatches() {
            super(LoopHarness.objective(N));
        }

        @Override
        public Iterable<Minibatch> minibatches(int m, long seed, int epoch) {
            asked.add("m=" + m + " seed=" + seed + " epoch=" + epoch);
            return List.of(batch(0, 10), batch(0, 0), batch(10, 20), batch(20, 30));
        }

        private Minibatch batch(int from, int to) {
            return new Minibatch() {
                @Override
                public double evaluate(float[] theta, float[] gradient) {
                    if (from == to) {
                        emptyEvaluations++;
                        Arrays.fill(gradient, 0f);
                        return 0;
                    }
                    double cost = real.evaluate(theta, Rows.range(from, to), gradient);
                    batchCosts.add(cost);
                    return cost;
                }

                @Override
                public int size() {
                    return to - from;
                }
            };
        }
    }

    private static final class Steps implements TrainingListener {
        final List<StepReport> steps = new ArrayList<>();
        final List<EpochReport> epochs = new ArrayList<>();

        @Override
        public void onEpoch(EpochReport report) {
            epochs.add(report);
        }

        @Override
        public void onStep(StepReport report) {
            steps.add(report);
        }
    }

    @Test
    void anObjectiveThatDrawsItsOwnBatchesGetsOneStepPerNonEmptyBatch() {
        LoopHarness harness = new LoopHarness();
        harness.maxEpochs = 2;
        harness.schedule = LearningRateSchedule.stepDecay(1, 0.5);
        Steps steps = new Steps();
        harness.listeners.add(steps);
        OwnBatches objective = new OwnBatches();
        TrainingLoop.Result result = harness.run(
                LoopHarness.optimizer("minibatch", Options.of("batchSize", 10, "learningRate", 0.1)), objective);

        assertEquals(List.of("m=10 seed=7 epoch=1", "m=10 seed=7 epoch=2"), objective.asked,
                "asked once an epoch, with the batch size, the run's seed and the epoch");
        assertEquals(2, objective.emptyEvaluations, "the empty batch is evaluated (its size is known only then)");
        assertEquals(6, steps.steps.size(), "but gets no step: " + steps.steps);
        for (int i = 0; i < 6; i++) {
            StepReport step = steps.steps.get(i);
            assertEquals(10, step.batchSize());
            assertEquals(i / 3 + 1, step.epoch());
            assertEquals(objective.batchCosts.get(i), step.cost(), 0.0, "the step sees its batch's cost");
            assertEquals(i + 1, step.step());
        }
        assertTrue(objective.log.stream().allMatch("full"::equals),
                "the loop asks the objective itself only for all n rows: " + objective.log);
        assertEquals(0.1, steps.epochs.get(0).learningRate(), 1e-12);
        assertEquals(0.05, steps.epochs.get(1).learningRate(), 1e-12, "the epoch reports its steps' scheduled rate");
        assertEquals(2, result.summary().epochs());
        assertTrue(result.summary().cost() < steps.epochs.get(0).cost() + 1e-9
                && steps.epochs.get(0).cost() < objective.batchCosts.get(0), "the steps trained the model");
    }

    @Test
    void aCancelDuringAnEpochOfOwnBatchesStopsBeforeTheNextBatch() {
        LoopHarness harness = new LoopHarness();
        harness.maxEpochs = 5;
        Steps steps = new Steps();
        harness.listeners.add(steps);
        harness.cancelled = () -> !steps.steps.isEmpty();
        OwnBatches objective = new OwnBatches();
        TrainingLoop.Result result = harness.run(
                LoopHarness.optimizer("minibatch", Options.of("batchSize", 10, "learningRate", 0.1)), objective);
        assertEquals(1, steps.steps.size());
        assertEquals(1, objective.batchCosts.size(), "no batch after the cancel is evaluated");
        assertEquals(StopReason.CANCELLED, result.summary().stopReason());
        assertEquals(1, result.summary().epochs());
    }

    @Test
    void aFullBatchRunNeverAsksForBatches() {
        LoopHarness harness = new LoopHarness();
        harness.maxEpochs = 2;
        OwnBatches objective = new OwnBatches();
        harness.run(LoopHarness.optimizer("batch", Options.of("learningRate", 0.1)), objective);
        assertEquals(List.of(), objective.asked);
    }

    private static final long HOUR = Duration.ofHours(1).toNanos();

    /** A real checkpoint after two epochs of minibatch training, with the stopping state and clock replaced. */
    private static TrainingCheckpoint checkpoint(double best, int badEpochs, int bestEpoch, float[] bestTheta,
                                                 long elapsed, boolean earlyStopping) {
        LoopHarness harness = new LoopHarness();
        harness.maxEpochs = 2;
        if (earlyStopping) {
            harness.validation = LoopHarness.objective(N);
        }
        harness.run(LoopHarness.optimizer("minibatch", Options.of("batchSize", 10, "learningRate", 0.1)),
                LoopHarness.objective(N));
        TrainingCheckpoint real = harness.checkpoints.getLast();
        return new TrainingCheckpoint(real.epoch(), real.seed(), real.theta(), real.optimizerState(),
                real.scheduleState(), best, badEpochs, bestEpoch, bestTheta, elapsed);
    }

    private static LoopHarness resumed(TrainingCheckpoint from) {
        LoopHarness harness = new LoopHarness();
        harness.resumeFrom = from;
        harness.maxEpochs = 6;
        return harness;
    }

    private static TrainingLoop.Result run(LoopHarness harness) {
        return harness.run(LoopHarness.optimizer("minibatch", Options.of("batchSize", 10, "learningRate", 0.1)),
                LoopHarness.objective(N));
    }

    @Test
    void aResumedRunCountsTheTimeSpentBeforeTheCheckpoint() {
        LoopHarness harness = resumed(checkpoint(Double.POSITIVE_INFINITY, 0, 0, null, HOUR, false));
        List<EpochReport> reports = new ArrayList<>();
        harness.listeners.add(reports::add);
        long before = System.nanoTime();
        TrainingLoop.Result result = run(harness);
        long wall = System.nanoTime() - before;
        assertEquals(4, reports.size(), "epochs 3 to 6");
        assertEquals(3, reports.getFirst().epoch());
        for (EpochReport report : reports) {
            assertTrue(report.elapsedNanos() >= HOUR && report.elapsedNanos() <= HOUR + wall, report.toString());
        }
        long total = result.summary().elapsed().toNanos();
        assertTrue(total >= HOUR && total <= HOUR + wall, "the summary's time " + total);
        long saved = harness.checkpoints.getLast().elapsedNanos();
        assertTrue(saved >= HOUR && saved <= HOUR + wall, "a checkpoint of the resumed run carries the clock on: " + saved);
    }

    @Test
    void aTimeBudgetSpentBeforeTheCheckpointStopsTheResumedRun() {
        LoopHarness harness = resumed(checkpoint(Double.POSITIVE_INFINITY, 0, 0, null, HOUR, false));
        harness.maxTime = Duration.ofMinutes(30);
        TrainingLoop.Result result = run(harness);
        assertEquals(StopReason.MAX_TIME, result.summary().stopReason());
        assertEquals(3, result.summary().epochs(), "one epoch, the budget being spent already");
    }

    @Test
    void aResumedRunCarriesOnThePatienceCount() {
        // The checkpoint's best cost is 0, which no epoch beats, and two bad epochs are already counted: with
        // patience 3 the first resumed epoch is the third bad one.
        LoopHarness harness = resumed(checkpoint(0, 2, 1, null, 0, false));
        harness.costTolerance = 1e-6;
        harness.patience = 3;
        TrainingLoop.Result result = run(harness);
        assertEquals(StopReason.COST_TOLERANCE, result.summary().stopReason());
        assertEquals(3, result.summary().epochs());
        TrainingCheckpoint saved = harness.checkpoints.getLast();
        assertEquals(0, saved.bestMonitored(), 0.0);
        assertEquals(3, saved.badEpochs());
        assertEquals(1, saved.bestEpoch(), "the best epoch is still the one before the resume");
    }

    @Test
    void earlyStoppingAcrossAResumeKeepsTheBestParametersFromBeforeIt() {
        float[] best = {0.25f, -0.5f, 0.125f, 1f};
        LoopHarness harness = resumed(checkpoint(0, 0, 2, best, 0, true));
        harness.validation = LoopHarness.objective(N);
        harness.maxEpochs = 4;
        TrainingLoop.Result result = run(harness);
        assertEquals(4, result.summary().epochs());
        assertArrayEquals(best, result.theta(), 0f, "no later epoch beat the checkpoint's best");
        assertEquals(2, result.summary().bestEpoch());
    }
}
