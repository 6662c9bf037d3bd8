package dev.soma.engine.data;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a {@link Dataset} from CSV with a header row (RFC 4180, through Apache Commons CSV: quoted fields,
 * CRLF or LF line ends, an optional UTF-8 byte-order mark). Every other column is a feature, in file order.
 *
 * <p>Every feature cell must be a finite decimal number. A label cell is a number or a word: when any label is a
 * word ({@code yes}, {@code true}, {@code setosa}) the labels are text classes, numbered in sorted order of their
 * spelling ({@link Dataset#labelClasses()}). Anything else — a ragged row, an empty or non-numeric feature cell,
 * NaN, an infinity, a value beyond float range such as 1e39, a duplicate column name, a missing label column,
 * a file with no data rows — fails with a {@link DataFormatException} naming the file, line and column.
 */
public final class CsvDatasetReader {

    /** A file whose columns are read by their names in its header (prediction, text columns to keep). */
    private static final CSVFormat NAMED_COLUMNS = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();

    /**
     * The name a data file goes by in messages (its file name), after checking that it is a file.
     *
     * @throws NoSuchFileException when there is no such file
     */
    private static String dataFileName(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String labelColumn;
    private final MemoryBudget budget;

    private CsvDatasetReader(String labelColumn, MemoryBudget budget) {
        this.labelColumn = labelColumn;
        this.budget = budget;
    }

    /** A reader that takes the label from the column named {@code labelColumn}, or the last column when null. */
    public static CsvDatasetReader withLabelColumn(String labelColumn) {
        return new CsvDatasetReader(labelColumn, MemoryBudget.heap());
    }

    /** A reader with its own idea of the free memory (for tests). */
    static CsvDatasetReader withBudget(String labelColumn, MemoryBudget budget) {
        return new CsvDatasetReader(labelColumn, budget);
    }

    /** Reads {@code file} as UTF-8. */
    public Dataset read(Path file) throws IOException {
        LargeFileHint.opening(file);
        String name = dataFileName(file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, name);
        }
    }

    /**
     * Reads only the label and the columns {@code featureNames}, in that order, from {@code file}: other columns
     * (an id, a name, anything) are ignored and may hold text. For scoring a model on data laid out differently
     * from its training file.
     *
     * @throws DataFormatException naming missing columns, or a label column that is also one of the features
     */
    public Dataset read(Path file, List<String> featureNames) throws IOException {
        String name = dataFileName(file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, name, List.copyOf(featureNames));
        }
    }

    /** Reads CSV text from {@code reader}; {@code sourceName} names it in error messages. */
    public Dataset read(Reader reader, String sourceName) throws IOException {
        return read(reader, sourceName, null);
    }

    /** {@code selected}: the feature columns to read, in order; null for every column but the label. */
    private Dataset read(Reader reader, String sourceName, List<String> selected) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .setAllowMissingColumnNames(false)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .get();
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(withoutByteOrderMark(reader)).setFormat(format).get();
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(sourceName, 1, -1, "bad header: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw malformed(sourceName, 1, e);
        } catch (CSVException e) {
            throw new DataFormatException(sourceName, 1, -1, "malformed CSV: " + e.getMessage());
        }
        try (parser) {
            List<String> header = cleanHeader(parser.getHeaderNames(), sourceName);
            int labelIndex = labelIndex(header, sourceName);
            List<String> featureNames = new ArrayList<>(header);
            String labelName = featureNames.remove(labelIndex);
            int[] featureColumns = featureColumns(header, labelIndex, selected, sourceName);
            if (selected != null) {
                featureNames = selected;
            }
            int d = featureNames.size();
            if (d == 0) {
                throw new DataFormatException(sourceName, 1, -1,
                        "the header has only the label column '" + labelName + "': there are no features");
            }

            FloatArrayBuilder features = new FloatArrayBuilder(1024 * d, budget, sourceName);
            LabelColumn labels = new LabelColumn(1024);
            List<Long> lines = new ArrayList<>();
            long line = 1; // the header
            try {
                for (CSVRecord record : parser) {
                    line = lineOf(parser, record);
                    if (record.size() != header.size()) {
                        throw new DataFormatException(sourceName, line, -1, "the row has " + record.size()
                                + " fields, but the header has " + header.size());
                    }
                    for (int c : featureColumns) {
                        features.add(parseCell(record.get(c), sourceName, line, c, header.get(c)));
                    }
                    String cell = record.get(labelIndex);
                    boolean word = LabelColumn.isWord(cell);
                    labels.add(cell, word ? Float.NaN : parseCell(cell, sourceName, line, labelIndex, header.get(labelIndex)),
                            word);
                    lines.add(line);
                }
            } catch (UncheckedIOException e) {
                throw malformed(sourceName, line + 1, e);
            }
            if (labels.size() == 0) {
                throw new DataFormatException(sourceName, "the file has a header but no data rows");
            }
            long[] lineArray = lines.stream().mapToLong(Long::longValue).toArray();
            float[] labelValues = labels.labels(sourceName, labelName);
            List<String> classes = labels.isText() ? labels.classes() : List.of();
            return new Dataset(features.toArray(), labelValues, labels.size(), d, featureNames, labelName,
                    sourceName, lineArray, classes);
        }
    }

    /** The indexes of the feature columns: {@code selected} by name, or every column but the label. */
    private static int[] featureColumns(List<String> header, int labelIndex, List<String> selected, String source) {
        if (selected == null) {
            return java.util.stream.IntStream.range(0, header.size()).filter(c -> c != labelIndex).toArray();
        }
        int[] columns = new int[selected.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            columns[j] = header.indexOf(selected.get(j));
            if (columns[j] < 0) {
                missing.add(selected.get(j));
            } else if (columns[j] == labelIndex) {
                throw new DataFormatException(source, 1, -1, "the label column '" + header.get(labelIndex)
                        + "' is also one of the features " + selected + ": name the label column");
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFormatException(source, 1, -1, "the model needs the columns " + missing
                    + ", which the header " + header + " lacks");
        }
        return columns;
    }

    /**
     * The cells of the columns {@code names} as text, in that order, one array per data row: columns carried
     * through unchanged (an id, a name) when predicting.
     *
     * @throws DataFormatException naming the columns the header lacks, and listing its columns
     */
    public static String[][] readText(Path file, List<String> names) throws IOException {
        String name = dataFileName(file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(withoutByteOrderMark(reader)).setFormat(NAMED_COLUMNS).get()) {
            List<String> header = parser.getHeaderNames();
            List<String> missing = names.stream().filter(n -> !header.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new DataFormatException(name, 1, -1, "there is no column " + missing
                        + "; the columns are " + header);
            }
            int[] columns = names.stream().mapToInt(header::indexOf).toArray();
            List<String[]> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new DataFormatException(name, lineOf(parser, record), -1, "the row has " + record.size()
                            + " fields, but the header has " + header.size());
                }
                String[] row = new String[columns.length];
                for (int j = 0; j < columns.length; j++) {
                    row[j] = record.get(columns[j]);
                }
                rows.add(row);
            }
            return rows.toArray(String[][]::new);
        } catch (UncheckedIOException e) {
            throw malformed(name, 0, e);
        } catch (CSVException e) {
            throw new DataFormatException(name, 1, -1, "malformed CSV: " + e.getMessage());
        }
    }

    /**
     * Reads the columns {@code featureNames}, in that order, from a CSV file with a header, for prediction: other
     * columns (a label, an id) are ignored, and no label is needed. Every cell read must be a finite number.
     *
     * @return one row per data line
     * @throws DataFormatException naming the file, line and column, or the missing columns
     */
    public static float[][] readFeatures(Path file, List<String> featureNames) throws IOException {
        String name = dataFileName(file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(withoutByteOrderMark(reader)).setFormat(NAMED_COLUMNS).get()) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new DataFormatException(name, "the file is empty: it needs a header row and data rows");
            }
            int[] columns = new int[featureNames.size()];
            List<String> missing = new ArrayList<>();
            for (int j = 0; j < columns.length; j++) {
                columns[j] = header.indexOf(featureNames.get(j));
                if (columns[j] < 0) {
                    missing.add(featureNames.get(j));
                }
            }
            if (!missing.isEmpty()) {
                throw new DataFormatException(name, 1, -1, "the model needs the columns " + missing
                        + ", which the header " + header + " lacks");
            }
            List<float[]> rows = new ArrayList<>();
            long line = 1;
            try {
                for (CSVRecord record : parser) {
                    line = lineOf(parser, record);
                    if (record.size() != header.size()) {
                        throw new DataFormatException(name, line, -1, "the row has " + record.size()
                                + " fields, but the header has " + header.size());
                    }
                    float[] row = new float[columns.length];
                    for (int j = 0; j < columns.length; j++) {
                        row[j] = parseCell(record.get(columns[j]), name, line, columns[j], header.get(columns[j]));
                    }
                    rows.add(row);
                }
            } catch (UncheckedIOException e) {
                throw malformed(name, line + 1, e);
            }
            if (rows.isEmpty()) {
                throw new DataFormatException(name, "the file has a header but no data rows");
            }
            return rows.toArray(float[][]::new);
        } catch (IllegalArgumentException e) {
            if (e instanceof DataFormatException) {
                throw e;
            }
            throw new DataFormatException(name, 1, -1, "bad header: " + e.getMessage());
        } catch (CSVException e) {
            throw new DataFormatException(name, 1, -1, "malformed CSV: " + e.getMessage());
        }
    }

    /**
     * Reads a CSV file in the column layout (features × examples, as the theory arranges a minibatch): the first
     * column names each row; every other column is one example; the row named {@code labelRow} holds the labels
     * ({@code null}: the last row). The header row's cells after the first are ignored (example ids).
     *
     * @throws DataFormatException naming the file, line and column
     */
    public static Dataset readColumnLayout(Path file, String labelRow) throws IOException {
        return readColumnLayout(file, labelRow, null);
    }

    /**
     * Reads the label row and the rows {@code featureNames}, in that order, from a CSV file in the column layout
     * (see {@link #readColumnLayout(Path, String)}); other rows are ignored and may hold text. {@code featureNames}
     * null reads every row but the label.
     *
     * @throws DataFormatException naming missing rows, or a label row that is also one of the features
     */
    public static Dataset readColumnLayout(Path file, String labelRow, List<String> featureNames) throws IOException {
        ColumnLayout rows = ColumnLayout.read(file, featureNames == null ? n -> true
                : n -> featureNames.contains(n) || n.equals(labelRow), labelRow == null, true);
        String name = rows.source;
        if (rows.names.size() < 2 && featureNames == null) {
            throw new DataFormatException(name, "the column layout needs at least one feature row and a label row");
        }
        String label = labelRow == null ? rows.lastName : labelRow;
        int labelIndex = rows.names.indexOf(label);
        if (labelIndex < 0) {
            throw new DataFormatException(name, "there is no label row '" + labelRow + "'; the rows are " + rows.allNames);
        }
        List<String> names = featureNames == null ? new ArrayList<>(rows.names) : List.copyOf(featureNames);
        if (featureNames == null) {
            names.remove(labelIndex);
        } else if (featureNames.contains(label)) {
            throw new DataFormatException(name, "the label row '" + label + "' is also one of the features "
                    + featureNames + ": name the label row");
        }
        return Dataset.fromColumns(rows.select(names), rows.values.get(labelIndex)).withFeatureNames(names);
    }

    /**
     * Reads the rows {@code featureNames}, in that order, from a CSV file in the column layout, for prediction:
     * other rows (a label, a name) are ignored.
     *
     * @return one array per example (per column of the file after the first)
     * @throws DataFormatException naming the rows the file lacks
     */
    public static float[][] readColumnLayoutFeatures(Path file, List<String> featureNames) throws IOException {
        float[][] byFeature = ColumnLayout.read(file, featureNames::contains, false, true).select(featureNames);
        float[][] examples = new float[byFeature[0].length][byFeature.length];
        for (int j = 0; j < byFeature.length; j++) {
            for (int e = 0; e < examples.length; e++) {
                examples[e][j] = byFeature[j][e];
            }
        }
        return examples;
    }

    /**
     * The cells of the rows {@code names} of a CSV file in the column layout as text, one array per example; the
     * name of the first header cell selects the header's example ids.
     *
     * @throws DataFormatException naming the rows the file lacks, and listing its rows
     */
    public static String[][] readColumnLayoutText(Path file, List<String> names) throws IOException {
        ColumnLayout rows = ColumnLayout.read(file, names::contains, false, false);
        List<String> missing = names.stream().filter(n -> !rows.names.contains(n) && !n.equals(rows.header[0])).toList();
        if (!missing.isEmpty()) {
            throw new DataFormatException(rows.source, "there is no row " + missing + "; the rows are "
                    + rows.header[0] + " (the header) and " + rows.allNames);
        }
        String[][] examples = new String[rows.header.length - 1][names.size()];
        for (int j = 0; j < names.size(); j++) {
            int r = rows.names.indexOf(names.get(j));
            for (int e = 0; e < examples.length; e++) {
                examples[e][j] = r >= 0 ? rows.text.get(r)[e] : rows.header[e + 1];
            }
        }
        return examples;
    }

    /** The rows of a column-layout file that were asked for, parsed as numbers or kept as text. */
    private static final class ColumnLayout {
        final String source;
        String[] header;
        final List<String> allNames = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<float[]> values = new ArrayList<>();
        final List<String[]> text = new ArrayList<>();
        final boolean parse;
        String lastName;

        private ColumnLayout(String source, boolean parse) {
            this.source = source;
            this.parse = parse;
        }

        /** Reads the rows whose name is {@code wanted}, and the last row too when {@code withLast}. */
        static ColumnLayout read(Path file, java.util.function.Predicate<String> wanted, boolean withLast,
                                 boolean parse) throws IOException {
            String name = dataFileName(file);
            ColumnLayout rows = new ColumnLayout(name, parse);
            CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();
            String[] last = null;
            long lastLine = 0;
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser parser = CSVParser.builder().setReader(withoutByteOrderMark(reader)).setFormat(format).get()) {
                for (CSVRecord record : parser) {
                    long line = Math.max(parser.getCurrentLineNumber(), record.getRecordNumber());
                    if (rows.header == null) {
                        rows.header = record.values();
                        if (rows.header.length < 2) {
                            throw new DataFormatException(name, line, -1,
                                    "the column layout needs a name column and at least one example");
                        }
                        continue; // the header: example ids
                    }
                    if (record.size() != rows.header.length) {
                        throw new DataFormatException(name, line, -1, "the row has " + record.size()
                                + " fields, but the header has " + rows.header.length);
                    }
                    String rowName = record.get(0);
                    rows.allNames.add(rowName);
                    String[] cells = java.util.Arrays.copyOfRange(record.values(), 1, record.size());
                    if (wanted.test(rowName)) {
                        rows.add(rowName, cells, line);
                        last = null;
                    } else {
                        last = cells;
                        lastLine = line;
                    }
                }
            } catch (UncheckedIOException e) {
                throw malformed(name, 0, e);
            } catch (CSVException e) {
                throw new DataFormatException(name, 1, -1, "malformed CSV: " + e.getMessage());
            }
            if (rows.header == null || rows.allNames.isEmpty()) {
                throw new DataFormatException(name, "the column layout needs at least one feature row and a label row");
            }
            rows.lastName = rows.allNames.getLast();
            if (withLast && last != null) {
                rows.add(rows.lastName, last, lastLine);
            }
            return rows;
        }

        private void add(String rowName, String[] cells, long line) {
            names.add(rowName);
            if (!parse) {
                text.add(cells);
                return;
            }
            float[] row = new float[cells.length];
            for (int c = 0; c < cells.length; c++) {
                row[c] = parseCell(cells[c], source, line, c + 1, rowName);
            }
            values.add(row);
        }

        /** The parsed rows named {@code wanted}, in that order. */
        float[][] select(List<String> wanted) {
            List<String> missing = wanted.stream().filter(n -> !names.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new DataFormatException(source, "the model needs the rows " + missing
                        + ", which the file lacks; its rows are " + allNames);
            }
            return wanted.stream().map(n -> values.get(names.indexOf(n))).toArray(float[][]::new);
        }
    }

    /** The 1-based line a record starts on: the header is line 1 and every record so far was one line or more. */
    private static long lineOf(CSVParser parser, CSVRecord record) {
        // getCurrentLineNumber counts the line breaks consumed so far, which after a record is the line it ended on.
        return Math.max(parser.getCurrentLineNumber(), record.getRecordNumber() + 1);
    }

    /** Skips a UTF-8 byte-order mark, which would otherwise stick to the first column name (and its quotes). */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != BYTE_ORDER_MARK) {
            pushback.unread(first);
        }
        return pushback;
    }

    private List<String> cleanHeader(List<String> names, String source) {
        if (names.isEmpty()) {
            throw new DataFormatException(source, "the file is empty: it needs a header row and data rows");
        }
        List<String> clean = List.copyOf(names);
        for (int c = 0; c < clean.size(); c++) {
            if (clean.get(c).isBlank()) {
                throw new DataFormatException(source, 1, c + 1, "the header has an empty column name");
            }
        }
        return clean;
    }

    private int labelIndex(List<String> header, String source) {
        if (labelColumn == null) {
            return header.size() - 1;
        }
        int index = header.indexOf(labelColumn);
        if (index < 0) {
            throw new DataFormatException(source, 1, -1, "there is no label column '" + labelColumn
                    + "'; the columns are " + header);
        }
        return index;
    }

    private static float parseCell(String text, String source, long line, int column, String name) {
        return DecimalCells.parse(text, source, line, column, name);
    }

    private static DataFormatException malformed(String source, long line, UncheckedIOException e) {
        return new DataFormatException(source, line, -1, "malformed CSV: " + e.getCause().getMessage());
    }

    /** A growable float array, so that large files are not held as boxed values. */
    private static final class FloatArrayBuilder {
        private final MemoryBudget budget;
        private final String source;
        private float[] values;
        private int size;

        FloatArrayBuilder(int capacity, MemoryBudget budget, String source) {
            this.budget = budget;
            this.source = source;
            values = new float[Math.max(16, capacity)];
        }

        void add(float v) {
            if (size == values.length) {
                long grown = Math.min(Integer.MAX_VALUE - 8, 2L * size);
                if (grown == size) {
                    throw new DataFormatException(source, "more than " + size + " values: a dataset is limited to 2³¹"
                            + " floats; train on a sample or in parts");
                }
                budget.require(grown * Float.BYTES, source, (long) size * Float.BYTES);
                values = java.util.Arrays.copyOf(values, (int) grown);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
