package dev.soma.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void rowsAndColumnsGiveTheSameRowMajorLayout() {
        Dataset byRows = Dataset.fromRows(new float[][] {{1, 2, 3}, {4, 5, 6}}, new float[] {0, 1});
        Dataset byColumns = Dataset.fromColumns(new float[][] {{1, 4}, {2, 5}, {3, 6}}, new float[] {0, 1});
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, byRows.featureArray());
        assertArrayEquals(byRows.featureArray(), byColumns.featureArray());
        assertEquals(2, byColumns.size());
        assertEquals(3, byColumns.dimension());
        Dataset flat = Dataset.fromRowMajor(new float[] {1, 2, 3, 4, 5, 6}, 3, new float[] {0, 1});
        assertArrayEquals(byRows.featureArray(), flat.featureArray());
    }

    @Test
    void factoriesCopyTheirInput() {
        float[][] rows = {{1, 2}};
        float[] labels = {1};
        Dataset data = Dataset.fromRows(rows, labels);
        rows[0][0] = 99;
        labels[0] = 0;
        assertEquals(1f, data.feature(0, 0));
        assertEquals(1f, data.label(0));
    }

    @Test
    void raggedRowsAreRejected() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Dataset.fromRows(new float[][] {{1, 2}, {3}}, new float[] {0, 1}));
        assertTrue(e.getMessage().contains("row 1 has 1 features, but row 0 has 2"), e.getMessage());
    }

    @Test
    void aLabelCountMismatchIsRejected() {
        assertThrows(DataFormatException.class, () -> Dataset.fromRows(new float[][] {{1}, {2}}, new float[] {0}));
        assertThrows(DataFormatException.class, () -> Dataset.fromColumns(new float[][] {{1, 2}}, new float[] {0}));
        assertThrows(DataFormatException.class, () -> Dataset.fromRowMajor(new float[5], 2, new float[2]));
    }

    @Test
    void noRowsOrNoFeaturesAreRejected() {
        assertTrue(assertThrows(DataFormatException.class, () -> Dataset.fromRows(new float[0][], new float[0]))
                .getMessage().contains("no rows"));
        assertTrue(assertThrows(DataFormatException.class, () -> Dataset.fromRows(new float[][] {{}}, new float[] {1}))
                .getMessage().contains("no feature columns"));
        assertThrows(DataFormatException.class, () -> Dataset.fromRowMajor(new float[0], 3, new float[0]));
    }

    @Test
    void nonFiniteValuesAreRejectedWithTheirPlace() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Dataset.fromRows(new float[][] {{1, 2}, {3, Float.NaN}}, new float[] {0, 1}));
        assertEquals("rows: row 1: column 1: feature 'x1' is NaN: every value must be a finite number", e.getMessage());
        assertThrows(DataFormatException.class,
                () -> Dataset.fromRows(new float[][] {{1}}, new float[] {Float.POSITIVE_INFINITY}));
    }

    @Test
    void standardisationUsesThePopulationStandardDeviationAndLeavesConstantsCentred() {
        Dataset data = Dataset.fromRows(new float[][] {{1, 5}, {3, 5}, {5, 5}}, new float[] {0, 1, 0});
        Standardizer s = Standardizer.fit(data);
        assertArrayEquals(new double[] {3, 5}, s.means(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 1}, s.scales(), 1e-12);
        float[] x = s.transform(data).featureArray();
        assertEquals(0f, x[3]);
        assertEquals((float) (-2 / Math.sqrt(8.0 / 3)), x[0], 1e-6f);
    }
}
