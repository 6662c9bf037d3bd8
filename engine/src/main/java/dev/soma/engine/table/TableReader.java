package dev.soma.engine.table;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.DecimalCells;
import dev.soma.engine.data.LargeFileHint;
import dev.soma.engine.data.MemoryBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads tables as people have them — numbers, words, integer codes, empty cells, an id column — into the encoded
 * row-major matrix the kernels use, and learns the {@link TableEncoding} a model keeps to read raw rows the same way.
 *
 * <p>Training reads its file twice, streaming both times: the first pass finds each column's type (a column with
 * any present cell that is not a number is categorical, unless declared), its levels and its missing cells, the
 * row count and the label's classes; the second writes each row's features straight into the one {@code float[]}
 * of the dataset. No string is kept per row and the data is never held twice.
 */
public final class TableReader {

    private TableReader() {
    }

    /**
     * Reads a training table: infers what {@code spec} does not declare, encodes every row, and returns the
     * dataset with its {@link Dataset#encoding() encoding}.
     *
     * @throws DataFormatException naming the file, line and column of what cannot be read, or the declared column
     *                             that is not in the header, or the categorical column with too many levels
     */
    public static Dataset read(Path file, TableSpec spec) throws IOException {
        LargeFileHint.opening(file);
        Survey survey = survey(file, spec);
        TableEncoding provisional = survey.encoding(spec);
        if (provisional.isHashed()) {
            return readHashed(file, spec, survey, provisional);
        }
        int d = provisional.dimension();
        long cells = Math.multiplyExact(survey.rows, (long) d);
        if (cells > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(survey.name, survey.rows + " rows of " + d + " encoded features are more than"
                    + " the 2³¹ floats a dataset can hold: train on a sample, or leave wide categorical columns out");
        }
        MemoryBudget.heap().require(cells * Float.BYTES, survey.name, 0);
        int n = (int) survey.rows;
        float[] x = new float[(int) cells];
        float[] y = new float[n];
        long[] lines = new long[n];
        List<String> classes = survey.labelClasses();
        try (CsvSource csv = CsvSource.open(file, spec.delimiter(), spec.charset())) {
            RecordEncoder encoder = new RecordEncoder(provisional, csv.header(), csv.name(), spec.impute());
            int labelColumn = survey.labelColumn;
            String labelName = csv.header().get(labelColumn);
            int[] row = {0};
            csv.forEachRow((values, line) -> {
                int i = row[0]++;
                if (i >= n) {
                    throw new DataFormatException(csv.name(), line, -1, "the file changed while it was read");
                }
                encoder.encode(values, x, i * d, line);
                y[i] = labelValue(values[labelColumn], classes, csv.name(), line, labelColumn, labelName);
                lines[i] = line;
            });
            if (row[0] != n) {
                throw new DataFormatException(csv.name(), "the file changed while it was read");
            }
            TableEncoding encoding = impute(provisional, x, n, spec.impute(), csv.name());
            return Dataset.ofTable(x, y, d, encoding, labelName, classes, csv.name(), lines);
        }
    }

    /** Pass 2 with feature hashing: each row's non-zeros straight into growing CSR arrays. */
    private static Dataset readHashed(Path file, TableSpec spec, Survey survey, TableEncoding provisional)
            throws IOException {
        int n = Math.toIntExact(survey.rows);
        float[] y = new float[n];
        long[] lines = new long[n];
        List<String> classes = survey.labelClasses();
        try (CsvSource csv = CsvSource.open(file, spec.delimiter(), spec.charset())) {
            RecordEncoder encoder = new RecordEncoder(provisional, csv.header(), csv.name(), spec.impute());
            CsrBuilder csr = new CsrBuilder(n, csv.name());
            int labelColumn = survey.labelColumn;
            String labelName = csv.header().get(labelColumn);
            SparseRowBuffer row = new SparseRowBuffer();
            int[] count = {0};
            csv.forEachRow((values, line) -> {
                int i = count[0]++;
                if (i >= n) {
                    throw new DataFormatException(csv.name(), line, -1, "the file changed while it was read");
                }
                encoder.encodeSparse(values, row, line);
                csr.addRow(row);
                y[i] = labelValue(values[labelColumn], classes, csv.name(), line, labelColumn, labelName);
                lines[i] = line;
            });
            if (count[0] != n) {
                throw new DataFormatException(csv.name(), "the file changed while it was read");
            }
            TableEncoding encoding = csr.impute(provisional, spec.impute());
            return Dataset.ofSparseTable(csr.rows(provisional.dimension()), y, encoding, labelName, classes,
                    csv.name(), lines);
        }
    }

