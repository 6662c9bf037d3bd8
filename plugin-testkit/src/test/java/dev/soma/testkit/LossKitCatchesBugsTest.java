package dev.soma.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Option;
import dev.soma.plugins.Options;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The loss kit passes a correct squared error and fails each planted bug: a sign error in δ, a factor 2 in
 * the value, a factor 2 in value and δ together (which a gradient check alone cannot see), and a batch form
 * that returns the mean instead of the sum.
 */
class LossKitCatchesBugsTest {

    /** {@code L = (s − y)²}, {@code δ = 2(s − y)}, with the bugs switched on by the subclasses. */
    static class Squared implements Loss {
        double valueFactor() {
            return 1;
        }

        double derivativeFactor() {
            return 2;
        }

        @Override
        public String name() {
            return "squared";
        }

        @Override
        public double value(float score, float label) {
            double r = (double) score - label;
            return valueFactor() * r * r;
        }

        @Override
        public float derivative(float score, float label) {
            return (float) (derivativeFactor() * (score - label));
        }
    }

    static final class SignBug extends Squared {
        @Override
        double derivativeFactor() {
            return -2;
        }
    }

    static final class ValueFactorBug extends Squared {
        @Override
        double valueFactor() {
            return 2;
        }
    }

    /** Twice the loss, with its true derivative: consistent, so only the known values can catch it. */
    static final class ConsistentFactorBug extends Squared {
        @Override
        double valueFactor() {
            return 2;
        }

        @Override
        double derivativeFactor() {
            return 4;
        }
    }

    static final class MeanInsteadOfSum extends Squared {
        @Override
        public double lossAndDeltas(float[] scores, float[] labels, float[] deltas, int n) {
            return super.lossAndDeltas(scores, labels, deltas, n) / n;
        }
    }

    /** Writes the deltas before reading the scores, which breaks when the engine passes one array for both. */
    static final class BreaksWhenAliased extends Squared {
        @Override
        public double lossAndDeltas(float[] scores, float[] labels, float[] deltas, int n) {
            for (int i = 0; i < n; i++) {
                deltas[i] = derivative(scores[i], labels[i]);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += value(scores[i], labels[i]);
            }
            return sum;
        }
    }

    abstract static class Kit extends LossConformanceTest {
        abstract Supplier<Loss> loss();

        @Override
        protected LossProvider provider() {
            Supplier<Loss> loss = loss();
            return new LossProvider() {
                @Override
                public String name() {
                    return "squared";
                }

                @Override
                public String description() {
                    return "test loss";
                }

                @Override
                public List<Option<?>> options() {
                    return List.of();
                }

                @Override
                public Loss create(Options options) {
                    return loss.get();
                }
            };
        }

        @Override
        protected float[] labels() {
            return new float[] {-1f, 0.5f, 2f};
        }

        @Override
        protected List<KnownValue> knownValues() {
            return List.of(known(3f, 1f, 4, 4), known(-1f, 0.5f, 2.25, -3));
        }
    }

    static final class CorrectKit extends Kit {
        Supplier<Loss> loss() {
            return Squared::new;
        }
    }

    static final class SignBugKit extends Kit {
        Supplier<Loss> loss() {
            return SignBug::new;
        }
    }

    static final class ValueFactorBugKit extends Kit {
        Supplier<Loss> loss() {
            return ValueFactorBug::new;
        }
    }

    static final class ConsistentFactorBugKit extends Kit {
        Supplier<Loss> loss() {
            return ConsistentFactorBug::new;
        }
    }

    static final class MeanInsteadOfSumKit extends Kit {
        Supplier<Loss> loss() {
            return MeanInsteadOfSum::new;
        }
    }

    static final class BreaksWhenAliasedKit extends Kit {
        Supplier<Loss> loss() {
            return BreaksWhenAliased::new;
        }
    }

    @Test
    void aCorrectLossPassesEveryCheck() {
        KitRunner.Outcome outcome = KitRunner.run(CorrectKit.class);
        assertEquals(Set.of(), outcome.failed());
        assertEquals(7, outcome.run());
    }

    @Test
    void aSignErrorInDeltaFailsTheGradientCheckAndTheKnownValues() {
        Set<String> failed = KitRunner.run(SignBugKit.class).failed();
        assertTrue(failed.containsAll(Set.of("deltaPassesANumericalGradientCheck", "itHasTheKnownValues",
                "theBatchFormHasTheKnownValues")), failed.toString());
    }

    @Test
    void aFactorTwoInTheValueFailsTheGradientCheckAndTheKnownValues() {
        Set<String> failed = KitRunner.run(ValueFactorBugKit.class).failed();
        assertTrue(failed.containsAll(Set.of("deltaPassesANumericalGradientCheck", "itHasTheKnownValues")),
                failed.toString());
    }

    @Test
    void aConsistentFactorTwoFailsTheKnownValues() {
        Set<String> failed = KitRunner.run(ConsistentFactorBugKit.class).failed();
        assertEquals(Set.of("itHasTheKnownValues", "theBatchFormHasTheKnownValues"), failed);
    }

    @Test
    void aBatchFormThatAveragesFailsTheBatchChecks() {
        Set<String> failed = KitRunner.run(MeanInsteadOfSumKit.class).failed();
        assertEquals(Set.of("theBatchFormHasTheKnownValues", "theBatchFormAgreesWithTheExampleFormsSummedIndependently",
                "theDeclaredFormIsKept"), failed);
    }

    @Test
    void aBatchFormThatCannotWorkInPlaceFailsTheCustomFormCheck() {
        Set<String> failed = KitRunner.run(BreaksWhenAliasedKit.class).failed();
        assertEquals(Set.of("theBatchFormAgreesWithTheExampleFormsSummedIndependently", "theDeclaredFormIsKept"), failed);
    }
}
