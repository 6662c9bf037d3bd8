package dev.soma.engine.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.soma.engine.table.TableEncoding;

/**
 * Examples for training or scoring: an {@code n×d} design matrix held as one row-major {@code float[]} (the
 * layout the kernels stream through) and {@code n} labels. Immutable: factories copy what they are given.
 *
 * <p>Every feature and label is checked to be finite when the dataset is made; a bad value is reported with
 * its row and column (and, for CSV input, its file and line). Whether a label suits a model — 0 or 1 for
 * logistic regression — is checked when training starts.
 */
public final class Dataset {

    /**
     * The most distinct values a label may take and still be read as classes: a classifier refuses more, class
     * weights and the stratified validation split need at most this many.
     */
    public static final int MAX_CLASSES = 1000;

    private final float[] features;
    private final float[] labels;
    private final int rows;
    private final int columns;
    private final List<String> featureNames;
    private final String labelName;
    private final String source;
    /** The 1-based source line of each row, or null when rows did not come from a file. */
    private final long[] lines;
    /** For text labels, the spelling of each class (label k is class {@code labelClasses.get(k)}); else empty. */
    private final List<String> labelClasses;
    /** How the rows were encoded from a table (categorical columns, imputation), or null for plain numbers. */
    private final TableEncoding encoding;
    /** The rows in CSR form when the dataset is sparse ({@link #features} is then null). */
    private final SparseRows sparse;

    Dataset(float[] features, float[] labels, int rows, int columns, List<String> featureNames, String labelName,
            String source, long[] lines) {
        this(features, labels, rows, columns, featureNames, labelName, source, lines, List.of());
    }

    Dataset(float[] features, float[] labels, int rows, int columns, List<String> featureNames, String labelName,
            String source, long[] lines, List<String> labelClasses) {
        this(features, labels, rows, columns, featureNames, labelName, source, lines, labelClasses, null, null);
    }

    private Dataset(float[] features, float[] labels, int rows, int columns, List<String> featureNames, String labelName,
                    String source, long[] lines, List<String> labelClasses, TableEncoding encoding) {
        this(features, labels, rows, columns, featureNames, labelName, source, lines, labelClasses, encoding, null);
    }

    private Dataset(float[] features, float[] labels, int rows, int columns, List<String> featureNames, String labelName,
                    String source, long[] lines, List<String> labelClasses, TableEncoding encoding, SparseRows sparse) {
        this(features, labels, rows, columns, featureNames, labelName, source, lines, labelClasses, encoding, sparse,
                true);
    }

    /** With {@code checkFeatures} false the features are those of a dataset already checked: only labels are. */
    private Dataset(float[] features, float[] labels, int rows, int columns, List<String> featureNames, String labelName,
                    String source, long[] lines, List<String> labelClasses, TableEncoding encoding, SparseRows sparse,
                    boolean checkFeatures) {
        this.encoding = encoding;
        this.sparse = sparse;
        if (encoding != null && !encoding.featureNames().equals(featureNames)) {
            throw new IllegalArgumentException("the encoding's features " + encoding.featureNames()
                    + " are not the dataset's " + featureNames);
        }
        this.labelClasses = List.copyOf(labelClasses);
        this.features = features;
        this.labels = labels;
        this.rows = rows;
        this.columns = columns;
        this.featureNames = dev.soma.engine.table.FeatureNames.immutable(featureNames);
        this.labelName = labelName;
        this.source = source;
        this.lines = lines;
        validate(checkFeatures);
    }

