package dev.soma.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.BasicOptimizerProvider;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import dev.soma.plugins.VectorOps;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The optimizer kit passes a correct exponential-average rule and fails, with a message that names the problem,
 * each planted bug: a step that ignores the schedule's learning-rate factor, a {@code restore} that drops a buffer,
 * and a swapped β and 1 − β that only the author's reference rule can tell from the right one.
 */
class OptimizerKitCatchesBugsTest {

    /** {@code m ← β·m + (1 − β)·g}, {@code θ ← θ − ε·m}, with β = 0.9; the bugs are switched on by subclasses. */
    static class Averaging implements Optimizer {
        static final double RATE = 0.1;
        static final float BETA = 0.9f;
        float[] average;
        long steps;

        boolean usesRateFactor() {
            return true;
        }

        float keep() {
            return BETA;
        }

        @Override
        public String name() {
            return "averaging";
        }

        @Override
        public int batchSize() {
            return 1;
        }

        @Override
        public void initialise(int parameterCount, VectorOps ops) {
            average = new float[parameterCount];
            steps = 0;
        }

        @Override
        public void step(float[] parameters, float[] gradient, StepContext context) {
            double rate = usesRateFactor() ? RATE * context.learningRateFactor() : RATE;
            for (int i = 0; i < parameters.length; i++) {
                average[i] = keep() * average[i] + (1 - keep()) * gradient[i];
                parameters[i] -= (float) (rate * average[i]);
            }
            steps++;
        }

        @Override
        public void reset() {
            Arrays.fill(average, 0f);
            steps = 0;
        }

        @Override
        public Optimizer copy() {
            Averaging copy = fresh();
            copy.average = average.clone();
            copy.steps = steps;
            return copy;
        }

        Averaging fresh() {
            return new Averaging();
        }

        @Override
        public double learningRate() {
            return RATE;
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public OptimizerState state() {
            return new OptimizerState(name(), steps, Map.of("average", average), Map.of());
        }

        @Override
        public void restore(OptimizerState state) {
            state.requireCompatible(name(), average.length);
            System.arraycopy(state.buffer("average"), 0, average, 0, average.length);
            steps = state.steps();
        }
    }

    static final class IgnoresRateFactor extends Averaging {
        @Override
        boolean usesRateFactor() {
            return false;
        }

        @Override
        Averaging fresh() {
            return new IgnoresRateFactor();
        }
    }

    static final class RestoreDropsTheAverage extends Averaging {
        @Override
        public void restore(OptimizerState state) {
            state.requireCompatible(name(), average.length);
            steps = state.steps();
        }

        @Override
        Averaging fresh() {
            return new RestoreDropsTheAverage();
        }
    }

    static final class SwappedBeta extends Averaging {
        @Override
        float keep() {
            return 1 - BETA;
        }

        @Override
        Averaging fresh() {
            return new SwappedBeta();
        }
    }

    /** Declares plain gradient descent, so the engine would skip its averaging: the kit must refuse it. */
    static final class FalselyPlain extends Averaging {
        @Override
        public boolean plainGradientDescent() {
            return true;
        }

        @Override
        public void countPlainSteps(long count) {
            steps += count;
        }

        @Override
        Averaging fresh() {
            return new FalselyPlain();
        }
    }

    abstract static class Kit extends OptimizerConformanceTest {
        abstract Supplier<Optimizer> optimizer();

        @Override
        protected OptimizerProvider provider() {
            Supplier<Optimizer> optimizer = optimizer();
            return new BasicOptimizerProvider("averaging", "an exponential average of gradients", List.of(),
                    options -> optimizer.get()) {
            };
        }

        /** The rule as written above, in double. */
        @Override
        protected ReferenceRule referenceRule() {
            double[][] average = {null};
            return (theta, gradient, rate) -> {
                if (average[0] == null) {
                    average[0] = new double[theta.length];
                }
                double[] next = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    average[0][i] = 0.9 * average[0][i] + 0.1 * gradient[i];
                    next[i] = theta[i] - rate * average[0][i];
                }
                return next;
            };
        }

        @Override
        protected Options options() {
            return Options.empty();
        }

        @Override
        protected int quadraticSteps() {
            return 2000;
        }
    }

    static final class CorrectKit extends Kit {
        Supplier<Optimizer> optimizer() {
            return Averaging::new;
        }
    }

    static final class IgnoresRateFactorKit extends Kit {
        Supplier<Optimizer> optimizer() {
            return IgnoresRateFactor::new;
        }
    }

    static final class RestoreDropsTheAverageKit extends Kit {
        Supplier<Optimizer> optimizer() {
            return RestoreDropsTheAverage::new;
        }
    }

    static final class SwappedBetaKit extends Kit {
        Supplier<Optimizer> optimizer() {
            return SwappedBeta::new;
        }
    }

    static final class FalselyPlainKit extends Kit {
        Supplier<Optimizer> optimizer() {
            return FalselyPlain::new;
        }
    }

    @Test
    void aRuleThatFalselyDeclaresPlainGradientDescentFailsAndSaysSo() {
        KitRunner.Outcome outcome = KitRunner.run(FalselyPlainKit.class);
        assertEquals(Set.of("aDeclaredPlainRuleIsExactlyPlainGradientDescent"), outcome.failed(),
                outcome.messages().toString());
        assertTrue(outcome.messages().get("aDeclaredPlainRuleIsExactlyPlainGradientDescent")
                .contains("declare it only for exactly that rule"), outcome.messages().toString());
    }

    @Test
    void aCorrectRulePassesEveryCheck() {
        KitRunner.Outcome outcome = KitRunner.run(CorrectKit.class);
        assertEquals(Set.of(), outcome.failed(), outcome.messages().toString());
        assertTrue(outcome.run() >= 10, "the kit's tests ran: " + outcome.run());
    }

    @Test
    void aStepThatIgnoresTheRateFactorFailsAndSaysSo() {
        KitRunner.Outcome outcome = KitRunner.run(IgnoresRateFactorKit.class);
        assertEquals(Set.of("theLearningRateFactorScalesTheStep"), outcome.failed(), outcome.messages().toString());
        assertTrue(outcome.messages().get("theLearningRateFactorScalesTheStep")
                .contains("multiply the learning rate by context.learningRateFactor()"), outcome.messages().toString());
    }

    @Test
    void aRestoreThatDropsABufferNamesTheBufferAndTheIndex() {
        KitRunner.Outcome outcome = KitRunner.run(RestoreDropsTheAverageKit.class);
        assertTrue(outcome.failed().contains("theStateRoundTripContinuesExactly"), outcome.failed().toString());
        assertTrue(outcome.messages().get("theStateRoundTripContinuesExactly")
                .contains("restore then state(): buffer 'average' differs first at index 0"), outcome.messages().toString());
    }

    @Test
    void aSwappedBetaIsCaughtByTheReferenceRule() {
        KitRunner.Outcome outcome = KitRunner.run(SwappedBetaKit.class);
        assertTrue(outcome.failed().contains("itsStepsMatchTheAuthorsReferenceRule"), outcome.failed().toString());
        assertTrue(outcome.messages().get("itsStepsMatchTheAuthorsReferenceRule").startsWith("step 1: θ[0] is"),
                outcome.messages().toString());
    }
}
