package dev.soma.engine.table;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.DecimalCells;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TableEncoding} bound to one column layout: each input column's position among a record's cells is
 * found once, so encoding a row is a pass over its cells with no lookup by column name. Counts the categorical
 * cells whose level training did not see. Not thread-safe (it counts): one per thread or per file.
 *
 * <pre>{@code
 * RecordEncoder encoder = model.encoding().bind(List.of("age", "job", "housing"));
 * float[] features = encoder.encode("41", "skilled", "own");
 * Predictions p = model.predictions(new float[][] {features}, true);
 * }</pre>
 */
public final class RecordEncoder {

    private final TableEncoding encoding;
    private final ColumnEncoding[] columns;
    private final int[] position;
    private final int cellCount;
    private final String source;
    /** While training reads its own file with imputation on: a missing numeric cell is written as NaN, filled later. */
    private final Impute trainingImpute;
    private UnknownLevels unknownLevels = UnknownLevels.ZEROS;
    private final long[] unknownByColumn;
    /** With feature hashing: the hasher, and where the hashed block starts among the features. */
    private final FeatureHasher hasher;
    private final int hashedOffset;

    RecordEncoder(TableEncoding encoding, List<String> header, String source, Impute trainingImpute) {
        this.encoding = encoding;
        this.columns = encoding.columns().toArray(ColumnEncoding[]::new);
        this.position = new int[columns.length];
        this.cellCount = header.size();
        this.source = source;
        this.trainingImpute = trainingImpute;
        this.unknownByColumn = new long[columns.length];
        this.hasher = encoding.isHashed() ? new FeatureHasher(encoding.hashBits()) : null;
        this.hashedOffset = encoding.isHashed() ? encoding.hashedOffset() : 0;
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            position[c] = header.indexOf(columns[c].name());
            if (position[c] < 0) {
                missing.add(columns[c].name());
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFormatException(source, 1, -1, "the model needs the columns " + missing
                    + ", which the header " + header + " lacks");
        }
    }

