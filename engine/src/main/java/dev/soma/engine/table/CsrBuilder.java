package dev.soma.engine.table;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.MemoryBudget;
import dev.soma.engine.data.SparseRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sparse rows of a hashed table as they are read: each row's sorted non-zeros appended to growing CSR arrays
 * (checked against the heap as they grow), then the missing numeric cells (NaN) filled by the imputation
 * statistic of their column — zeros included, which the sparse rows do not store.
 */
final class CsrBuilder {

    private int[] rowStart;
    private final String source;
    private int[] indices = new int[1 << 12];
    private float[] values = new float[1 << 12];
    private int rows;
    private int size;

    /** @param expectedRows the row count if known (it grows past it) */
    CsrBuilder(int expectedRows, String source) {
        this.rowStart = new int[Math.max(expectedRows, 16) + 1];
        this.source = source;
    }

    void addRow(SparseRowBuffer row) {
        int length = row.length();
        if (size + length > indices.length) {
            long grown = Math.max(size + (long) length, indices.length + (indices.length >> 1));
            if (grown > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(source, "more than 2³¹ non-zeros: train on a sample, or in parts");
            }
            MemoryBudget.heap().require(grown * (Integer.BYTES + Float.BYTES), source,
                    (long) size * (Integer.BYTES + Float.BYTES));
            indices = Arrays.copyOf(indices, (int) grown);
            values = Arrays.copyOf(values, (int) grown);
        }
        for (int k = 0; k < length; k++) {
            indices[size + k] = row.index(k);
            values[size + k] = row.value(k);
        }
        size += length;
        if (rows + 2 > rowStart.length) {
            rowStart = Arrays.copyOf(rowStart, rowStart.length + (rowStart.length >> 1) + 1);
        }
        rowStart[++rows] = size;
    }

    SparseRows rows(int columns) {
        return SparseRows.of(Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(indices, size),
                Arrays.copyOf(values, size), columns);
    }

    /** Fills every NaN with its numeric column's statistic; the encoding, with the statistics recorded. */
    TableEncoding impute(TableEncoding provisional, Impute how) {
        if (how == Impute.NONE) {
            return provisional;
        }
        int named = provisional.hashedOffset();
        int[] slotOf = new int[named];
        Arrays.fill(slotOf, -1);
        List<ColumnEncoding.Numeric> numeric = new ArrayList<>();
        int j = 0;
        for (ColumnEncoding c : provisional.columns()) {
            if (c instanceof ColumnEncoding.Numeric n) {
                slotOf[j] = numeric.size();
                numeric.add(n);
            }
            j += c.width();
        }
        float[][] present = new float[numeric.size()][16];
        int[] count = new int[numeric.size()];
        int[] missing = new int[numeric.size()];
        for (int k = 0; k < size; k++) {
            int feature = indices[k];
            if (feature < named && slotOf[feature] >= 0) {
                int s = slotOf[feature];
                if (Float.isNaN(values[k])) {
                    missing[s]++;
                } else {
                    if (count[s] == present[s].length) {
                        present[s] = Arrays.copyOf(present[s], 2 * count[s]);
                    }
                    present[s][count[s]++] = values[k];
                }
            }
        }
        double[] fill = new double[numeric.size()];
        for (int s = 0; s < fill.length; s++) {
            int zeros = rows - count[s] - missing[s];
            if (count[s] + zeros == 0) {
                throw new DataFormatException(source, "the numeric column '" + numeric.get(s).name() + "' has no"
                        + " value to impute from: every cell is missing (leave it out with --ignore)");
            }
            // The zeros are values too: the sparse rows just do not store them.
            float[] all = Arrays.copyOf(present[s], count[s] + zeros);
            fill[s] = TableReader.statistic(all, how);
        }
        for (int k = 0; k < size; k++) {
            if (Float.isNaN(values[k])) {
                values[k] = (float) fill[slotOf[indices[k]]];
            }
        }
        List<ColumnEncoding> columns = new ArrayList<>();
        for (ColumnEncoding c : provisional.columns()) {
            columns.add(c instanceof ColumnEncoding.Numeric n
                    ? new ColumnEncoding.Numeric(n.name(), fill[numeric.indexOf(n)], n.indicator()) : c);
        }
        return new TableEncoding(columns, provisional.naValues(), provisional.ignored(), provisional.hashBits());
    }
}
