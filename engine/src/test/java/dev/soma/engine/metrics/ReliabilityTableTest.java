package dev.soma.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The bin edges of scikit-learn's {@code calibration_curve}: a probability on an inner edge goes to the bin below. */
class ReliabilityTableTest {

    @Test
    void aProbabilityOnAnEdgeBelongsToTheBinBelow() {
        ReliabilityTable table = ReliabilityTable.of(new float[] {0f, 0.5f, 0.75f, 1f}, new int[] {0, 1, 0, 1}, 4);
        // Bins (0, 0.25], (0.25, 0.5], (0.5, 0.75], (0.75, 1]; 0 is in the first.
        assertEquals(4, table.bins().size());
        assertEquals(0.25, table.bins().get(1).lower());
        assertEquals(0.5, table.bins().get(1).meanPredicted(), 0);
        assertEquals(0.75, table.bins().get(2).meanPredicted(), 0);
        assertEquals(1.0, table.bins().get(3).meanPredicted(), 0);
        assertEquals((0 + 0.25 + 0.5625 + 0) / 4, table.brierScore(), 1e-12);
        assertEquals((0 + 0.5 + 0.75 + 0) / 4, table.expectedCalibrationError(), 1e-12);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReliabilityTable.of(new float[] {1.5f}, new int[] {1}, 10));
        assertThrows(IllegalArgumentException.class, () -> ReliabilityTable.of(new float[] {0.5f}, new int[] {2}, 10));
        assertThrows(IllegalArgumentException.class, () -> ReliabilityTable.of(new float[0], new int[0], 10));
    }
}