    /**
     * Reads labelled rows for scoring a model that reads {@code encoding}: its columns by name, in any order, other
     * columns ignored.
     *
     * @param label     the label column, or null for the file's last column
     * @param textLabel true to read the label as class names even when they look like numbers (the model's classes
     *                  are words)
     * @param dialect   the delimiter and charset (the rest of it is the encoding's)
     */
    public static EncodedTable readLabelled(Path file, TableEncoding encoding, String label, boolean textLabel,
                                            TableSpec dialect, UnknownLevels unknownLevels) throws IOException {
        return readEncoded(file, encoding, true, label, textLabel, dialect, unknownLevels);
    }

    /** Reads unlabelled rows (any label column is ignored) for a model that reads {@code encoding}. */
    public static EncodedTable readRows(Path file, TableEncoding encoding, TableSpec dialect,
                                        UnknownLevels unknownLevels) throws IOException {
        return readEncoded(file, encoding, false, null, false, dialect, unknownLevels);
    }

    /** The cells of the columns {@code names}, as text, one array per data row (columns carried through as written). */
    public static String[][] readText(Path file, List<String> names, TableSpec dialect) throws IOException {
        try (CsvSource csv = CsvSource.open(file, dialect.delimiter(), dialect.charset())) {
            List<String> missing = names.stream().filter(n -> !csv.header().contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new DataFormatException(csv.name(), 1, -1, "there is no column " + missing + "; the columns are "
                        + csv.header());
            }
            int[] columns = names.stream().mapToInt(csv.header()::indexOf).toArray();
            List<String[]> rows = new ArrayList<>();
            csv.forEachRow((values, line) -> {
                String[] kept = new String[columns.length];
                for (int j = 0; j < columns.length; j++) {
                    kept[j] = values[columns[j]];
                }
                rows.add(kept);
            });
            return rows.toArray(String[][]::new);
        }
    }

    private static EncodedTable readEncoded(Path file, TableEncoding encoding, boolean labelled, String labelOrNull,
                                            boolean textLabel, TableSpec dialect, UnknownLevels unknownLevels)
            throws IOException {
        try (CsvSource csv = CsvSource.open(file, dialect.delimiter(), dialect.charset())) {
            List<String> header = csv.header();
            int labelColumn = -1;
            String label = labelled && labelOrNull == null ? header.getLast() : labelOrNull;
            if (labelled) {
                labelColumn = header.indexOf(label);
                if (labelColumn < 0) {
                    throw new DataFormatException(csv.name(), 1, -1, "there is no label column '" + label
                            + "'; the columns are " + header);
                }
                if (encoding.columnNames().contains(label)) {
                    throw new DataFormatException(csv.name(), 1, -1, "the label column '" + label + "' is also one of"
                            + " the model's input columns: name the label column");
                }
            }
            RecordEncoder encoder = new RecordEncoder(encoding, header, csv.name(), null).unknownLevels(unknownLevels);
            int d = encoding.dimension();
            boolean hashed = encoding.isHashed();
            FloatBuffer x = hashed ? null : new FloatBuffer(d, csv.name());
            CsrBuilder csr = hashed ? new CsrBuilder(1024, csv.name()) : null;
            SparseRowBuffer sparseRow = hashed ? new SparseRowBuffer() : null;
            List<String> labelCells = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            int lc = labelColumn;
            csv.forEachRow((values, line) -> {
                if (hashed) {
                    encoder.encodeSparse(values, sparseRow, line);
                    csr.addRow(sparseRow);
                } else {
                    encoder.encode(values, x.nextRow(), x.rowOffset(), line);
                }
                if (lc >= 0) {
                    String cell = values[lc];
                    if (encoding.isMissing(cell)) {
                        throw new DataFormatException(csv.name(), line, lc + 1, "the label '" + label + "' is "
                                + (cell.isEmpty() ? "empty" : "'" + cell + "'") + ": every row needs a label");
                    }
                    labelCells.add(cell);
                }
                lines.add(line);
            });
            if (lines.isEmpty()) {
                throw new DataFormatException(csv.name(), "the file has a header but no data rows");
            }
            int n = lines.size();
            float[] y = new float[n];
            List<String> classes = List.of();
            if (labelled) {
                boolean text = textLabel || labelCells.stream().anyMatch(c -> !DecimalCells.looksNumeric(c));
                classes = text ? new ArrayList<>(new TreeSet<>(labelCells)) : List.of();
                for (int i = 0; i < n; i++) {
                    y[i] = text ? java.util.Collections.binarySearch(classes, labelCells.get(i))
                            : DecimalCells.parse(labelCells.get(i), csv.name(), lines.get(i), lc, label);
                }
            }
            long[] lineArray = lines.stream().mapToLong(Long::longValue).toArray();
            Dataset data = hashed
                    ? Dataset.ofSparseTable(csr.rows(d), y, encoding, label, classes, csv.name(), lineArray)
                    : Dataset.ofTable(x.toArray(), y, d, encoding, label, classes, csv.name(), lineArray);
            return new EncodedTable(data, labelled, encoder.unknownCells(), encoder.unknownByColumn());
        }
    }

