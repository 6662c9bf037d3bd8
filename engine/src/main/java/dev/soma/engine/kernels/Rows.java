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
    /** Where row 0 of the matrix starts in its array: a matrix may live inside a larger array (a layer in θ). */
    private final int base;

    private Rows(int[] index, int start, int size, int base) {
        this.index = index;
        this.start = start;
        this.size = size;
        this.base = base;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public static Rows range(int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad row range [" + from + ", " + to + ")");
        }
        return new Rows(null, from, to - from, 0);
    }

    /** The rows {@code index[from]}, ..., {@code index[to - 1]}. The array is not copied. */
    public static Rows indexed(int[] index, int from, int to) {
        Objects.checkFromToIndex(from, to, index.length);
        return new Rows(index, from, to - from, 0);
    }

    /**
     * Rows {@code from} to {@code to} of a matrix whose row 0 starts at element {@code base} of its array: a layer's
     * weight matrix inside the flat parameter array.
     */
    public static Rows rangeAt(int base, int from, int to) {
        if (base < 0 || from < 0 || to < from) {
            throw new IllegalArgumentException("bad rows [" + from + ", " + to + ") at base " + base);
        }
        return new Rows(null, from, to - from, base);
    }

    /** The array offset of the row at position {@code k}, in a matrix of {@code d} columns. */
    public int offset(int k, int d) {
        return base + row(k) * d;
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
        return new Rows(index, start + from, to - from, base);
    }

    /** Whether the rows are one contiguous range. */
    public boolean isRange() {
        return index == null;
    }

    /** The array offset of row 0. */
    int base() {
        return base;
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
