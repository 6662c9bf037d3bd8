package dev.soma.engine.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.LearningRateSchedule;
import dev.soma.engine.train.StepReport;
import dev.soma.engine.train.TrainingListener;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stopping rule and the shuffle at their edges, written to kill the mutants PIT found surviving in
 * {@link Stopper} and {@link TrainingLoop}: exact tolerance and patience boundaries, the kept parameters, and the
 * shuffle's dependence on seed and epoch.
 */
class TrainingLoopMutationTest {

    @Test
    void anEpochImprovesOnlyWhenItBeatsTheBestByMoreThanTheTolerance() {
        Stopper stopper = new Stopper(0.5, 2, false);
        stopper.record(1, 10, new float[1]);
        assertEquals(0, stopper.badEpochs(), "the first value beats +∞");
        stopper.record(2, 9.5, new float[1]);                        // exactly best − tolerance: not an improvement
        assertEquals(1, stopper.badEpochs());
        assertEquals(9.5, stopper.best(), "but it is the new best");
        assertEquals(2, stopper.bestEpoch());
        stopper.record(3, 8.9, new float[1]);                        // more than 0.5 below 9.5
        assertEquals(0, stopper.badEpochs());
        assertEquals(3, stopper.bestEpoch());
        stopper.record(4, 8.9, new float[1]);                        // equal to the best: neither
        assertEquals(1, stopper.badEpochs());
        assertEquals(8.9, stopper.best());
        assertEquals(3, stopper.bestEpoch(), "an equal value is not a new best");
    }

    @Test
    void patienceCountsEpochsInARowAndOnlyWhenTheRuleIsActive() {
        Stopper stopper = new Stopper(0, 3, false);
        stopper.record(1, 1, new float[1]);
        stopper.record(2, 2, new float[1]);
        stopper.record(3, 2, new float[1]);
        assertFalse(stopper.exhausted(true), "two bad epochs, patience 3");
        stopper.record(4, 2, new float[1]);
        assertTrue(stopper.exhausted(true), "three bad epochs");
        assertFalse(stopper.exhausted(false), "never when the rule is off");
        stopper.record(5, 0.5, new float[1]);
        assertFalse(stopper.exhausted(true), "an improvement starts the count again");
    }

    @Test
    void theBestParametersAreKeptAsACopyOnlyWhenAsked() {
        Stopper keeping = new Stopper(0, 1, true);
        float[] theta = {1f, 2f};
        keeping.record(1, 5, theta);
        theta[0] = 99f;
        assertArrayEquals(new float[] {1f, 2f}, keeping.bestTheta(), "a copy, not the live parameters");
        keeping.record(2, 6, new float[] {7f, 7f});
        assertArrayEquals(new float[] {1f, 2f}, keeping.bestTheta(), "a worse epoch does not replace them");
        keeping.record(3, 4, new float[] {3f, 4f});
        assertArrayEquals(new float[] {3f, 4f}, keeping.bestTheta());
        assertNotSame(keeping.bestTheta(), keeping.bestTheta(), "each call gives a new copy");
        Stopper notKeeping = new Stopper(0, 1, false);
        notKeeping.record(1, 5, theta);
        assertNull(notKeeping.bestTheta());
    }

    @Test
    void restoreSetsEveryField() {
        Stopper stopper = new Stopper(0, 2, true);
        stopper.restore(3.5, 1, 7, new float[] {2f});
        assertEquals(3.5, stopper.best());
        assertEquals(1, stopper.badEpochs());
        assertEquals(7, stopper.bestEpoch());
        assertArrayEquals(new float[] {2f}, stopper.bestTheta());
        stopper.record(8, 3.5, new float[] {0f});
        assertTrue(stopper.exhausted(true), "the restored bad epoch counts towards the patience");
    }

