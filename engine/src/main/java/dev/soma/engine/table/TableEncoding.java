package dev.soma.engine.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What training learned about a table, kept in the model so that it reads raw rows as training did: the input
 * columns in feature order, each numeric (with its imputation) or categorical (with its levels), the spellings of a
 * missing cell, and the columns left out. From it come the feature names and the features that standardisation
 * leaves alone (one-hot and missing-indicator features stay 0/1). Immutable and thread-safe; bind it to a column
 * layout ({@link #bind}) to encode rows.
 */
public final class TableEncoding {

    private final List<ColumnEncoding> columns;
    private final Set<String> naValues;
    private final List<String> ignored;
    private final List<String> featureNames;
    private final boolean[] unscaled;
    private final int longestNaValue;
    private final int hashBits;

    /** An encoding without feature hashing: see {@link #TableEncoding(List, Collection, List, int)}. */
    public TableEncoding(List<ColumnEncoding> columns, Collection<String> naValues, List<String> ignored) {
        this(columns, naValues, ignored, 0);
    }

    /**
     * @param columns  the input columns, in the order of their features
     * @param naValues the spellings of a missing cell (compared ignoring case; the empty cell is always one)
     * @param ignored  columns training left out (recorded for {@code inspect}; prediction ignores them anyway)
     * @param hashBits with feature hashing, the {@link ColumnEncoding.Hashed} columns share {@code 2^hashBits}
     *                 features after the named ones; 0 without
     * @throws IllegalArgumentException for no column, a column name given twice, hashed columns without hash
     *                                  bits
     */
    public TableEncoding(List<ColumnEncoding> columns, Collection<String> naValues, List<String> ignored,
                         int hashBits) {
        this.hashBits = hashBits;
        this.columns = List.copyOf(columns);
        this.naValues = TableSpec.lowerCase(List.copyOf(naValues));
        this.ignored = List.copyOf(ignored);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table encoding needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        List<Boolean> oneHot = new ArrayList<>();
        for (ColumnEncoding c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("the column '" + c.name() + "' is encoded twice");
            }
            names.addAll(c.featureNames());
            switch (c) {
                case ColumnEncoding.Numeric n -> {
                    oneHot.add(false);
                    if (n.indicator()) {
                        oneHot.add(true);
                    }
                }
                case ColumnEncoding.Categorical k -> k.levels().forEach(level -> oneHot.add(true));
                case ColumnEncoding.Hashed h -> {
                    if (hashBits == 0) {
                        throw new IllegalArgumentException("the column '" + h.name() + "' is hashed, but the"
                                + " encoding has no hash bits");
                    }
                }
            }
        }
        if (hashBits < 0 || hashBits > TableSpec.MAX_HASH_BITS) {
            throw new IllegalArgumentException("hash bits must be 0 to " + TableSpec.MAX_HASH_BITS + ", not " + hashBits);
        }
        int hashed = hashBits == 0 ? 0 : 1 << hashBits;
        this.featureNames = new FeatureNames(names, hashed);
        // Hashed features are counts of words and signed indicators: like one-hot features, left unscaled.
        this.unscaled = new boolean[oneHot.size() + hashed];
        for (int j = 0; j < unscaled.length; j++) {
            unscaled[j] = j >= oneHot.size() || oneHot.get(j);
        }
        this.longestNaValue = this.naValues.stream().mapToInt(String::length).max().orElse(0);
    }

    /**
     * The encoding of a plain numeric table: one numeric feature per column, in this order, a missing cell an error.
     * What a model trained on numbers alone (or read from a format-1 model file) reads.
     */
    public static TableEncoding numeric(List<String> featureNames) {
        List<ColumnEncoding> columns = featureNames.stream()
                .map(name -> (ColumnEncoding) new ColumnEncoding.Numeric(name, Double.NaN, false)).toList();
        return new TableEncoding(columns, TableSpec.DEFAULT_NA_VALUES, List.of());
    }

    /** The input columns, in the order of their features. */
    public List<ColumnEncoding> columns() {
        return columns;
    }

    /** The input columns' names, in order. */
    public List<String> columnNames() {
        return columns.stream().map(ColumnEncoding::name).toList();
    }

    /** The encoded features' names: {@code column} for a numeric column, {@code column=level} for a one-hot one. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The hash bits: {@code 2^hashBits} hashed features follow the named ones; 0 without feature hashing. */
    public int hashBits() {
        return hashBits;
    }

    /** True with feature hashing: rows encode as sparse rows. */
    public boolean isHashed() {
        return hashBits > 0;
    }

    /** The index of the first hashed feature: the number of named features. */
    public int hashedOffset() {
        return ((FeatureNames) featureNames).named().size();
    }

    /** The number of encoded features. */
    public int dimension() {
        return featureNames.size();
    }

    /** For each feature, true when standardisation leaves it alone: a one-hot or missing-indicator 0/1 feature. */
    public boolean[] unscaled() {
        return unscaled.clone();
    }

    /** True when every column is numeric without imputation or indicator: the encoding of a plain numeric table. */
    public boolean isPlainNumeric() {
        return hashBits == 0 && columns.stream().allMatch(c -> c instanceof ColumnEncoding.Numeric n && !n.imputes() && !n.indicator());
    }

    /** The spellings of a missing cell, lower-cased. */
    public Set<String> naValues() {
        return naValues;
    }

    /** The columns training left out. */
    public List<String> ignored() {
        return ignored;
    }

    /** True when {@code cell} (already trimmed) spells a missing value. */
    public boolean isMissing(String cell) {
        return TableSpec.isMissing(cell, naValues, longestNaValue);
    }

    /**
     * A row encoder for records whose cells come in the order {@code header} (a CSV file's columns, say): each
     * column is found by name once, here, not per row. Columns the encoding does not use are ignored.
     *
     * @param source the data's name in error messages (a file name)
     * @throws dev.soma.engine.data.DataFormatException naming the columns {@code header} lacks
     */
    public RecordEncoder bind(List<String> header, String source) {
        return new RecordEncoder(this, header, source, null);
    }

    /** A row encoder for records of the columns {@code columns}, in that order; messages call them "record". */
    public RecordEncoder bind(List<String> columns) {
        return bind(columns, "record");
    }

    /**
     * One record's features, its cells looked up by column name (a column absent from the map is an error; a
     * level not seen in training encodes as zeros). For a row now and then; to encode many, {@link #bind} once.
     */
    public float[] encode(Map<String, String> record) {
        Objects.requireNonNull(record, "record");
        List<String> names = columnNames();
        String[] cells = new String[names.size()];
        List<String> absent = new ArrayList<>();
        for (int c = 0; c < cells.length; c++) {
            cells[c] = record.get(names.get(c));
            if (cells[c] == null) {
                absent.add(names.get(c));
            }
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("the record has no " + absent + ": the model reads the columns " + names);
        }
        return bind(names).encode(cells);
    }

    /** Every column name a model reads, and the ones it ignores, for messages. */
    Set<String> knownColumns() {
        Set<String> known = new LinkedHashSet<>(columnNames());
        known.addAll(ignored);
        return known;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableEncoding other && columns.equals(other.columns) && naValues.equals(other.naValues)
                && ignored.equals(other.ignored) && hashBits == other.hashBits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, naValues, ignored, hashBits);
    }

    @Override
    public String toString() {
        return "TableEncoding[" + columns.size() + " columns, " + dimension() + " features]";
    }
}
