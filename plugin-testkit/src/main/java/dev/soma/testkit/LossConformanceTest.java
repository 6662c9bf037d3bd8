package dev.soma.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Options;
import org.junit.jupiter.api.Test;

/**
 * The conformance tests every loss plugin should pass. Extend it and return your provider; override
 * {@link #labels()} for the labels your loss takes (default 0 and 1) and {@link #scores()} to keep the gradient
 * check away from points where your loss has a kink.
 *
 * <pre>{@code
 * class LogCoshConformanceTest extends LossConformanceTest {
 *     protected LossProvider provider() { return new LogCoshProvider(); }
 * }
 * }</pre>
 *
 * It checks δ against a central-difference derivative of the value, the batch form against the per-example
 * forms, finiteness far from zero, the declared labels, and the promise of a declared {@link Loss.Form}.
 *
 * <p>The tests are JUnit 5 (Jupiter) tests: run them with Maven Surefire 3 or newer (Surefire 2.12, Maven 3.8's
 * default, finds no JUnit 5 test and reports success without running any).
 */
public abstract class LossConformanceTest {

    /** For subclasses, which JUnit instantiates once per test. */
    public LossConformanceTest() {
    }

    /**
     * The provider under test.
     *
     * @return a new provider of the loss
     */
    protected abstract LossProvider provider();

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
                        "δ of '" + loss.name() + "' at score " + s + ", label " + y);
            }
        }
    }

    /** {@code lossAndDeltas} returns the sum of {@code value} and writes each {@code derivative}. */
    @Test
    public void theBatchFormAgreesWithTheExampleForms() {
        Loss loss = loss();
        float[] scores = scores();
        float[] labels = new float[scores.length];
        float[] deltas = new float[scores.length];
        double expected = 0;
        for (int i = 0; i < scores.length; i++) {
            labels[i] = labels()[i % labels().length];
            expected += loss.value(scores[i], labels[i]);
        }
        double sum = loss.lossAndDeltas(scores, labels, deltas, scores.length);
        assertEquals(expected, sum, 1e-9 * Math.max(1, Math.abs(expected)));
        for (int i = 0; i < scores.length; i++) {
            assertEquals(loss.derivative(scores[i], labels[i]), deltas[i], 1e-6f);
        }
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
        assertTrue(!loss.acceptsLabel(Float.NaN), "NaN is never a label");
        assertTrue(!loss.labelRequirement().isBlank());
    }

    /** A loss that declares {@link Loss.Form#LOG_LOSS_FROM_LOGIT} computes exactly that formula and σ − y. */
    @Test
    public void aDeclaredFormIsKept() {
        Loss loss = loss();
        if (loss.form() == Loss.Form.LOG_LOSS_FROM_LOGIT) {
            for (float y : new float[] {0f, 1f}) {
                for (float s : scores()) {
                    double expected = Math.log1p(Math.exp(-Math.abs((double) s))) + Math.max(s, 0) - y * s;
                    assertEquals(expected, loss.value(s, y), 1e-12, "the log loss at " + s);
                    double sigmoid = 1 / (1 + Math.exp(-s));
                    assertEquals(sigmoid - y, loss.derivative(s, y), 1e-6, "σ − y at " + s);
                }
            }
        }
    }
}
