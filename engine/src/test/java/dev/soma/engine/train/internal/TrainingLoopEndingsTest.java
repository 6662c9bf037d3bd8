package dev.soma.engine.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.kernels.Rows;
import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.LearningRateSchedule;
import dev.soma.engine.train.StepReport;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingDivergedException;
import dev.soma.engine.train.TrainingListener;
import dev.soma.plugins.Options;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a run ends, at the edges of each rule, on an objective whose costs the test writes: the warnings of a run
 * that rose or ended worse, divergence, the gradient tolerance, and the learning rate each step is given.
 */
class TrainingLoopEndingsTest {

    /**
     * Full-data costs given in advance: the run's starting evaluation gets {@code costs[0]}, the end of epoch k
     * gets {@code costs[k]} (the last one repeats). The gradient is fixed.
     */
    private static final class Scripted implements TrainingObjective {
        private final double[] costs;
        private final float[] gradient;
        private int calls;
        private double last;

        Scripted(float[] gradient, double... costs) {
            this.costs = costs;
            this.gradient = gradient;
        }

        Scripted(double... costs) {
            this(new float[] {0.1f, 0f, 0f, 0f}, costs);
        }

        @Override
        public int examples() {
            return 10;
        }

        @Override
        public int parameterCount() {
            return 4;
        }

        @Override
        public double evaluate(float[] theta, Rows rows, float[] gradient) {
            last = costs[Math.min(calls++, costs.length - 1)];
            System.arraycopy(this.gradient, 0, gradient, 0, gradient.length);
            return last;
        }

        @Override
        public double meanLoss() {
            return last;
        }

        @Override
        public double passes() {
            return calls;
        }
    }

    private static LoopHarness harness(int epochs) {
        LoopHarness harness = new LoopHarness();
        harness.maxEpochs = epochs;
        harness.schedule = LearningRateSchedule.stepDecay(1, 0.5);
        return harness;
    }

    private static TrainingLoop.Result run(LoopHarness harness, TrainingObjective objective) {
        return harness.run(LoopHarness.optimizer("batch", Options.of("learningRate", 0.1)), objective);
    }

    @Test
    void aCostThatRoseInEachOfTheLastThreeEpochsIsWarnedAbout() {
        // 10 → 7 → 8 → 9 → 10: it ends no worse than it began, but was climbing away from the optimum.
        TrainingLoop.Result result = run(harness(4), new Scripted(10, 7, 8, 9, 10));
        List<String> warnings = result.summary().warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("rose over the last 3 epochs, from 7.00000 to 10.0000"), warnings.getFirst());
        // The rate of the last steps, 0.1 · 0.5³, is the one to go below.
        assertTrue(warnings.getFirst().endsWith("try a smaller learning rate than 0.0125"), warnings.getFirst());
        assertEquals(StopReason.MAX_EPOCHS, result.summary().stopReason());
    }

    @Test
    void aRunEndingAboveItsStartIsWarnedAboutInstead() {
        TrainingLoop.Result result = run(harness(4), new Scripted(10, 7, 8, 9, 10.5));
        List<String> warnings = result.summary().warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("ended at 10.5000, above the 10.0000 it started from"), warnings.getFirst());
    }

    @Test
    void threeEpochsAreNotEnoughToRiseThreeTimes() {
        assertEquals(List.of(), run(harness(3), new Scripted(10, 7, 8, 9)).summary().warnings());
        assertEquals(List.of(), run(harness(5), new Scripted(10, 7, 8, 9, 8.5, 9)).summary().warnings(),
                "the rises must be the last three in a row");
    }

    @Test
    void aRiseOfAPartInAMillionIsRounding() {
        double step = 1 + 1e-6;
        double[] costs = {10, 1, 1 * step, 1 * step * step, 1 * step * step * step};
        assertEquals(List.of(), run(harness(4), new Scripted(costs)).summary().warnings());
    }

    @Test
    void earlyStoppingKeepsTheBestEpochSoARiseAfterItIsNotWarnedAbout() {
        LoopHarness harness = harness(4);
        harness.validation = new Scripted(1, 2, 3, 4, 1); // best at epoch 1
        // The last cost is the re-evaluation at the kept parameters.
        TrainingLoop.Result result = run(harness, new Scripted(10, 7, 8, 9, 10, 7));
        assertEquals(List.of(), result.summary().warnings());
        assertEquals(1, result.summary().bestEpoch());
        assertEquals(7, result.summary().cost(), 0.0);
    }

    @Test
    void aCostTenThousandTimesTheStartIsTheLimitOfExploringNotYetDivergence() {
        TrainingLoop.Result result = run(harness(1), new Scripted(1, 1e4));
        assertEquals(1, result.summary().epochs());
        assertEquals(1e4, result.summary().cost(), 0.0);
    }

    @Test
    void divergenceNamesTheEpochTheCostAndTheRateOfTheLastSteps() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> run(harness(5), new Scripted(1, 5000, 20000)));
        assertEquals(2, e.epoch());
        assertTrue(e.getMessage().contains("the cost grew to 20000.0 from 1.0"), e.getMessage());
        assertTrue(e.getMessage().contains("at learning rate 0.05;"), e.getMessage());
    }

    @Test
    void aGradientThatIsNotFiniteIsDivergenceWhateverTheCost() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> run(harness(5), new Scripted(new float[] {Float.NaN, 0f, 0f, 0f}, 1, 0.5)));
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().contains("the cost became NaN"), e.getMessage());
    }

    @Test
    void aGradientNormEqualToTheToleranceStops() {
        LoopHarness harness = harness(5);
        harness.gradientTolerance = 1.25;
        TrainingLoop.Result result = run(harness, new Scripted(new float[] {0.75f, 1f, 0f, 0f}, 10, 9, 8, 7, 6, 5));
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.summary().stopReason(),
                "‖(0.75, 1)‖ = 1.25 is within a tolerance of 1.25");
        assertEquals(1, result.summary().epochs());
    }

    @Test
    void anInverseTimeScheduleCountsStepsFromOne() {
        // scikit-learn's invscaling: the t-th step's rate is η / t^power, t = 1, 2, ...
        LoopHarness harness = harness(3);
        harness.schedule = LearningRateSchedule.inverseTime(0.5);
        List<Double> rates = new ArrayList<>();
        harness.listeners.add(new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report) {
            }

            @Override
            public void onStep(StepReport report) {
                rates.add(report.learningRate());
            }
        });
        run(harness, new Scripted(10, 9, 8, 7));
        assertEquals(3, rates.size());
        double[] expected = {0.1, 0.1 / Math.sqrt(2), 0.1 / Math.sqrt(3)};
        for (int t = 0; t < 3; t++) {
            assertEquals(expected[t], rates.get(t), 1e-12, "step " + (t + 1) + ": " + rates);
        }
    }
}
