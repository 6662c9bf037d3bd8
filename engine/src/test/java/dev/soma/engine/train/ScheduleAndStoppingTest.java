package dev.soma.engine.train;

import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleAndStoppingTest {

    @Test
    void theSchedulesFollowTheirFormulas() {
        assertEquals(1.0, LearningRateSchedule.constant().start().factor(50, 1000));
        var step = LearningRateSchedule.stepDecay(10, 0.5).start();
        assertEquals(1.0, step.factor(10, 1));
        assertEquals(0.5, step.factor(11, 1));
        assertEquals(0.25, step.factor(21, 1));
        assertEquals(Math.pow(0.9, 4), LearningRateSchedule.exponential(0.9).start().factor(5, 1), 1e-15);
        var inverse = LearningRateSchedule.inverseTime(0.5).start();
        assertEquals(1.0, inverse.factor(1, 1));
        assertEquals(0.5, inverse.factor(1, 4), 1e-15);
        var cosine = LearningRateSchedule.cosine(10, 0.1).start();
        assertEquals(1.0, cosine.factor(1, 1), 1e-15);
        assertEquals(0.55, cosine.factor(6, 1), 1e-12);
        assertEquals(0.1, cosine.factor(11, 1), 1e-15);
        assertEquals(0.1, cosine.factor(40, 1), 1e-15);
    }

    @Test
    void reduceOnPlateauCutsAfterPatienceAndKeepsItsState() {
        var plateau = LearningRateSchedule.reduceOnPlateau(0.5, 2, 0.01, 0.1).start();
        plateau.endEpoch(1.0);
        plateau.endEpoch(0.995); // not better by 0.01
        assertEquals(1.0, plateau.factor(3, 1));
        plateau.endEpoch(0.999);
        assertEquals(0.5, plateau.factor(4, 1));
        plateau.endEpoch(0.5);
        assertEquals(0.5, plateau.factor(5, 1));
        var copy = LearningRateSchedule.reduceOnPlateau(0.5, 2, 0.01, 0.1).start();
        copy.restore(plateau.state());
        assertArrayEquals(plateau.state(), copy.state());
        for (int i = 0; i < 20; i++) {
            plateau.endEpoch(0.6);
        }
        assertEquals(0.1, plateau.factor(30, 1), "never below minFactor");
    }

    @Test
    void badScheduleSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(1.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.inverseTime(-1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.reduceOnPlateau(0.5, 0, 0, 0));
    }

    @Test
    void theTrainerAppliesTheScheduleToEveryOptimizerStep() throws IOException {
        List<Double> rates = new ArrayList<>();
        LogisticRegression.trainer()
                .optimizer("minibatch", Options.of("learningRate", 0.2))
                .schedule(LearningRateSchedule.stepDecay(2, 0.5))
                .maxEpochs(6).costTolerance(0).gradientTolerance(0)
                .listener(r -> rates.add(r.learningRate()))
                .fit(TestData.breastCancerTrain());
        assertEquals(List.of(0.2, 0.2, 0.1, 0.1, 0.05, 0.05), rates);
    }

    @Test
    void patienceWaitsForThatManyEpochsWithoutImprovement() throws IOException {
        List<Double> costs = new ArrayList<>();
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("sgd", Options.of("learningRate", 0.05))
                .l2(0.01).maxEpochs(500).gradientTolerance(0)
                .costTolerance(1e-4).patience(3)
                .listener(r -> costs.add(r.cost()))
                .fit(TestData.breastCancerTrain());
        assertEquals(StopReason.COST_TOLERANCE, model.summary().stopReason());
        // Replay the rule: the run stops at the first epoch ending 3 epochs in a row without a 1e-4 improvement.
        double best = Double.POSITIVE_INFINITY;
        int bad = 0;
        int stopAt = -1;
        for (int i = 0; i < costs.size(); i++) {
            bad = costs.get(i) < best - 1e-4 ? 0 : bad + 1;
            best = Math.min(best, costs.get(i));
            if (bad >= 3) {
                stopAt = i + 1;
                break;
            }
        }
        assertEquals(costs.size(), stopAt);
    }

    @Test
    void earlyStoppingHoldsOutAValidationSplitAndKeepsTheBestEpoch() throws IOException {
        List<EpochReport> reports = new ArrayList<>();
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("sgd", Options.of("learningRate", 0.5))
                .maxEpochs(200).gradientTolerance(0)
                .earlyStopping(0.2).costTolerance(1e-3).patience(4)
                .seed(3)
                .listener(reports::add)
                .fit(TestData.breastCancerTrain());
        TrainingSummary summary = model.summary();
        assertEquals(StopReason.VALIDATION_NO_IMPROVEMENT, summary.stopReason());
        EpochReport best = reports.stream().min(java.util.Comparator.comparingDouble(EpochReport::validationLoss)).orElseThrow();
        assertEquals(best.epoch(), summary.bestEpoch());
        assertEquals(best.validationLoss(), summary.validationLoss(), 1e-12, "the kept weights are the best epoch's");
        assertTrue(summary.epochs() > summary.bestEpoch());
        assertTrue(reports.stream().allMatch(r -> Double.isFinite(r.validationLoss())));
    }

    @Test
    void theTimeBudgetStopsTraining() throws IOException {
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("sgd").maxEpochs(1_000_000).gradientTolerance(0).costTolerance(0)
                .maxTime(Duration.ofMillis(200))
                .fit(TestData.breastCancerTrain());
        assertEquals(StopReason.MAX_TIME, model.summary().stopReason());
        assertTrue(model.summary().elapsed().toMillis() >= 200);
        assertTrue(model.summary().epochs() < 1_000_000);
    }
}
