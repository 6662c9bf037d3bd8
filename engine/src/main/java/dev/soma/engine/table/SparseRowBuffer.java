package dev.soma.engine.table;

import java.util.Arrays;

/**
 * One sparse row as it is encoded: entries added in any order, then sorted by feature with duplicates summed and
 * zeros dropped ({@link #finish}). Reused from row to row; not thread-safe.
 */
final class SparseRowBuffer {

    private long[] packed = new long[64];
    private int size;
    private int[] indices = new int[64];
    private float[] values = new float[64];
    private int length;

    void clear() {
        size = 0;
        length = 0;
    }

    /** Adds {@code value} at feature {@code index} (a NaN marks a missing numeric cell, filled later). */
    void add(int index, float value) {
        if (size == packed.length) {
            packed = Arrays.copyOf(packed, 2 * size);
        }
        // The feature in the high half, the value's bits in the low half: sorting the longs sorts by feature.
        packed[size++] = ((long) index << 32) | (Float.floatToRawIntBits(value) & 0xffffffffL);
    }

    /** Sorts the entries by feature, sums the ones of the same feature, drops zeros. */
    void finish() {
        Arrays.sort(packed, 0, size);
        if (indices.length < size) {
            indices = new int[Math.max(size, 2 * indices.length)];
            values = new float[indices.length];
        }
        length = 0;
        for (int k = 0; k < size; k++) {
            int index = (int) (packed[k] >>> 32);
            float value = Float.intBitsToFloat((int) packed[k]);
            if (length > 0 && indices[length - 1] == index) {
                values[length - 1] += value;
            } else {
                indices[length] = index;
                values[length++] = value;
            }
        }
        int kept = 0;
        for (int k = 0; k < length; k++) {
            if (values[k] != 0 || Float.isNaN(values[k])) {
                indices[kept] = indices[k];
                values[kept++] = values[k];
            }
        }
        length = kept;
    }

    /** The number of entries after {@link #finish}. */
    int length() {
        return length;
    }

    int index(int k) {
        return indices[k];
    }

    float value(int k) {
        return values[k];
    }
}