    /**
     * Examples arranged in rows (examples × features), as the design matrix: {@code rows[i]} is example i.
     *
     * @throws DataFormatException for no rows, ragged rows, a label count that differs, or a value that is not finite
     */
    public static Dataset fromRows(float[][] rows, float[] labels) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(labels, "labels");
        if (rows.length == 0) {
            throw new DataFormatException("rows", "there are no rows: a dataset needs at least one example");
        }
        int d = rows[0].length;
        float[] x = new float[Math.multiplyExact(rows.length, d)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new DataFormatException("rows", "row " + i + " has " + rows[i].length
                        + " features, but row 0 has " + d + ": every row needs the same number");
            }
            System.arraycopy(rows[i], 0, x, i * d, d);
        }
        requireLabelCount(labels, rows.length, "rows");
        return new Dataset(x, labels.clone(), rows.length, d, defaultNames(d), "label", "rows", null);
    }

    /**
     * Examples arranged in columns (features × examples), as the theory's minibatch matrix: {@code columns[j][i]}
     * is feature j of example i. Soma transposes it once into its row-major layout.
     */
    public static Dataset fromColumns(float[][] columns, float[] labels) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(labels, "labels");
        if (columns.length == 0) {
            throw new DataFormatException("columns", "there are no feature rows: a dataset needs at least one feature");
        }
        int n = columns[0].length;
        int d = columns.length;
        float[] x = new float[Math.multiplyExact(n, d)];
        for (int j = 0; j < d; j++) {
            if (columns[j].length != n) {
                throw new DataFormatException("columns", "feature " + j + " has " + columns[j].length
                        + " examples, but feature 0 has " + n + ": every feature needs one value per example");
            }
            for (int i = 0; i < n; i++) {
                x[i * d + j] = columns[j][i];
            }
        }
        requireLabelCount(labels, n, "columns");
        return new Dataset(x, labels.clone(), n, d, defaultNames(d), "label", "columns", null);
    }

    /** Examples from one row-major array of {@code labels.length × columns} floats (copied). */
    public static Dataset fromRowMajor(float[] features, int columns, float[] labels) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (columns <= 0) {
            throw new DataFormatException("rows", "a dataset needs at least one feature column, got " + columns);
        }
        if (features.length != (long) labels.length * columns) {
            throw new DataFormatException("rows", features.length + " features do not make " + labels.length
                    + " rows of " + columns + " columns (that needs " + (long) labels.length * columns + ")");
        }
        return new Dataset(features.clone(), labels.clone(), labels.length, columns, defaultNames(columns), "label",
                "rows", null);
    }

    /**
     * Examples encoded from a table by {@link dev.soma.engine.table.TableReader}: the arrays are taken, not copied.
     *
     * @param labelClasses for text labels, the classes in sorted order (label k is class k); else empty
     * @param lines        each row's 1-based line in {@code source}
     */
    public static Dataset ofTable(float[] features, float[] labels, int columns, TableEncoding encoding,
                                  String labelName, List<String> labelClasses, String source, long[] lines) {
        Objects.requireNonNull(encoding, "encoding");
        if (features.length != (long) labels.length * columns || lines.length != labels.length) {
            throw new IllegalArgumentException(features.length + " features, " + labels.length + " labels and "
                    + lines.length + " lines do not make rows of " + columns);
        }
        return new Dataset(features, labels, labels.length, columns, encoding.featureNames(), labelName, source, lines,
                labelClasses, encoding);
    }

    /**
     * Sparse examples: {@code rows} in CSR form and one label per row. Nothing is densified: memory and training
     * work follow the non-zeros.
     */
    public static Dataset sparse(SparseRows rows, float[] labels) {
        Objects.requireNonNull(rows, "rows");
        requireLabelCount(labels, rows.rows(), "rows");
        return new Dataset(null, labels.clone(), rows.rows(), rows.columns(), defaultNames(rows.columns()), "label",
                "rows", null, List.of(), null, rows);
    }

    /**
     * Sparse examples read from a file (a LIBSVM file, hashed features): the arrays are taken, not copied.
     *
     * @param labelClasses for text labels, the classes in sorted order; else empty
     * @param lines        each row's 1-based line in {@code source}, or null
     */
    public static Dataset ofSparse(SparseRows rows, float[] labels, List<String> featureNames, String labelName,
                                   List<String> labelClasses, String source, long[] lines) {
        Objects.requireNonNull(rows, "rows");
        requireLabelCount(labels, rows.rows(), source);
        if (featureNames.size() != rows.columns()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + rows.columns() + " columns");
        }
        return new Dataset(null, labels, rows.rows(), rows.columns(), featureNames, labelName, source, lines,
                labelClasses, null, rows);
    }

    /** Sparse examples encoded from a table with feature hashing: the arrays are taken, not copied. */
    public static Dataset ofSparseTable(SparseRows rows, float[] labels, TableEncoding encoding, String labelName,
                                        List<String> labelClasses, String source, long[] lines) {
        Objects.requireNonNull(encoding, "encoding");
        requireLabelCount(labels, rows.rows(), source);
        return new Dataset(null, labels, rows.rows(), rows.columns(), encoding.featureNames(), labelName, source,
                lines, labelClasses, encoding, rows);
    }

    /** True when the rows are held sparse, in CSR form ({@link #sparseRows()}); false for the dense row-major array. */
    public boolean isSparse() {
        return sparse != null;
    }

    /**
     * The rows in CSR form, not copied: engine code only.
     *
     * @throws IllegalStateException for a dense dataset
     */
    public SparseRows sparseRows() {
        if (sparse == null) {
            throw new IllegalStateException("the dataset is dense: read its featureArray()");
        }
        return sparse;
    }

    /** The same labels and origin with other sparse rows (scaled values, say); engine code only. */
    public Dataset withSparseRows(SparseRows rows) {
        if (rows.rows() != this.rows || rows.columns() != columns) {
            throw new IllegalArgumentException("the rows must keep the dataset's shape");
        }
        return new Dataset(null, labels, this.rows, columns, featureNames, labelName, source, lines, labelClasses,
                encoding, rows);
    }

    /**
     * Reads a CSV file with a header row; the label is the last column. See {@link CsvDatasetReader} for other
     * label columns.
     */
    public static Dataset readCsv(Path file) throws IOException {
        return CsvDatasetReader.withLabelColumn(null).read(file);
    }

    /**
     * Reads a LIBSVM (svmlight) file into a sparse dataset; the number of features is its largest index. See
     * {@link LibsvmReader} to give the number of features, so that a training and a test file agree.
     */
    public static Dataset readLibsvm(Path file) throws IOException {
        return LibsvmReader.create().read(file);
    }

    /** The same examples with these feature names (one per column). */
    public Dataset withFeatureNames(List<String> names) {
        if (names.size() != columns) {
            throw new IllegalArgumentException(names.size() + " feature names for " + columns + " columns");
        }
        return new Dataset(features, labels, rows, columns, names, labelName, source, lines, labelClasses, null, sparse);
    }

    /**
     * How the examples were encoded from a table — which input column each feature comes from, the levels of the
     * categorical columns, the imputation — when they were read by {@link dev.soma.engine.table.TableReader}; a
     * model trained on them keeps it. Empty for plain numeric data.
     */
    public Optional<TableEncoding> encoding() {
        return Optional.ofNullable(encoding);
    }

    /**
     * For each feature, true when standardisation must leave it alone: the one-hot and missing-indicator 0/1
     * features of a table. All false for plain numeric data.
     */
    public boolean[] unscaledColumns() {
        return encoding == null ? new boolean[columns] : encoding.unscaled();
    }

    /** The number of examples, n. */
    public int size() {
        return rows;
    }

    /** The number of features per example, d. */
    public int dimension() {
        return columns;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String labelName() {
        return labelName;
    }

    /** Where the data came from: a file name, or "rows"/"columns" for arrays. */
    public String source() {
        return source;
    }

    /** Feature {@code column} of example {@code row}. */
    public float feature(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        return sparse != null ? sparse.get(row, column) : features[row * columns + column];
    }

    /**
     * For labels read as text (words such as {@code yes}/{@code no} or {@code true}/{@code false}), the spelling of
     * each class in sorted order: label {@code k} is class {@code labelClasses().get(k)}. Empty when the labels are
     * numbers.
     */
    public List<String> labelClasses() {
        return labelClasses;
    }

    /**
     * The same examples with other labels (one per example, checked to be finite), spelled by {@code classes}
     * (empty for numbers); the features are shared, not copied.
     */
    public Dataset withLabels(float[] newLabels, List<String> classes) {
        requireLabelCount(newLabels, rows, source);
        // The features are this dataset's, checked when it was made: only the new labels need a look.
        return new Dataset(features, newLabels.clone(), rows, columns, featureNames, labelName, source, lines, classes,
                encoding, sparse, false);
    }

    /**
     * The same examples with the labels read as class names, whatever they are: each distinct number becomes a text
     * class spelled as the data writes it (3, not 3.0; 0.25), the classes in increasing order of the numbers. This is how a user says that a
     * numeric label with fractional values or with many values is classes after all, which a classifier otherwise
     * refuses as a likely regression target. Text labels are returned as they are.
     *
     * @throws DataFormatException when the label takes more than {@link #MAX_CLASSES} values
     */
    public Dataset asClasses() {
        if (!labelClasses.isEmpty()) {
            return this;
        }
        java.util.TreeSet<Float> distinct = new java.util.TreeSet<>();
        for (float y : labels) {
            distinct.add(y);
            if (distinct.size() > MAX_CLASSES) {
                throw new DataFormatException(source, "the label '" + labelName + "' takes more than " + MAX_CLASSES
                        + " values: too many to be classes");
            }
        }
        List<Float> values = new ArrayList<>(distinct);
        List<String> spellings = new ArrayList<>();
        for (float v : values) {
            spellings.add(spell(v));
        }
        // The classes keep the numbers' order (2 before 10), so the largest number is still the last class.
        float[] codes = new float[rows];
        for (int i = 0; i < rows; i++) {
            codes[i] = java.util.Collections.binarySearch(values, labels[i]);
        }
        return new Dataset(features, codes, rows, columns, featureNames, labelName, source, lines, spellings, encoding,
                sparse);
    }

    /** A number as a data file writes it: 3 rather than 3.0, 0.25 as it is. */
    public static String spell(float value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? String.valueOf((long) value) : String.valueOf(value);
    }

    /**
     * A label value as the data spells it: its text class for text labels ({@code value} is then the class's
     * index), else the number.
     */
    public String spellLabel(float value) {
        return labelClasses.isEmpty() ? spell(value) : labelClasses.get((int) value);
    }

    /** The label of example {@code row}. */
    public float label(int row) {
        return labels[Objects.checkIndex(row, rows)];
    }

    /** A copy of example {@code row}'s features. */
    public float[] row(int row) {
        Objects.checkIndex(row, rows);
        if (sparse != null) {
            return sparse.dense(row);
        }
        float[] copy = new float[columns];
        System.arraycopy(features, row * columns, copy, 0, columns);
        return copy;
    }

    /** A copy of the labels. */
    public float[] labels() {
        return labels.clone();
    }

    /** Where example {@code row} came from, for messages: "train.csv line 7" or "row 6". */
    public String describeRow(int row) {
        return lines == null ? "row " + row : source + " line " + lines[row] + " (row " + row + ")";
    }

    /** A data error about example {@code row}, located by its file line when it has one. */
    public DataFormatException problemAt(int row, String problem) {
        return lines == null
                ? new DataFormatException(source, "row " + row + ": " + problem)
                : new DataFormatException(source, lines[row], -1, problem);
    }

    /**
     * The row-major features, not copied: engine code only, never modified.
     *
     * @throws IllegalStateException for a sparse dataset, which has no dense array ({@link #sparseRows()})
     */
    public float[] featureArray() {
        if (sparse != null) {
            throw new IllegalStateException("the dataset " + source + " is sparse: read its sparseRows()");
        }
        return features;
    }

    /** The labels, not copied: engine code only, never modified. */
    public float[] labelArray() {
        return labels;
    }

    /** The examples at {@code rowIndexes}, in that order (copied), keeping their origins. */
    public Dataset subset(int[] rowIndexes) {
        if (sparse != null) {
            float[] y = new float[rowIndexes.length];
            long[] subsetLines = lines == null ? null : new long[rowIndexes.length];
            for (int k = 0; k < rowIndexes.length; k++) {
                y[k] = labels[rowIndexes[k]];
                if (subsetLines != null) {
                    subsetLines[k] = lines[rowIndexes[k]];
                }
            }
            return new Dataset(null, y, rowIndexes.length, columns, featureNames, labelName, source, subsetLines,
                    labelClasses, encoding, sparse.subset(rowIndexes));
        }
        float[] x = new float[Math.multiplyExact(rowIndexes.length, columns)];
        float[] y = new float[rowIndexes.length];
        long[] subsetLines = lines == null ? null : new long[rowIndexes.length];
        for (int k = 0; k < rowIndexes.length; k++) {
            int r = rowIndexes[k];
            System.arraycopy(features, r * columns, x, k * columns, columns);
            y[k] = labels[r];
            if (subsetLines != null) {
                subsetLines[k] = lines[r];
            }
        }
        return new Dataset(x, y, rowIndexes.length, columns, featureNames, labelName, source, subsetLines, labelClasses,
                encoding);
    }

    /** A dataset with the same labels and origin but other features (for standardisation). */
    Dataset withFeatureArray(float[] newFeatures) {
        return new Dataset(newFeatures, labels, rows, columns, featureNames, labelName, source, lines, labelClasses,
                encoding);
    }

    private void validate(boolean checkFeatures) {
        if (rows == 0) {
            throw new DataFormatException(source, "there are no examples: a dataset needs at least one row");
        }
        if (columns == 0) {
            throw new DataFormatException(source, "there are no feature columns: a dataset needs at least one");
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; checkFeatures && sparse == null && j < columns; j++) {
                float v = features[i * columns + j];
                if (!Float.isFinite(v)) {
                    throw badValue(i, j, "feature '" + featureNames.get(j) + "' is " + v);
                }
            }
            if (!Float.isFinite(labels[i])) {
                throw badValue(i, columns, "label '" + labelName + "' is " + labels[i]);
            }
        }
    }

    private DataFormatException badValue(int row, int column, String what) {
        return problemAt(row, "column " + column + ": " + what + ": every value must be a finite number");
    }

    private static void requireLabelCount(float[] labels, int n, String source) {
        if (labels.length != n) {
            throw new DataFormatException(source, labels.length + " labels for " + n + " examples: give one label per example");
        }
    }

    private static List<String> defaultNames(int d) {
        List<String> names = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        return names;
    }
}
