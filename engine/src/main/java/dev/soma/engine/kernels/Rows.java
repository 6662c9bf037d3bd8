package dev.soma.engine.kernels;

import java.util.Objects;

/**
 * Which rows of a row-major matrix a kernel visits, in order: a contiguous range (full-batch passes, scoring)
 * or a slice of an index list (shuffled minibatches). Position {@code k} of the selection is row
 * {@link #row(int) row(k)}; kernels write per-row outputs at positions, not at row numbers.
 */
public final class Rows {

    private final int[] index;
    private final int start;
    private final int size;

    private Rows(int[] index, int start, int size) {
        this.index = index;
        this.start = start;
        this.size = size;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public static Rows range(int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad row range [" + from + ", " + to + ")");
        }
        return new Rows(null, from, to - from);
    }

    /** The rows {@code index[from]}, ..., {@code index[to - 1]}. The array is not copied. */
    public static Rows of(int[] index, int from, int to) {
        Objects.checkFromToIndex(from, to, index.length);
        return new Rows(index, from, to - from);
    }

    /** How many rows are selected. */
    public int size() {
        return size;
    }

    /** The row number at position {@code k}. */
    public int row(int k) {
        return index == null ? start + k : index[start + k];
    }

    /** The sub-selection of positions {@code [from, to)}. */
    public Rows slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return new Rows(index, start + from, to - from);
    }

    /** Whether the rows are one contiguous range. */
    public boolean isRange() {
        return index == null;
    }

    /** The largest row number selected, or -1 when empty (for bounds checks). */
    int maxRow() {
        if (size == 0) {
            return -1;
        }
        if (index == null) {
            return start + size - 1;
        }
        int max = -1;
        for (int k = 0; k < size; k++) {
            max = Math.max(max, index[start + k]);
        }
        return max;
    }

    @Override
    public String toString() {
        return index == null ? "rows [" + start + ", " + (start + size) + ")" : size + " indexed rows";
    }
}