    /** A training label: the number, or for text labels its class's index among the sorted {@code classes}. */
    static float labelValue(String cell, List<String> classes, String source, long line, int column,
                                    String labelName) {
        return classes.isEmpty() ? DecimalCells.parse(cell, source, line, column, labelName)
                : java.util.Collections.binarySearch(classes, cell);
    }

    /** Fills the NaN a missing numeric cell was written as, and records the statistic in the encoding. */
    static TableEncoding impute(TableEncoding provisional, float[] x, int n, Impute how, String source) {
        if (how == Impute.NONE) {
            return provisional;
        }
        int d = provisional.dimension();
        List<ColumnEncoding> columns = new ArrayList<>();
        int j = 0;
        for (ColumnEncoding c : provisional.columns()) {
            if (c instanceof ColumnEncoding.Numeric numeric) {
                float[] present = new float[n];
                int count = 0;
                for (int i = 0; i < n; i++) {
                    float v = x[i * d + j];
                    if (!Float.isNaN(v)) {
                        present[count++] = v;
                    }
                }
                if (count == 0) {
                    throw new DataFormatException(source, "the numeric column '" + c.name() + "' has no value to"
                            + " impute from: every cell is missing (leave it out with --ignore)");
                }
                double fill = statistic(Arrays.copyOf(present, count), how);
                for (int i = 0; i < n; i++) {
                    if (Float.isNaN(x[i * d + j])) {
                        x[i * d + j] = (float) fill;
                    }
                }
                columns.add(new ColumnEncoding.Numeric(c.name(), fill, numeric.indicator()));
            } else {
                columns.add(c);
            }
            j += c.width();
        }
        return new TableEncoding(columns, provisional.naValues(), provisional.ignored());
    }

    /** The mean (in double) or the median (the mean of the middle two for an even count) of {@code values}. */
    static double statistic(float[] values, Impute how) {
        if (how == Impute.MEAN) {
            double sum = 0;
            for (float v : values) {
                sum += v;
            }
            return sum / values.length;
        }
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : ((double) values[mid - 1] + values[mid]) / 2;
    }

    private static Survey survey(Path file, TableSpec spec) throws IOException {
        try (CsvSource csv = CsvSource.open(file, spec.delimiter(), spec.charset())) {
            Survey survey = new Survey(csv.name(), csv.header(), spec);
            survey.rows = csv.forEachRow(survey::add);
            if (survey.rows == 0) {
                throw new DataFormatException(csv.name(), "the file has a header but no data rows");
            }
            return survey;
        }
    }

    /** The first pass: what each column holds (also fed from memory by {@link TableRows}). */
    static final class Survey {
        final String name;
        final List<String> header;
        final TableSpec spec;
        final int labelColumn;
        final ColumnSurvey[] columns;
        final Set<String> naValues;
        final int longestNa;
        long rows;
        private long seen;
        private final long featureColumns;
        private final MemoryBudget budget = MemoryBudget.heap();
        final Set<String> labelSpellings = new java.util.HashSet<>();
        boolean labelIsText;

