package dev.soma.engine.table;

import dev.soma.engine.data.Dataset;
import java.util.Map;

/**
 * Rows read for a model: the encoded dataset (sparse with feature hashing, dense otherwise), whether its labels
 * were read, and the cells whose level the model did not see in training (encoded as zeros).
 *
 * @param data            the encoded rows; their labels are zeros when no label column was read
 * @param hasLabels       true when the label column was read
 * @param unknownCells    the categorical cells with a level training did not see
 * @param unknownByColumn those cells per column, for the columns that had any
 */
public record EncodedTable(Dataset data, boolean hasLabels, long unknownCells, Map<String, Long> unknownByColumn) {

    public EncodedTable {
        unknownByColumn = Map.copyOf(unknownByColumn);
    }

    /** The rows with their labels, or null when no label column was read. */
    public Dataset labelled() {
        return hasLabels ? data : null;
    }

    /** The number of rows. */
    public int rows() {
        return data.size();
    }

    /** The dense rows' features, row-major (not for hashed, sparse rows). */
    public float[] features() {
        return data.featureArray();
    }

    /** The dense rows as one array each, for {@link dev.soma.engine.model.Model#predictions(float[][], boolean)}. */
    public float[][] rowArrays() {
        float[][] out = new float[data.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.row(i);
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
