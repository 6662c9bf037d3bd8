package dev.soma.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * A partition's rows, converted once into the layout the engine's kernels read, with one {@code float[]} of labels:
 * either one row-major {@code float[]} of features (dense: every row a {@code DenseVector}), read by the fused SIMD
 * pass, or compressed sparse rows — row starts, {@code int} column indices, {@code float} values — read by the
 * sparse gather and scatter. Blocks are cached, so every pass of training reads floats, not Spark rows.
 *
 * <p>A block is dense while all its rows are; the first {@code SparseVector} of a partition turns the block's rows
 * so far into CSR (keeping their non-zeros), and every later row and block of that partition is stored sparse,
 * dense vectors included. Rows never move between blocks or change order, so a block's identity and its rows are
 * the same whatever the mix of vector types — the seeded minibatch samples pick the same rows — and one block is
 * one kernel, not two interleaved layouts.
 */
final class RowBlock implements Serializable {

    /** Rows per block: bounds a dense block's arrays well below 2³¹ floats whatever the partition size. */
    static final int MAX_ROWS = 1 << 16;
    /** Non-zeros per sparse block, so that its offsets stay {@code int}s. */
    static final int MAX_NONZEROS = 1 << 28;

    /** Dense features, row-major; null for a sparse block. */
    final float[] x;
    /** CSR: row i's non-zeros are {@code start[i] .. start[i+1]}; all null for a dense block. */
    final int[] start;
    final int[] index;
    final float[] value;
    final float[] y;
    final int rows;
    final int d;
    /** Which block this is — partition and ordinal in it — so that a seeded sample is the same on every run. */
    final long id;

    RowBlock(float[] x, float[] y, int rows, int d, long id) {
        this(x, null, null, null, y, rows, d, id);
    }

    private RowBlock(float[] x, int[] start, int[] index, float[] value, float[] y, int rows, int d, long id) {
        this.x = x;
        this.start = start;
        this.index = index;
        this.value = value;
        this.y = y;
        this.rows = rows;
        this.d = d;
        this.id = id;
    }

    static RowBlock sparse(int[] start, int[] index, float[] value, float[] y, int rows, int d, long id) {
        return new RowBlock(null, start, index, value, y, rows, d, id);
    }

    boolean isSparse() {
        return x == null;
    }

    /** The number of stored values: rows × d for a dense block, the non-zeros for a sparse one. */
    long stored() {
        return isSparse() ? start[rows] : (long) rows * d;
    }

