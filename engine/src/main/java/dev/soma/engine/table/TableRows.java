package dev.soma.engine.table;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A training table's raw cells held in memory, so that its {@link TableEncoding} — column types, categorical
 * levels, imputation fills, missing indicators — can be learned from any subset of its rows and other rows encoded
 * through it. Cross-validation needs this: each fold's encoding must be learned from that fold's training rows
 * only, never from the rows it is scored on.
 *
 * <p>{@link #fit(int[])} on every row gives the dataset {@link TableReader#read(Path, TableSpec)} gives (same
 * features, labels, encoding). The label's classes are the whole table's, so every subset spells its labels the
 * same way. Holds every cell as a string: meant for tables that fit in memory several times over.
 */
public final class TableRows {

    private final String name;
    private final List<String> header;
    private final TableSpec spec;
    private final String[][] cells;
    private final long[] lines;
    private final int labelColumn;
    private final List<String> classes;
    /**
     * For numeric labels read as classes ({@link #labelsAsClasses}): the whole table's distinct label values in
     * increasing order, each label coded as its index; null when the labels are read as they are.
     */
    private final float[] classValues;

    private TableRows(String name, List<String> header, TableSpec spec, String[][] cells, long[] lines,
                      int labelColumn, List<String> classes, float[] classValues) {
        this.name = name;
        this.header = header;
        this.spec = spec;
        this.cells = cells;
        this.lines = lines;
        this.labelColumn = labelColumn;
        this.classes = classes;
        this.classValues = classValues;
    }

    /**
     * The same table with a numeric label read as class names, as {@link Dataset#asClasses()} reads a dataset's:
     * each distinct number of the whole table a class spelled as the data writes it, in increasing order — so that
     * every subset (a fold's training rows, its held-out rows) codes its labels alike. Text labels are classes
     * already: this table is returned as it is.
     *
     * @throws DataFormatException when the label takes more than {@link Dataset#MAX_CLASSES} values
     */
    public TableRows labelsAsClasses() {
        if (!classes.isEmpty() || classValues != null) {
            return this;
        }
        java.util.TreeSet<Float> distinct = new java.util.TreeSet<>();
        String labelName = header.get(labelColumn);
        for (int r = 0; r < cells.length; r++) {
            distinct.add(TableReader.labelValue(cells[r][labelColumn], classes, name, lines[r], labelColumn, labelName));
            if (distinct.size() > Dataset.MAX_CLASSES) {
                throw new DataFormatException(name, "the label '" + labelName + "' takes more than "
                        + Dataset.MAX_CLASSES + " values: too many to be classes");
            }
        }
        float[] values = new float[distinct.size()];
        List<String> spellings = new ArrayList<>();
        int k = 0;
        for (float v : distinct) {
            values[k++] = v;
            spellings.add(Dataset.spell(v));
        }
        return new TableRows(name, header, spec, cells, lines, labelColumn, List.copyOf(spellings), values);
    }

    /**
     * Reads a training table's cells, checking them as {@link TableReader#read(Path, TableSpec)} does (the same
     * errors for the same file).
     */
    public static TableRows read(Path file, TableSpec spec) throws IOException {
        Objects.requireNonNull(spec, "spec");
        try (CsvSource csv = CsvSource.open(file, spec.delimiter(), spec.charset())) {
            TableReader.Survey survey = new TableReader.Survey(csv.name(), csv.header(), spec);
            List<String[]> rows = new ArrayList<>();
            List<Long> lineList = new ArrayList<>();
            survey.rows = csv.forEachRow((values, line) -> {
                survey.add(values, line);
                rows.add(values);
                lineList.add(line);
            });
            if (survey.rows == 0) {
                throw new DataFormatException(csv.name(), "the file has a header but no data rows");
            }
            survey.encoding(spec); // the whole table's column errors (too many levels), as TableReader gives them
            return new TableRows(csv.name(), csv.header(), spec, rows.toArray(String[][]::new),
                    lineList.stream().mapToLong(Long::longValue).toArray(), survey.labelColumn, survey.labelClasses(),
                    null);
        }
    }

    /** The number of data rows. */
    public int size() {
        return cells.length;
    }

    /** The file's name, as messages give it. */
    public String name() {
        return name;
    }

    /** Every row, encoded by an encoding learned from every row: what {@link TableReader#read} returns. */
    public Dataset fitAll() {
        return fit(java.util.stream.IntStream.range(0, cells.length).toArray());
    }

    /**
     * The rows {@code rows} (in that order), encoded by an encoding learned from them alone: column types, levels,
     * missing indicators and imputation fills come from these rows; the label's classes are the whole table's.
     */
    public Dataset fit(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to learn an encoding from");
        }
        TableReader.Survey survey = new TableReader.Survey(name, header, spec);
        for (int r : rows) {
            survey.add(cells[r], lines[r]);
        }
        survey.rows = rows.length;
        TableEncoding provisional = survey.encoding(spec);
        return encode(provisional, rows, spec.impute(), true).data();
    }

    /**
     * The rows {@code rows} read through {@code encoding} (learned elsewhere) as a model reads new labelled rows: a
     * level it has not seen is zeros (and counted), a missing numeric cell takes its fill.
     */
    public EncodedTable encode(TableEncoding encoding, int[] rows) {
        return encode(encoding, rows, null, false);
    }

    /**
     * Encodes {@code rows}; while training ({@code impute} not null) missing numeric cells are NaN until filled with
     * the statistic of these rows, which the returned encoding records.
     */
    private EncodedTable encode(TableEncoding encoding, int[] rows, Impute impute, boolean training) {
        RecordEncoder encoder = new RecordEncoder(encoding, header, name, training ? impute : null)
                .unknownLevels(UnknownLevels.ZEROS);
        int n = rows.length;
        float[] y = new float[n];
        long[] rowLines = new long[n];
        String labelName = header.get(labelColumn);
        for (int i = 0; i < n; i++) {
            String[] row = cells[rows[i]];
            rowLines[i] = lines[rows[i]];
            y[i] = classValues == null
                    ? TableReader.labelValue(row[labelColumn], classes, name, rowLines[i], labelColumn, labelName)
                    : java.util.Arrays.binarySearch(classValues, TableReader.labelValue(row[labelColumn], List.of(),
                            name, rowLines[i], labelColumn, labelName));
        }
        Dataset data;
        if (encoding.isHashed()) {
            CsrBuilder csr = new CsrBuilder(n, name);
            SparseRowBuffer buffer = new SparseRowBuffer();
            for (int i = 0; i < n; i++) {
                encoder.encodeSparse(cells[rows[i]], buffer, rowLines[i]);
                csr.addRow(buffer);
            }
            TableEncoding learned = training ? csr.impute(encoding, impute) : encoding;
            data = Dataset.ofSparseTable(csr.rows(encoding.dimension()), y, learned, labelName, classes, name, rowLines);
        } else {
            int d = encoding.dimension();
            float[] x = new float[Math.multiplyExact(n, d)];
            for (int i = 0; i < n; i++) {
                encoder.encode(cells[rows[i]], x, i * d, rowLines[i]);
            }
            TableEncoding learned = training ? TableReader.impute(encoding, x, n, impute, name) : encoding;
            data = Dataset.ofTable(x, y, d, learned, labelName, classes, name, rowLines);
        }
        return new EncodedTable(data, true, encoder.unknownCells(), encoder.unknownByColumn());
    }
}