        Survey(String name, List<String> header, TableSpec spec) {
            this.name = name;
            this.header = header;
            this.spec = spec;
            this.naValues = spec.naValues();
            this.longestNa = naValues.stream().mapToInt(String::length).max().orElse(0);
            if (spec.label() == null) {
                labelColumn = header.size() - 1;
            } else {
                labelColumn = header.indexOf(spec.label());
                if (labelColumn < 0) {
                    throw new DataFormatException(name, 1, -1, "there is no label column '" + spec.label()
                            + "'; the columns are " + header);
                }
            }
            String label = header.get(labelColumn);
            requireColumns("--categorical", spec.categorical());
            requireColumns("--numeric", spec.numeric());
            requireColumns("--ignore", spec.ignored());
            requireColumns("--text", spec.text());
            if (spec.text().contains(header.get(labelColumn))) {
                throw new DataFormatException(name, 1, -1, "the label column '" + header.get(labelColumn)
                        + "' is declared --text: a label is not a feature");
            }
            if (spec.ignored().contains(label)) {
                throw new DataFormatException(name, 1, -1, "the label column '" + label + "' is also ignored"
                        + " (--ignore): a label is needed to train; ignore other columns, or name another --label");
            }
            if (spec.categorical().contains(label) || spec.numeric().contains(label)) {
                throw new DataFormatException(name, 1, -1, "the label column '" + label + "' is declared --"
                        + (spec.categorical().contains(label) ? "categorical" : "numeric") + ", but types are for"
                        + " features: a label of words is classes already, and --classes reads numbers as classes");
            }
            columns = new ColumnSurvey[header.size()];
            for (int c = 0; c < header.size(); c++) {
                if (c != labelColumn && !spec.ignored().contains(header.get(c))) {
                    columns[c] = new ColumnSurvey(spec.maxLevels());
                }
            }
            featureColumns = java.util.Arrays.stream(columns).filter(java.util.Objects::nonNull).count();
            if (featureColumns == 0) {
                throw new DataFormatException(name, 1, -1, "the header has only the label column '" + label + "'"
                        + (spec.ignored().isEmpty() ? "" : " and ignored columns " + spec.ignored())
                        + ": there are no features" + (header.size() == 1 && header.get(0).matches(".*[;\\t|].*")
                        ? " (is the delimiter right? give it with --delimiter)" : ""));
            }
        }

        private void requireColumns(String option, Set<String> names) {
            List<String> unknown = names.stream().filter(n -> !header.contains(n)).sorted().toList();
            if (!unknown.isEmpty()) {
                throw new DataFormatException(name, 1, -1, option + " names " + unknown + ", which "
                        + (unknown.size() == 1 ? "is not a column" : "are not columns") + " of the file; its columns are "
                        + header);
            }
        }

        boolean isMissing(String cell) {
            return TableSpec.isMissing(cell, naValues, longestNa);
        }

        void add(String[] cells, long line) {
            if ((++seen & 4095) == 0) {
                // Every column makes at least one float per row: fail as soon as that alone cannot fit.
                budget.requireRows(seen, seen * featureColumns * Float.BYTES, name);
            }
            for (int c = 0; c < cells.length; c++) {
                if (columns[c] != null) {
                    columns[c].add(cells[c], isMissing(cells[c]), line);
                }
            }
            String label = cells[labelColumn];
            if (isMissing(label)) {
                throw new DataFormatException(name, line, labelColumn + 1, "the label '" + header.get(labelColumn)
                        + "' is " + (label.isEmpty() ? "empty" : "'" + label + "'") + ": every row needs a label");
            }
            if (!labelIsText && !DecimalCells.looksNumeric(label)) {
                labelIsText = true;
            }
            if (labelSpellings.size() <= Dataset.MAX_CLASSES) {
                labelSpellings.add(label);
            }
        }

        /** The label's classes in sorted order when it holds words; empty when it is numbers. */
        List<String> labelClasses() {
            if (!labelIsText) {
                return List.of();
            }
            if (labelSpellings.size() > Dataset.MAX_CLASSES) {
                throw new DataFormatException(name, "the label '" + header.get(labelColumn) + "' holds words and more"
                        + " than " + Dataset.MAX_CLASSES + " distinct values: text labels are classes, and a"
                        + " classifier takes at most " + Dataset.MAX_CLASSES);
            }
            return List.copyOf(new TreeSet<>(labelSpellings));
        }

