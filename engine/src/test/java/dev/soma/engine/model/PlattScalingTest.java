package dev.soma.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.metrics.ReliabilityTable;
import org.junit.jupiter.api.Test;

/**
 * Platt scaling against scikit-learn's sigmoid calibration, and the reliability table against its
 * {@code calibration_curve}: reference values from {@code benchmarks/peers/platt.py} (scikit-learn 1.2.1).
 */
class PlattScalingTest {

    private static final float[] SCORES = new float[300];
    private static final int[] CLASSES = new int[300];

    static {
        // The formula of platt.py: the same scores and classes.
        for (int i = 0; i < SCORES.length; i++) {
            double z = 4 * Math.sin(0.37 * i) + 0.5 * Math.cos(1.3 * i);
            double u = Math.sin(12.9898 * i) * 43758.5453;
            u -= Math.floor(u);
            SCORES[i] = (float) z;
            CLASSES[i] = u < 1 / (1 + Math.exp(-(1.7 * z - 0.4))) ? 1 : 0;
        }
    }

    @Test
    void fitsScikitLearnsSigmoid() {
        int positives = java.util.Arrays.stream(CLASSES).sum();
        assertEquals(145, positives, "the formula's classes, as platt.py prints them");
        PlattScaling platt = PlattScaling.fit(SCORES, CLASSES, 5);
        // scikit-learn stops BFGS at a gradient of 1e-5; Soma's Newton goes to 1e-10 per example.
        assertEquals(-1.3366628547, platt.a(), 1e-4);
        assertEquals(0.3983071948, platt.b(), 1e-4);
        assertEquals(5, platt.folds());
        assertTrue(platt.probability(10) > 0.99 && platt.probability(-10) < 0.01);
        assertEquals(platt.probability(0.3) >= 0.5, platt.isClassOne(0.3));
        assertEquals(1.0, platt.probability(1e6), 0.0, "no overflow far out");
        assertEquals(0.0, platt.probability(-1e6), 0.0);
    }

    @Test
    void theReliabilityTableIsScikitLearnsCalibrationCurve() {
        PlattScaling platt = PlattScaling.fit(SCORES, CLASSES, 5);
        float[] p = new float[SCORES.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) platt.probability(SCORES[i]);
        }
        ReliabilityTable table = ReliabilityTable.of(p, CLASSES, 10);
        double[] fraction = {0.0168067227, 0.1428571429, 0.1428571429, 0.2000000000, 0.4000000000, 0.8125000000,
            0.5000000000, 1.0000000000, 0.8095238095, 0.9803921569};
        double[] predicted = {0.0223974064, 0.1494214577, 0.2506538036, 0.3507001627, 0.4565526053, 0.5662315851,
            0.6409485121, 0.7973655308, 0.8415169383, 0.9754211998};
        assertEquals(10, table.bins().size());
        for (int b = 0; b < 10; b++) {
            assertEquals(fraction[b], table.bins().get(b).fractionPositive(), 1e-9, "bin " + b);
            assertEquals(predicted[b], table.bins().get(b).meanPredicted(), 1e-4, "bin " + b);
        }
        assertEquals(300, table.bins().stream().mapToInt(ReliabilityTable.Bin::count).sum());
        assertTrue(table.brierScore() > 0 && table.brierScore() < 0.25, "brier " + table.brierScore());
    }

    @Test
    void refusesWhatItCannotCalibrate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlattScaling.fit(new float[] {1, 2, 3}, new int[] {1, 1, 1}, 3));
        assertTrue(e.getMessage().contains("both classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlattScaling.fit(new float[] {1, Float.NaN}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> PlattScaling.fit(new float[] {1}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new PlattScaling(Double.NaN, 0, 2));
    }
}
