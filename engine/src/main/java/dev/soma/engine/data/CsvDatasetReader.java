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
import java.util.Locale;
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
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, name);
        }
    }

    /** Reads CSV text from {@code reader}; {@code sourceName} names it in error messages. */
    public Dataset read(Reader reader, String sourceName) throws IOException {
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
                    for (int c = 0; c < record.size(); c++) {
                        String cell = record.get(c);
                        if (c == labelIndex) {
                            boolean word = LabelColumn.isWord(cell);
                            labels.add(cell, word ? Float.NaN : parseCell(cell, sourceName, line, c, header.get(c)), word);
                        } else {
                            features.add(parseCell(cell, sourceName, line, c, header.get(c)));
                        }
                    }
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

    /**
     * Reads the columns {@code featureNames}, in that order, from a CSV file with a header, for prediction: other
     * columns (a label, an id) are ignored, and no label is needed. Every cell read must be a finite number.
     *
     * @return one row per data line
     * @throws DataFormatException naming the file, line and column, or the missing columns
     */
    public static float[][] readFeatures(Path file, List<String> featureNames) throws IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(withoutByteOrderMark(reader)).setFormat(format).get()) {
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
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        List<String> rowNames = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(withoutByteOrderMark(reader)).setFormat(format).get()) {
            int width = -1;
            long line = 0;
            for (CSVRecord record : parser) {
                line = Math.max(parser.getCurrentLineNumber(), record.getRecordNumber());
                if (width < 0) {
                    width = record.size();
                    if (width < 2) {
                        throw new DataFormatException(name, line, -1, "the column layout needs a name column and at least one example");
                    }
                    continue; // the header: example ids
                }
                if (record.size() != width) {
                    throw new DataFormatException(name, line, -1, "the row has " + record.size()
                            + " fields, but the header has " + width);
                }
                String rowName = record.get(0);
                float[] row = new float[width - 1];
                for (int c = 1; c < width; c++) {
                    row[c - 1] = parseCell(record.get(c), name, line, c, rowName);
                }
                rowNames.add(rowName);
                values.add(row);
            }
        } catch (UncheckedIOException e) {
            throw malformed(name, 0, e);
        } catch (CSVException e) {
            throw new DataFormatException(name, 1, -1, "malformed CSV: " + e.getMessage());
        }
        if (values.size() < 2) {
            throw new DataFormatException(name, "the column layout needs at least one feature row and a label row");
        }
        int labelIndex = labelRow == null ? values.size() - 1 : rowNames.indexOf(labelRow);
        if (labelIndex < 0) {
            throw new DataFormatException(name, "there is no label row '" + labelRow + "'; the rows are " + rowNames);
        }
        float[] labels = values.remove(labelIndex);
        rowNames.remove(labelIndex);
        return Dataset.fromColumns(values.toArray(float[][]::new), labels).withFeatureNames(rowNames);
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
        String where = "'" + name + "'";
        if (text.isEmpty()) {
            throw new DataFormatException(source, line, column + 1, where + " is empty: every cell needs a number");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean spelledSpecial = lower.contains("nan") || lower.contains("inf");
        if (spelledSpecial) {
            throw new DataFormatException(source, line, column + 1, where + " is '" + text + "', which is not a finite number");
        }
        float value;
        try {
            value = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(source, line, column + 1, where + " is '" + text + "', which is not a number");
        }
        if (!isPlainDecimal(text)) {
            // Java also parses "1f", "2d" and hex floats; data files should not contain them.
            throw new DataFormatException(source, line, column + 1, where + " is '" + text + "', which is not a decimal number");
        }
        if (!Float.isFinite(value)) {
            throw new DataFormatException(source, line, column + 1,
                    where + " is '" + text + "', which is beyond the float range (±3.4e38)");
        }
        return value;
    }

    /** Only digits, a point, signs and an exponent: what a decimal number in a data file is made of. */
    private static boolean isPlainDecimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
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