    @Test
    void theShuffleIsAPermutationFixedBySeedAndEpoch() {
        int[] a = new int[50];
        int[] b = new int[50];
        TrainingLoop.shuffle(a, 42, 3);
        TrainingLoop.shuffle(b, 42, 3);
        assertArrayEquals(a, b, "the same seed and epoch give the same order");
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i], "every example exactly once");
        }
        int[] identity = new int[50];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(identity, a), "the order is shuffled");
        int[] otherEpoch = new int[50];
        TrainingLoop.shuffle(otherEpoch, 42, 4);
        assertFalse(Arrays.equals(a, otherEpoch), "another epoch, another order");
        int[] otherSeed = new int[50];
        TrainingLoop.shuffle(otherSeed, 43, 3);
        assertFalse(Arrays.equals(a, otherSeed), "another seed, another order");
        int[] stale = new int[50];
        Arrays.fill(stale, 7);
        TrainingLoop.shuffle(stale, 42, 3);
        assertArrayEquals(a, stale, "the shuffle starts from the identity, whatever the array held");
    }

    @Test
    void theLastElementMovesToo() {
        // Fisher–Yates down to i = 1: over many seeds the last position takes every value, the first too.
        boolean[] lastSeen = new boolean[5];
        boolean[] firstSeen = new boolean[5];
        int[] order = new int[5];
        for (long seed = 0; seed < 200; seed++) {
            TrainingLoop.shuffle(order, seed, 1);
            lastSeen[order[4]] = true;
            firstSeen[order[0]] = true;
        }
        for (int v = 0; v < 5; v++) {
            assertTrue(lastSeen[v] && firstSeen[v], "value " + v + " reaches both ends");
        }
    }

    @Test
    void theShuffleOfASeedAndEpochIsFixedForGood() {
        // Pinned: a changed seed mix would change every seeded model, and resumed runs would part from the
        // uninterrupted ones.
        int[] order = new int[8];
        TrainingLoop.shuffle(order, 42, 3);
        assertArrayEquals(new int[] {2, 5, 3, 4, 6, 0, 1, 7}, order);
    }

    /** Collects the step reports' learning rates (overriding onStep makes the loop report steps). */
    private static final class StepRates implements TrainingListener {
        final List<Double> rates = new ArrayList<>();

        @Override
        public void onEpoch(EpochReport report) {
        }

        @Override
        public void onStep(StepReport report) {
            rates.add(report.learningRate());
        }
    }

    @Test
    void stepReportsCarryTheScheduledRateOnFullAndMiniBatches() throws IOException {
        StepRates full = new StepRates();
        LogisticRegression.trainer().optimizer("batch", Options.of("learningRate", 0.2))
                .schedule(LearningRateSchedule.stepDecay(1, 0.5))
                .maxEpochs(3).costTolerance(0).gradientTolerance(0).listener(full)
                .fit(TestData.breastCancerTrain());
        assertEquals(List.of(0.2, 0.1, 0.05), full.rates);
        StepRates mini = new StepRates();
        LogisticRegression.trainer().optimizer("minibatch", Options.of("learningRate", 0.2))
                .schedule(LearningRateSchedule.stepDecay(1, 0.5))
                .maxEpochs(2).costTolerance(0).gradientTolerance(0).listener(mini)
                .fit(TestData.breastCancerTrain());
        assertEquals(0.2, mini.rates.get(0));
        assertEquals(0.1, mini.rates.get(mini.rates.size() - 1));
    }

    @Test
    void elapsedTimesAreTheTimeSinceTheStart() throws IOException {
        List<EpochReport> reports = new ArrayList<>();
        long before = System.nanoTime();
        LogisticRegression model = LogisticRegression.trainer().optimizer("sgd").maxEpochs(3).costTolerance(0)
                .gradientTolerance(0).listener(reports::add).fit(TestData.breastCancerTrain());
        long wall = System.nanoTime() - before;
        long previous = 0;
        for (EpochReport report : reports) {
            assertTrue(report.elapsedNanos() >= previous && report.elapsedNanos() <= wall, report.toString());
            previous = report.elapsedNanos();
        }
        long summary = model.summary().elapsed().toNanos();
        assertTrue(summary >= previous && summary <= wall, "the summary's elapsed time " + summary);
    }

    @Test
    void theValidationLossIsReportedEveryEpoch() throws IOException {
        List<EpochReport> reports = new ArrayList<>();
        LogisticRegression.trainer().optimizer("sgd").maxEpochs(3).costTolerance(0).gradientTolerance(0)
                .earlyStopping(0.2).listener(reports::add).fit(TestData.breastCancerTrain());
        assertEquals(3, reports.size());
        for (EpochReport report : reports) {
            assertTrue(report.validationLoss() > 0.01 && report.validationLoss() < 1, report.toString());
        }
    }

    @Test
    void aPlateauScheduleHearsEveryEpochsCost() throws IOException {
        // No epoch improves by 10: with patience 1 the factor halves after every epoch.
        List<Double> rates = new ArrayList<>();
        LogisticRegression.trainer().optimizer("sgd", Options.of("learningRate", 0.2))
                .schedule(LearningRateSchedule.reduceOnPlateau(0.5, 1, 10, 0.01))
                .maxEpochs(3).costTolerance(0).gradientTolerance(0).listener(r -> rates.add(r.learningRate()))
                .fit(TestData.breastCancerTrain());
        assertTrue(rates.get(2) < rates.get(0), "the rate fell: " + rates);
    }
}