    /** What to do with a level training did not see (default {@link UnknownLevels#ZEROS}). */
    public RecordEncoder unknownLevels(UnknownLevels policy) {
        this.unknownLevels = java.util.Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** The number of features a row becomes. */
    public int dimension() {
        return encoding.dimension();
    }

    /** One record's features; {@code cells} in the bound layout. */
    public float[] encode(String... cells) {
        float[] out = new float[encoding.dimension()];
        encode(cells, out, 0, -1);
        return out;
    }

    /**
     * Writes one record's {@link #dimension()} features into {@code out} from {@code offset}.
     *
     * @param line the record's 1-based line in the source, for messages; -1 when it has none
     * @throws DataFormatException naming the line and column, for a cell the model cannot read
     */
    public void encode(String[] cells, float[] out, int offset, long line) {
        if (cells.length != cellCount) {
            throw new DataFormatException(source, line, -1, "the record has " + cells.length + " cells, but the layout"
                    + " bound has " + cellCount);
        }
        int j = offset;
        if (hasher != null) {
            java.util.Arrays.fill(out, offset + hashedOffset, offset + encoding.dimension(), 0f);
        }
        for (int c = 0; c < columns.length; c++) {
            String cell = cells[position[c]];
            cell = cell == null ? "" : cell.trim();
            switch (columns[c]) {
                case ColumnEncoding.Hashed h -> {
                    int base = offset + hashedOffset;
                    hash(h, encoding.isMissing(cell) && !h.text() ? ColumnEncoding.MISSING : cell,
                            (index, value) -> out[base + index] += value);
                }
                case ColumnEncoding.Numeric n -> {
                    boolean missing = encoding.isMissing(cell);
                    out[j] = numericValue(n, cell, missing, line, position[c]);
                    if (n.indicator()) {
                        out[j + 1] = missing ? 1f : 0f;
                    }
                    j += n.width();
                }
                case ColumnEncoding.Categorical k -> {
                    int width = k.width();
                    java.util.Arrays.fill(out, j, j + width, 0f);
                    int index = levelIndex(k, c, cell, line);
                    if (index >= 0) {
                        out[j + index] = 1f;
                    }
                    j += width;
                }
            }
        }
    }

    /**
     * With feature hashing: one record's non-zero features, sorted, into {@code row} (a missing numeric cell, while
     * training imputes, as NaN).
     */
    void encodeSparse(String[] cells, SparseRowBuffer row, long line) {
        if (cells.length != cellCount) {
            throw new DataFormatException(source, line, -1, "the record has " + cells.length + " cells, but the layout"
                    + " bound has " + cellCount);
        }
        row.clear();
        int j = 0;
        for (int c = 0; c < columns.length; c++) {
            String cell = cells[position[c]];
            cell = cell == null ? "" : cell.trim();
            switch (columns[c]) {
                case ColumnEncoding.Numeric n -> {
                    boolean missing = encoding.isMissing(cell);
                    float v = numericValue(n, cell, missing, line, position[c]);
                    if (v != 0) {
                        row.add(j, v);
                    }
                    if (n.indicator() && missing) {
                        row.add(j + 1, 1f);
                    }
                    j += n.width();
                }
                case ColumnEncoding.Categorical k -> {
                    int index = levelIndex(k, c, cell, line);
                    if (index >= 0) {
                        row.add(j + index, 1f);
                    }
                    j += k.width();
                }
                case ColumnEncoding.Hashed h -> hash(h, encoding.isMissing(cell) && !h.text() ? ColumnEncoding.MISSING
                        : cell, (index, value) -> row.add(hashedOffset + index, value));
            }
        }
        row.finish();
    }

    /** A hashed column's cell into its signed hashed entries: the whole value, or each word of a text. */
    private void hash(ColumnEncoding.Hashed column, String cell, FeatureHasher.Sink sink) {
        if (column.text()) {
            hasher.words(column.name(), cell, sink);
        } else {
            hasher.category(column.name(), cell, sink);
        }
    }

    /**
     * The cell's level within its column's one-hot block, or -1 for a level training did not see — counted, or an
     * error with {@link UnknownLevels#ERROR}.
     */
    private int levelIndex(ColumnEncoding.Categorical k, int c, String cell, long line) {
        int index = k.levelIndex(encoding.isMissing(cell) ? ColumnEncoding.MISSING : cell);
        if (index < 0) {
            if (unknownLevels == UnknownLevels.ERROR) {
                throw new DataFormatException(source, line, position[c] + 1, "'" + k.name() + "' is '" + cell
                        + "', a level the model did not see in training; its levels are " + abbreviated(k.levels())
                        + " (without --unknown error the column would be all zeros)");
            }
            unknownByColumn[c]++;
        }
        return index;
    }

    /**
     * A numeric cell's value: the number, or for a missing cell the column's imputed value, NaN while training
     * imputes (filled once the statistic is known), or an error naming the cell.
     */
    private float numericValue(ColumnEncoding.Numeric n, String cell, boolean missing, long line, int column) {
        if (!missing) {
            return DecimalCells.parse(cell, source, line, column, n.name());
        }
        if (n.imputes()) {
            return (float) n.fill();
        }
        if (trainingImpute != null && trainingImpute != Impute.NONE) {
            return Float.NaN;
        }
        throw missingNumber(n, cell, line, column);
    }

    private DataFormatException missingNumber(ColumnEncoding.Numeric n, String cell, long line, int column) {
        String what = "'" + n.name() + "' is " + (cell.isEmpty() ? "empty" : "'" + cell + "'") + ", a missing value";
        if (trainingImpute != null) {
            return new DataFormatException(source, line, column + 1, what + ", in a numeric column: fill it with the"
                    + " training statistic with --impute mean or --impute median (TableSpec.impute in Java;"
                    + " --missing-indicator also marks such cells), or declare the column --categorical");
        }
        return new DataFormatException(source, line, column + 1, what + ", and the model has no imputation for"
                + " this numeric column (it had none in training): fill the cell, or train with --impute mean|median");
    }

    /** How many categorical cells had a level training did not see (encoded as zeros). */
    public long unknownCells() {
        long total = 0;
        for (long k : unknownByColumn) {
            total += k;
        }
        return total;
    }

    /** The unseen-level cells per column, for the columns that had any, in column order. */
    public Map<String, Long> unknownByColumn() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int c = 0; c < columns.length; c++) {
            if (unknownByColumn[c] > 0) {
                out.put(columns[c].name(), unknownByColumn[c]);
            }
        }
        return out;
    }

    static String abbreviated(List<String> levels) {
        return levels.size() <= 20 ? levels.toString()
                : levels.subList(0, 20).toString().replace("]", ", … (" + levels.size() + " in all)]");
    }
}