    /**
     * The blocks of one partition. Features must be vectors of one dimension with finite values; labels 0 or 1.
     *
     * @throws IllegalArgumentException naming the column and the value, for anything else
     */
    static Iterator<RowBlock> fromRows(int partition, Iterator<Row> rows, int featuresIndex, int labelIndex,
                                       String featuresCol, String labelCol) {
        Builder builder = new Builder(partition, featuresCol);
        while (rows.hasNext()) {
            Row row = rows.next();
            if (row.isNullAt(featuresIndex) || row.isNullAt(labelIndex)) {
                throw new IllegalArgumentException("a row has no value in '" + featuresCol + "' or '" + labelCol + "': "
                        + row);
            }
            Vector v = (Vector) row.get(featuresIndex);
            double label = ((Number) row.get(labelIndex)).doubleValue();
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("label '" + labelCol + "' is " + label
                        + ", but logistic regression needs 0 or 1");
            }
            builder.add(v, (float) label);
        }
        return builder.finish().iterator();
    }

    /** Fills blocks row by row: dense until the partition's first sparse vector, CSR from then on. */
    private static final class Builder {
        private final int partition;
        private final String featuresCol;
        private final List<RowBlock> blocks = new ArrayList<>();
        private int d = -1;
        private boolean sparse;
        private float[] x;
        private float[] y = new float[MAX_ROWS];
        private int[] start;
        private int[] index;
        private float[] value;
        private int n;

        Builder(int partition, String featuresCol) {
            this.partition = partition;
            this.featuresCol = featuresCol;
        }

        void add(Vector v, float label) {
            if (d < 0) {
                d = v.size();
            } else if (v.size() != d) {
                throw new IllegalArgumentException("'" + featuresCol + "' has vectors of " + d + " and of " + v.size()
                        + " values: every row needs the same dimension");
            }
            if (!sparse && v instanceof SparseVector) {
                toSparse();
            }
            if (sparse) {
                addSparse(v);
            } else {
                if (x == null) {
                    x = new float[MAX_ROWS * d];
                }
                for (int j = 0; j < d; j++) {
                    x[n * d + j] = checked(v.apply(j), j);
                }
            }
            y[n++] = label;
            if (n == MAX_ROWS) {
                flush();
            }
        }

        /** The rows of the block so far, and all later ones, in CSR. */
        private void toSparse() {
            sparse = true;
            start = new int[MAX_ROWS + 1];
            index = new int[1024];
            value = new float[1024];
            int nnz = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    float f = x[i * d + j];
                    if (f != 0) {
                        nnz = append(nnz, j, f);
                    }
                }
                start[i + 1] = nnz;
            }
            x = null;
        }

        private void addSparse(Vector v) {
            if (start == null) {
                start = new int[MAX_ROWS + 1];
                index = new int[1024];
                value = new float[1024];
            }
            int most = v instanceof SparseVector s ? s.indices().length : d;
            if (most > MAX_NONZEROS - start[n] && n > 0) {
                flush();
            }
            int nnz = start[n];
            if (v instanceof SparseVector s) {
                int[] indices = s.indices();
                double[] values = s.values();
                int previous = -1;
                for (int k = 0; k < indices.length; k++) {
                    int j = indices[k];
                    if (j <= previous || j >= d) {
                        throw new IllegalArgumentException("'" + featuresCol + "' has a sparse vector with index " + j
                                + " after " + previous + " (size " + d + "): indices must increase within the size");
                    }
                    previous = j;
                    float f = checked(values[k], j);
                    if (f != 0) {
                        nnz = append(nnz, j, f);
                    }
                }
            } else {
                double[] values = v.toArray();
                for (int j = 0; j < d; j++) {
                    float f = checked(values[j], j);
                    if (f != 0) {
                        nnz = append(nnz, j, f);
                    }
                }
            }
            start[n + 1] = nnz;
        }

        private int append(int nnz, int j, float f) {
            if (nnz == MAX_NONZEROS) {
                throw new IllegalArgumentException("'" + featuresCol + "' has a row with more than " + MAX_NONZEROS
                        + " non-zeros");
            }
            if (nnz == index.length) {
                int grown = (int) Math.min(MAX_NONZEROS, 2L * index.length);
                index = Arrays.copyOf(index, grown);
                value = Arrays.copyOf(value, grown);
            }
            index[nnz] = j;
            value[nnz] = f;
            return nnz + 1;
        }

        private float checked(double value, int j) {
            if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
                throw new IllegalArgumentException("'" + featuresCol + "' has " + value + " at index " + j
                        + ": features must be finite floats");
            }
            return (float) value;
        }

        private void flush() {
            if (n == 0) {
                return;
            }
            long id = ((long) partition << 32) | blocks.size();
            boolean full = n == MAX_ROWS;
            if (sparse) {
                int nnz = start[n];
                blocks.add(sparse(Arrays.copyOf(start, n + 1), Arrays.copyOf(index, nnz), Arrays.copyOf(value, nnz),
                        full ? y : Arrays.copyOf(y, n), n, d, id));
                index = new int[1024];
                value = new float[1024];
                start = new int[MAX_ROWS + 1];
            } else {
                blocks.add(new RowBlock(full ? x : Arrays.copyOf(x, n * d), full ? y : Arrays.copyOf(y, n), n, d, id));
                x = null;
            }
            y = new float[MAX_ROWS];
            n = 0;
        }

        List<RowBlock> finish() {
            flush();
            return blocks;
        }
    }
}