        /** The encoding the survey implies, before imputation statistics are known. */
        TableEncoding encoding(TableSpec spec) {
            List<ColumnEncoding> encoded = new ArrayList<>();
            for (int c = 0; c < columns.length; c++) {
                ColumnSurvey s = columns[c];
                if (s == null) {
                    continue;
                }
                String column = header.get(c);
                if (spec.text().contains(column)) {
                    encoded.add(new ColumnEncoding.Hashed(column, true));
                    continue;
                }
                boolean categorical = spec.categorical().contains(column)
                        || !spec.numeric().contains(column) && (!s.allNumeric || s.present == 0);
                if (categorical && spec.hashBits() > 0) {
                    encoded.add(new ColumnEncoding.Hashed(column, false));
                } else if (categorical) {
                    if (s.overflow) {
                        throw new DataFormatException(name, "the categorical column '" + column + "' has more than "
                                + spec.maxLevels() + " levels (distinct values), too many to one-hot encode: an id or"
                                + " free text is best left out (--ignore " + column + "); a column of numbers with a"
                                + " stray word is best fixed or declared --numeric; or raise the limit with"
                                + " --max-levels");
                    }
                    List<String> levels = sortedLevels(s.levels);
                    if (s.missing > 0) {
                        levels.add(ColumnEncoding.MISSING);
                    }
                    if (levels.size() > spec.maxLevels()) {
                        throw new DataFormatException(name, "the categorical column '" + column + "' has "
                                + levels.size() + " levels, more than --max-levels " + spec.maxLevels()
                                + ": leave it out (--ignore " + column + ") or raise --max-levels");
                    }
                    encoded.add(new ColumnEncoding.Categorical(column, levels));
                } else {
                    boolean indicator = spec.missingIndicator() && s.missing > 0;
                    encoded.add(new ColumnEncoding.Numeric(column, Double.NaN, indicator));
                }
            }
            List<String> ignored = header.stream().filter(spec.ignored()::contains).toList();
            return new TableEncoding(encoded, spec.naValues(), ignored, spec.hashBits());
        }
    }

    /** Levels in a stable order: by value when every level is a number (integer codes: 2 before 10), else by text. */
    static List<String> sortedLevels(Set<String> levels) {
        List<String> sorted = new ArrayList<>(levels);
        if (sorted.stream().allMatch(DecimalCells::looksNumeric)) {
            sorted.sort(Comparator.comparingDouble((String s) -> Double.parseDouble(s)).thenComparing(Comparator.naturalOrder()));
        } else {
            sorted.sort(Comparator.naturalOrder());
        }
        return sorted;
    }

    /** What one input column holds, from the first pass. */
    private static final class ColumnSurvey {
        final int maxLevels;
        final Set<String> levels = new LinkedHashSet<>();
        boolean allNumeric = true;
        boolean overflow;
        long present;
        long missing;

        ColumnSurvey(int maxLevels) {
            this.maxLevels = maxLevels;
        }

        void add(String cell, boolean isMissing, long line) {
            if (isMissing) {
                missing++;
                return;
            }
            present++;
            if (allNumeric && !DecimalCells.looksNumeric(cell)) {
                allNumeric = false;
            }
            if (!overflow && levels.add(cell) && levels.size() > maxLevels) {
                overflow = true;
                levels.clear();
            }
        }
    }

    /** Rows of floats grown as a file is read, checked against the heap. */
    private static final class FloatBuffer {
        private final int d;
        private final String source;
        private float[] values;
        private int rows;

        FloatBuffer(int d, String source) {
            this.d = d;
            this.source = source;
            this.values = new float[Math.max(16, 1024 * d)];
        }

        /** Makes room for one more row and returns the array to write it into, at {@link #rowOffset()}. */
        float[] nextRow() {
            long needed = (long) (rows + 1) * d;
            if (needed > values.length) {
                long grown = Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * values.length));
                if (grown < needed) {
                    throw new DataFormatException(source, "more than " + rows + " rows of " + d + " features: a dataset"
                            + " is limited to 2³¹ floats; score it in parts");
                }
                MemoryBudget.heap().require(grown * Float.BYTES, source, (long) rows * d * Float.BYTES);
                values = Arrays.copyOf(values, (int) grown);
            }
            rows++;
            return values;
        }

        int rowOffset() {
            return (rows - 1) * d;
        }

        float[] toArray() {
            return Arrays.copyOf(values, rows * d);
        }
    }
}
