package dev.soma.engine.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sparse design matrix in compressed sparse row (CSR) form: row {@code i}'s non-zeros are
 * {@code values[rowStart[i], rowStart[i+1])} at the 0-based columns {@code indices[…]}, in increasing column order.
 * This is the layout of LIBSVM files and of scikit-learn's and LIBLINEAR's sparse matrices: memory and work are
 * proportional to the non-zeros, never to rows × columns. Immutable: the arrays are taken and never changed.
 */
public final class SparseRows {

    private final int[] rowStart;
    private final int[] indices;
    private final float[] values;
    private final int columns;

    private SparseRows(int[] rowStart, int[] indices, float[] values, int columns) {
        this.rowStart = rowStart;
        this.indices = indices;
        this.values = values;
        this.columns = columns;
    }

    /**
     * Rows from CSR arrays, which are taken, not copied, after checking them: {@code rowStart} starts at 0, never
     * decreases and ends at the number of non-zeros; each row's indices increase strictly and lie in
     * {@code [0, columns)}; every value is finite.
     *
     * @throws DataFormatException naming the row and what is wrong
     */
    public static SparseRows of(int[] rowStart, int[] indices, float[] values, int columns) {
        Objects.requireNonNull(rowStart, "rowStart");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        String source = "sparse rows";
        if (rowStart.length < 1 || rowStart[0] != 0) {
            throw new DataFormatException(source, "rowStart must start at 0 and hold one entry more than the rows");
        }
        if (indices.length != values.length || rowStart[rowStart.length - 1] != indices.length) {
            throw new DataFormatException(source, indices.length + " indices, " + values.length + " values and a last"
                    + " row end of " + rowStart[rowStart.length - 1] + " must all be the number of non-zeros");
        }
        if (columns < 1) {
            throw new DataFormatException(source, "a sparse matrix needs at least one column, got " + columns);
        }
        for (int i = 0; i + 1 < rowStart.length; i++) {
            if (rowStart[i + 1] < rowStart[i]) {
                throw new DataFormatException(source, "row " + i + " ends before it starts");
            }
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                if (indices[k] < 0 || indices[k] >= columns) {
                    throw new DataFormatException(source, "row " + i + " has the column " + indices[k] + ", outside [0, "
                            + columns + ")");
                }
                if (k > rowStart[i] && indices[k] <= indices[k - 1]) {
                    throw new DataFormatException(source, "row " + i + "'s columns do not increase (" + indices[k - 1]
                            + " then " + indices[k] + ")");
                }
                if (!Float.isFinite(values[k])) {
                    throw new DataFormatException(source, "row " + i + ", column " + indices[k] + " is " + values[k]
                            + ": every value must be a finite number");
                }
            }
        }
        return new SparseRows(rowStart, indices, values, columns);
    }

    /** The rows of a dense row-major matrix, keeping its non-zeros. */
    public static SparseRows fromDense(float[] x, int rows, int columns) {
        int nonZeros = 0;
        for (float v : x) {
            nonZeros += v != 0 ? 1 : 0;
        }
        int[] start = new int[rows + 1];
        int[] index = new int[nonZeros];
        float[] value = new float[nonZeros];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                float v = x[i * columns + j];
                if (v != 0) {
                    index[k] = j;
                    value[k++] = v;
                }
            }
            start[i + 1] = k;
        }
        return of(start, index, value, columns);
    }

    public int rows() {
        return rowStart.length - 1;
    }

    public int columns() {
        return columns;
    }

    /** The number of stored non-zeros. */
    public int nonZeros() {
        return indices.length;
    }

    /** Where row {@code i}'s entries start in {@link #indexArray()} and {@link #valueArray()}. */
    public int start(int row) {
        return rowStart[row];
    }

    /** Where row {@code i}'s entries end (exclusive). */
    public int end(int row) {
        return rowStart[row + 1];
    }

    /** The row starts, not copied: engine code only, never modified. */
    public int[] rowStartArray() {
        return rowStart;
    }

    /** The column indices, not copied: engine code only, never modified. */
    public int[] indexArray() {
        return indices;
    }

    /** The values, not copied: engine code only, never modified. */
    public float[] valueArray() {
        return values;
    }

    /** The value at ({@code row}, {@code column}): 0 when not stored. */
    public float get(int row, int column) {
        Objects.checkIndex(row, rows());
        Objects.checkIndex(column, columns);
        int k = Arrays.binarySearch(indices, rowStart[row], rowStart[row + 1], column);
        return k >= 0 ? values[k] : 0f;
    }

    /** Row {@code row} as a dense array of {@link #columns()} floats. */
    public float[] dense(int row) {
        float[] out = new float[columns];
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
            out[indices[k]] = values[k];
        }
        return out;
    }

    /** The rows {@code rowIndexes}, in that order (copied). */
    public SparseRows subset(int[] rowIndexes) {
        int[] start = new int[rowIndexes.length + 1];
        long total = 0;
        for (int k = 0; k < rowIndexes.length; k++) {
            total += end(rowIndexes[k]) - start(rowIndexes[k]);
            start[k + 1] = Math.toIntExact(total);
        }
        int[] index = new int[(int) total];
        float[] value = new float[(int) total];
        for (int k = 0; k < rowIndexes.length; k++) {
            int r = rowIndexes[k];
            System.arraycopy(indices, start(r), index, start[k], end(r) - start(r));
            System.arraycopy(values, start(r), value, start[k], end(r) - start(r));
        }
        return new SparseRows(start, index, value, columns);
    }

    /** The same rows with every value of column {@code j} multiplied by {@code factors[j]} (scaling keeps sparsity). */
    public SparseRows scaled(float[] factors) {
        if (factors.length != columns) {
            throw new IllegalArgumentException(factors.length + " factors for " + columns + " columns");
        }
        float[] value = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            value[k] = values[k] * factors[indices[k]];
        }
        return new SparseRows(rowStart, indices, value, columns);
    }

    /** The same rows read as a matrix of {@code newColumns} columns (at least as many as the largest index + 1). */
    public SparseRows withColumns(int newColumns) {
        for (int index : indices) {
            if (index >= newColumns) {
                throw new DataFormatException("sparse rows", "a feature index " + (index + 1) + " is beyond the "
                        + newColumns + " features asked for");
            }
        }
        return new SparseRows(rowStart, indices, values, newColumns);
    }
}
