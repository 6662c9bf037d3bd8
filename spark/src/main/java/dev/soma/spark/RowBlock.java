package dev.soma.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * A partition's rows, converted once into the layout the engine's kernels read: one row-major {@code float[]} of
 * features and one {@code float[]} of labels. Blocks are cached, so every pass of training reads floats, not
 * Spark rows.
 */
final class RowBlock implements Serializable {

    /** Rows per block: bounds a block's arrays well below 2³¹ floats whatever the partition size. */
    static final int MAX_ROWS = 1 << 16;

    final float[] x;
    final float[] y;
    final int rows;
    final int d;
    /** Which block this is — partition and ordinal in it — so that a seeded sample is the same on every run. */
    final long id;

    RowBlock(float[] x, float[] y, int rows, int d, long id) {
        this.x = x;
        this.y = y;
        this.rows = rows;
        this.d = d;
        this.id = id;
    }

    /**
     * The blocks of one partition. Features must be vectors of one dimension with finite values; labels 0 or 1.
     *
     * @throws IllegalArgumentException naming the column and the value, for anything else
     */
    static Iterator<RowBlock> fromRows(int partition, Iterator<Row> rows, int featuresIndex, int labelIndex,
                                       String featuresCol, String labelCol) {
        List<RowBlock> blocks = new ArrayList<>();
        float[] x = null;
        float[] y = new float[MAX_ROWS];
        int d = -1;
        int n = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (row.isNullAt(featuresIndex) || row.isNullAt(labelIndex)) {
                throw new IllegalArgumentException("a row has no value in '" + featuresCol + "' or '" + labelCol + "': "
                        + row);
            }
            Vector v = (Vector) row.get(featuresIndex);
            if (d < 0) {
                d = v.size();
                x = new float[MAX_ROWS * d];
            } else if (v.size() != d) {
                throw new IllegalArgumentException("'" + featuresCol + "' has vectors of " + d + " and of " + v.size()
                        + " values: every row needs the same dimension");
            }
            double label = ((Number) row.get(labelIndex)).doubleValue();
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("label '" + labelCol + "' is " + label
                        + ", but logistic regression needs 0 or 1");
            }
            for (int j = 0; j < d; j++) {
                double value = v.apply(j);
                if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
                    throw new IllegalArgumentException("'" + featuresCol + "' has " + value + " at index " + j
                            + ": features must be finite floats");
                }
                x[n * d + j] = (float) value;
            }
            y[n++] = (float) label;
            if (n == MAX_ROWS) {
                blocks.add(new RowBlock(x, y, n, d, ((long) partition << 32) | blocks.size()));
                x = new float[MAX_ROWS * d];
                y = new float[MAX_ROWS];
                n = 0;
            }
        }
        if (n > 0) {
            blocks.add(new RowBlock(java.util.Arrays.copyOf(x, n * d), java.util.Arrays.copyOf(y, n), n, d,
                    ((long) partition << 32) | blocks.size()));
        }
        return blocks.iterator();
    }
}
