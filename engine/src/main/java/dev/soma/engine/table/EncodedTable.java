package dev.soma.engine.table;

import dev.soma.engine.data.Dataset;
import java.util.Map;

/**
 * Rows read for a model: their encoded features, the labelled dataset when a label column was read, and the cells
 * whose level the model did not see in training (encoded as zeros).
 *
 * @param features        {@code rows × encoding.dimension()} floats, row-major
 * @param rows            the number of rows
 * @param labelled        the rows with their labels, or null when no label was read
 * @param unknownCells    the categorical cells with a level training did not see
 * @param unknownByColumn those cells per column, for the columns that had any
 */
public record EncodedTable(float[] features, int rows, Dataset labelled, long unknownCells,
                           Map<String, Long> unknownByColumn) {

    public EncodedTable {
        unknownByColumn = Map.copyOf(unknownByColumn);
    }

    /** The rows as one array each, for {@link dev.soma.engine.model.Model#predictions}. */
    public float[][] rowArrays() {
        int d = rows == 0 ? 0 : features.length / rows;
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = java.util.Arrays.copyOfRange(features, i * d, (i + 1) * d);
        }
        return out;
    }

    /** A sentence about the unseen levels for people, or empty when there were none. */
    public String unknownLevelsNote() {
        if (unknownCells == 0) {
            return "";
        }
        return unknownCells + " cell" + (unknownCells == 1 ? " had a level" : "s had levels") + " not seen in training "
                + new java.util.TreeMap<>(unknownByColumn) + "; " + (unknownCells == 1 ? "its column was" : "their columns were")
                + " encoded as all zeros (--unknown error to refuse them)";
    }
}
