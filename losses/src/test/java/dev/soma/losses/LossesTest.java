package dev.soma.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Options;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LossesTest {

    private final Loss log = new LogLossProvider().create(Options.empty());
    private final Loss mse = new SquaredErrorProvider().create(Options.empty());

    @Test
    void bothAreListedForServiceLoader() {
        Set<String> names = ServiceLoader.load(LossProvider.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());
        assertEquals(Set.of("log", "mse", "hinge", "huber"), names);
    }

    @ParameterizedTest
    @ValueSource(floats = {-30f, -4f, -0.5f, 0f, 0.3f, 2f, 25f})
    void logLossIsTheCrossEntropyOfTheSigmoid(float z) {
        double p = 1 / (1 + Math.exp(-z));
        if (p > 1e-4 && p < 1 - 1e-4) { // where the textbook formula is itself accurate
            assertEquals(-Math.log(p), log.value(z, 1), 1e-12);
            assertEquals(-Math.log(1 - p), log.value(z, 0), 1e-12);
        }
        assertEquals(p - 1, log.derivative(z, 1), 1e-7);
        assertEquals(p, log.derivative(z, 0), 1e-7);
    }

    @ParameterizedTest
    @ValueSource(floats = {-1e4f, -700f, 700f, 1e4f, Float.MAX_VALUE, -Float.MAX_VALUE})
    void logLossIsFiniteAndExactWhenTheSigmoidSaturates(float z) {
        // log(1 + e^z) − y·z: for large |z| it is |z| on the wrong side and about 0 on the right side.
        double wrong = z > 0 ? log.value(z, 0) : log.value(z, 1);
        double right = z > 0 ? log.value(z, 1) : log.value(z, 0);
        assertTrue(Double.isFinite(wrong) && Double.isFinite(right));
        assertEquals(Math.abs((double) z), wrong, Math.ulp((double) Math.abs(z)) * 4);
        assertEquals(0, right, 1e-300);
        assertTrue(Float.isFinite(log.derivative(z, 0)) && Float.isFinite(log.derivative(z, 1)));
    }

    @ParameterizedTest
    @ValueSource(floats = {-3f, -0.2f, 0f, 1f, 5f})
    void derivativesPassANumericalCheck(float z) {
        double h = 1.0 / 64; // exact in float, so z ± h loses nothing
        for (float y : new float[] {0f, 1f}) {
            double numerical = (log.value((float) (z + h), y) - log.value((float) (z - h), y)) / (2 * h);
            assertEquals(numerical, log.derivative(z, y), 1e-4, "log at z=" + z + ", y=" + y);
        }
        for (float y : new float[] {-2f, 0.5f, 3f}) {
            double numerical = (mse.value((float) (z + h), y) - mse.value((float) (z - h), y)) / (2 * h);
            assertEquals(numerical, mse.derivative(z, y), 1e-3, "mse at z=" + z + ", y=" + y);
        }
    }

    @Test
    void labelsAndFormsAreDeclared() {
        assertTrue(log.acceptsLabel(0f) && log.acceptsLabel(1f));
        assertFalse(log.acceptsLabel(2f) || log.acceptsLabel(-1f) || log.acceptsLabel(0.5f) || log.acceptsLabel(Float.NaN));
        assertEquals("0 or 1", log.labelRequirement());
        assertEquals(Loss.Form.LOG_LOSS_FROM_LOGIT, log.form());
        assertTrue(mse.acceptsLabel(-3.5f));
        assertFalse(mse.acceptsLabel(Float.POSITIVE_INFINITY));
        assertEquals(Loss.Form.CUSTOM, mse.form());
        assertEquals(9.0, mse.value(1f, -2f));
        assertEquals(6f, mse.derivative(1f, -2f));
    }

    @Test
    void hingeIsTheSvmLossOnLabelsReadAsPlusMinusOne() {
        Loss hinge = new HingeProvider().create(Options.empty());
        assertEquals(0.0, hinge.value(2f, 1f));
        assertEquals(0.5, hinge.value(0.5f, 1f));
        assertEquals(3.0, hinge.value(2f, 0f));
        assertEquals(-1f, hinge.derivative(0.5f, 1f));
        assertEquals(0f, hinge.derivative(1.5f, 1f));
        assertEquals(1f, hinge.derivative(-0.5f, 0f));
        assertFalse(hinge.acceptsLabel(-1f));
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        Loss huber = new HuberProvider().create(Options.of("delta", 2.0));
        assertEquals(0.5, huber.value(1f, 0f));
        assertEquals(2 * (5 - 1), huber.value(5f, 0f), 1e-12);
        assertEquals(2f, huber.derivative(5f, 0f));
        assertEquals(-1f, huber.derivative(-1f, 0f));
    }

    @Test
    void theBatchFormAddsLossesAndWritesDeltas() {
        float[] scores = {-1f, 0f, 2f};
        float[] labels = {0f, 1f, 1f};
        float[] deltas = new float[3];
        double sum = log.lossAndDeltas(scores, labels, deltas, 3);
        assertEquals(log.value(-1f, 0f) + log.value(0f, 1f) + log.value(2f, 1f), sum, 1e-12);
        assertEquals(log.derivative(0f, 1f), deltas[1]);
    }
}
