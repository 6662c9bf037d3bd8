package dev.soma.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Options;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The conformance tests every loss plugin should pass. Extend it, return your provider and a few values of your
 * loss worked out by hand; override {@link #labels()} for the labels your loss takes (default 0 and 1) and
 * {@link #scores()} to keep the gradient check away from points where your loss has a kink:
 *
 * <pre>{@code
 * class MyLossConformanceTest extends LossConformanceTest {
 *     protected LossProvider provider() { return new MyLossProvider(); }
 *     protected List<KnownValue> knownValues() {
 *         return List.of(known(0f, 1f, Math.log(2), -0.5), known(2f, 0f, ..., ...));
 *     }
 * }
 * }</pre>
 *
 * Every check compares the plugin with something it did not compute itself: δ with a central-difference
 * derivative of the value, value and δ with the author's {@link #knownValues() known values}, the batch form
 * {@link Loss#lossAndDeltas} (the engine's path for a {@link Loss.Form#CUSTOM} loss) with the known values and
 * with a compensated sum of the per-example forms taken in another order, and a declared
 * {@link Loss.Form#LOG_LOSS_FROM_LOGIT} with that formula evaluated here.
 *
 * <p>The tests are JUnit 5 (Jupiter) tests: run them with Maven Surefire 3 or newer (Surefire 2.12, Maven 3.8's
 * default, finds no JUnit 5 test and reports success without running any).
 */
public abstract class LossConformanceTest {

    /** For subclasses, which JUnit instantiates once per test. */
    public LossConformanceTest() {
    }

    /**
     * A point where the author knows the loss: {@code L(score, label) = value} and {@code ∂L/∂score = derivative}
     * there, worked out by hand or from the definition (for example the log loss at score 0 is ln 2).
     *
     * @param score      the score, before any link function
     * @param label      a label the loss accepts
     * @param value      {@code L(score, label)}
     * @param derivative {@code ∂L/∂score} at that point
     */
    public record KnownValue(float score, float label, double value, double derivative) {
    }

    /**
     * A {@link KnownValue}.
     *
     * @param score      the score, before any link function
     * @param label      a label the loss accepts
     * @param value      {@code L(score, label)}
     * @param derivative {@code ∂L/∂score} at that point
     * @return the known value
     */
    protected static KnownValue known(float score, float label, double value, double derivative) {
        return new KnownValue(score, label, value, derivative);
    }

    /**
     * The provider under test.
     *
     * @return a new provider of the loss
     */
    protected abstract LossProvider provider();

    /**
     * At least two points where you know your loss and its derivative independently of the plugin's code, with
     * {@link #options()} applied, away from kinks. They catch what a gradient check cannot: a loss and a δ that
     * are both wrong by the same factor or the same sign.
     *
     * @return two or more known values
     */
    protected abstract List<KnownValue> knownValues();

    /**
     * The options to create the loss with (default: none, so every option takes its default).
     *
     * @return the option values
     */
    protected Options options() {
        return Options.empty();
    }

    /**
     * Labels the loss must accept, used throughout the checks (default 0 and 1). A regression loss may give
     * others, such as {@code -2, 0.5, 3}.
     *
     * @return valid labels
     */
    protected float[] labels() {
        return new float[] {0f, 1f};
    }

    /**
     * Scores for the gradient check: away from kinks (default ±0.37, ±1.6, ±3.3, 0.05). A loss with a kink
     * (the hinge at margin 1, Huber at ±δ from the label) gives scores away from it for every label.
     *
     * @return scores where the loss is differentiable
     */
    protected float[] scores() {
        return new float[] {-3.3f, -1.6f, -0.37f, 0.05f, 0.37f, 1.6f, 3.3f};
    }

    private Loss loss() {
        return provider().create(options());
    }

    /** {@code derivative} agrees with a central difference of {@code value}, step 1/256, at every label and score. */
    @Test
    public void deltaPassesANumericalGradientCheck() {
        Loss loss = loss();
        double h = 1.0 / 256; // exact in float, so score ± h loses nothing
        for (float y : labels()) {
            for (float s : scores()) {
                double numerical = (loss.value((float) (s + h), y) - loss.value((float) (s - h), y)) / (2 * h);
                double analytic = loss.derivative(s, y);
                assertEquals(numerical, analytic, 1e-3 * Math.max(1, Math.abs(numerical)),
                        "δ of '" + loss.name() + "' at score " + s + ", label " + y
                                + " against the central difference of its value");
            }
        }
    }

    /** {@code value} and {@code derivative} equal the {@link #knownValues() known values}. */
    @Test
    public void itHasTheKnownValues() {
        Loss loss = loss();
        List<KnownValue> known = knownValues();
        assertTrue(known.size() >= 2, "give at least two known values of '" + loss.name() + "'");
        for (KnownValue k : known) {
            assertTrue(loss.acceptsLabel(k.label()), "the known value's label " + k.label() + " is accepted");
            assertEquals(k.value(), loss.value(k.score(), k.label()), 1e-9 * Math.max(1, Math.abs(k.value())),
                    "L(" + k.score() + ", " + k.label() + ") of '" + loss.name() + "'");
            assertEquals(k.derivative(), loss.derivative(k.score(), k.label()), 1e-6 * Math.max(1, Math.abs(k.derivative())),
                    "δ(" + k.score() + ", " + k.label() + ") of '" + loss.name() + "'");
        }
    }

    /** {@code lossAndDeltas} returns the sum of the known values and writes their derivatives. */
    @Test
    public void theBatchFormHasTheKnownValues() {
        Loss loss = loss();
        List<KnownValue> known = knownValues();
        int n = known.size();
        float[] scores = new float[n];
        float[] labels = new float[n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            scores[i] = known.get(i).score();
            labels[i] = known.get(i).label();
            expected += known.get(i).value();
        }
        float[] deltas = new float[n];
        double sum = loss.lossAndDeltas(scores, labels, deltas, n);
        assertEquals(expected, sum, 1e-9 * Math.max(1, Math.abs(expected)), "the sum of the known values");
        for (int i = 0; i < n; i++) {
            assertEquals(known.get(i).derivative(), deltas[i], 1e-6 * Math.max(1, Math.abs(known.get(i).derivative())),
                    "δ of known value " + i);
        }
    }

    /**
     * {@code lossAndDeltas} over many seeded examples agrees with a compensated sum of {@code value} taken in
     * another order and with each {@code derivative}, also in place (scores and deltas in one array).
     */
    @Test
    public void theBatchFormAgreesWithTheExampleFormsSummedIndependently() {
        checkBatchForm(loss(), 257);
    }

    /** Value and δ are finite, and the value non-negative, at scores of ±100 and ±10⁴. */
    @Test
    public void itStaysFiniteFarFromZero() {
        Loss loss = loss();
        for (float y : labels()) {
            for (float s : new float[] {-1e4f, -100f, 100f, 1e4f}) {
                assertTrue(Double.isFinite(loss.value(s, y)), "L(" + s + ", " + y + ") is finite");
                assertTrue(Float.isFinite(loss.derivative(s, y)), "δ(" + s + ", " + y + ") is finite");
                assertTrue(loss.value(s, y) >= 0, "L(" + s + ", " + y + ") >= 0");
            }
        }
    }

    /**
     * The loss is named as its provider, accepts {@link #labels()}, refuses NaN and describes its labels in
     * {@code labelRequirement}.
     */
    @Test
    public void itAcceptsItsLabelsAndDescribesThem() {
        Loss loss = loss();
        assertEquals(provider().name(), loss.name());
        for (float y : labels()) {
            assertTrue(loss.acceptsLabel(y), "label " + y + " is accepted");
        }
        assertFalse(loss.acceptsLabel(Float.NaN), "NaN is never a label");
        assertFalse(loss.labelRequirement().isBlank());
    }

    /**
     * The promise of the declared form. The engine computes a {@link Loss.Form#LOG_LOSS_FROM_LOGIT} loss with its
     * own fused kernel, so value and δ must be that formula; it computes a {@link Loss.Form#CUSTOM} loss through
     * {@link Loss#lossAndDeltas}, with the scores and the deltas in one array, so that path must agree with the
     * per-example forms there too.
     */
    @Test
    public void theDeclaredFormIsKept() {
        Loss loss = loss();
        switch (loss.form()) {
            case LOG_LOSS_FROM_LOGIT -> {
                for (float y : new float[] {0f, 1f}) {
                    for (float s : new float[] {-30f, -3.3f, -0.37f, 0f, 0.05f, 1.6f, 12f}) {
                        double ln1pExp = s > 0 ? s + Math.log1p(Math.exp(-(double) s)) : Math.log1p(Math.exp(s));
                        assertEquals(ln1pExp - y * (double) s, loss.value(s, y), 1e-12 * Math.max(1, Math.abs(s)),
                                "log(1 + e^s) − y·s at " + s + ", label " + y);
                        double sigmoid = 1 / (1 + Math.exp(-(double) s));
                        assertEquals(sigmoid - y, loss.derivative(s, y), 1e-6, "σ(s) − y at " + s + ", label " + y);
                    }
                }
            }
            case CUSTOM -> {
                checkBatchForm(loss, 3);
                checkBatchForm(loss, 64);
            }
        }
    }

    /**
     * {@code lossAndDeltas} over {@code n} seeded examples, into arrays longer than {@code n}, against a compensated
     * sum of {@code value} taken from the last example to the first and against {@code derivative}; then again with
     * the scores and deltas in one array, as the engine calls it.
     */
    private void checkBatchForm(Loss loss, int n) {
        Random random = new Random(31L * n);
        float[] labelChoices = labels();
        float[] scores = new float[n + 3];
        float[] labels = new float[n + 3];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) (4 * random.nextGaussian());
            labels[i] = labelChoices[random.nextInt(labelChoices.length)];
        }
        double expected = 0;
        double compensation = 0;
        for (int i = n - 1; i >= 0; i--) {
            double term = loss.value(scores[i], labels[i]) - compensation;
            double next = expected + term;
            compensation = (next - expected) - term;
            expected = next;
        }
        double tolerance = 1e-9 * Math.max(1, Math.abs(expected));

        float[] deltas = new float[n + 3];
        java.util.Arrays.fill(deltas, Float.NaN);
        float[] scoresBefore = scores.clone();
        double sum = loss.lossAndDeltas(scores, labels, deltas, n);
        assertEquals(expected, sum, tolerance, "lossAndDeltas of " + n + " examples is the sum of their values");
        for (int i = 0; i < n; i++) {
            assertEquals(loss.derivative(scores[i], labels[i]), deltas[i], 1e-6f, "δ of example " + i + " of " + n);
        }
        for (int i = n; i < deltas.length; i++) {
            assertTrue(Float.isNaN(deltas[i]), "lossAndDeltas writes no δ beyond the n = " + n + " examples");
        }
        assertTrue(java.util.Arrays.equals(scoresBefore, scores), "lossAndDeltas does not change the scores");

        float[] inPlace = scores.clone();
        double sumInPlace = loss.lossAndDeltas(inPlace, labels, inPlace, n);
        assertEquals(expected, sumInPlace, tolerance, "lossAndDeltas with the deltas written over the scores");
        for (int i = 0; i < n; i++) {
            assertEquals(deltas[i], inPlace[i], 1e-6f, "δ of example " + i + " written over its score");
        }
        for (int i = n; i < inPlace.length; i++) {
            if (inPlace[i] != scores[i]) {
                fail("lossAndDeltas in place changed entry " + i + ", beyond the n = " + n + " examples");
            }
        }
    }
}
