package dev.soma.engine.table;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a user declares about a table before it is read: the label column, the columns whose type is not what the
 * data suggests ({@link Builder#categorical}, {@link Builder#numeric}), the columns to leave out, how missing cells
 * are spelled and filled, the widest categorical column accepted, and the file's dialect. Everything not declared
 * is inferred from the training file by {@link TableReader}. Immutable.
 *
 * <pre>{@code
 * TableSpec spec = TableSpec.builder().label("class").categorical("installment_rate").ignore("id")
 *         .impute(Impute.MEDIAN).build();
 * Dataset train = TableReader.read(Path.of("credit.csv"), spec);
 * }</pre>
 */
public final class TableSpec {

    /** The spellings of a missing cell unless told otherwise (compared ignoring case; an empty cell is always one). */
    public static final List<String> DEFAULT_NA_VALUES = List.of("", "NA", "N/A", "null", "?");

    /** The most hash bits: 2^24 hashed features. */
    public static final int MAX_HASH_BITS = 24;

    /** The most levels a categorical column may have unless told otherwise. */
    public static final int DEFAULT_MAX_LEVELS = 1000;

    private final String label;
    private final Set<String> categorical;
    private final Set<String> numeric;
    private final Set<String> ignored;
    private final Set<String> naValues;
    private final Impute impute;
    private final boolean missingIndicator;
    private final int maxLevels;
    private final Character delimiter;
    private final Charset charset;
    private final int hashBits;
    private final Set<String> text;

    private TableSpec(Builder b) {
        this.hashBits = b.hashBits;
        this.text = Set.copyOf(b.text);
        this.label = b.label;
        this.categorical = Set.copyOf(b.categorical);
        this.numeric = Set.copyOf(b.numeric);
        this.ignored = Set.copyOf(b.ignored);
        this.naValues = lowerCase(b.naValues);
        this.impute = b.impute;
        this.missingIndicator = b.missingIndicator;
        this.maxLevels = b.maxLevels;
        this.delimiter = b.delimiter;
        this.charset = b.charset;
        Set<String> both = new LinkedHashSet<>(categorical);
        both.retainAll(numeric);
        Set<String> typed = new LinkedHashSet<>(categorical);
        typed.addAll(numeric);
        Set<String> textAndTyped = new LinkedHashSet<>(text);
        textAndTyped.retainAll(typed);
        if (!textAndTyped.isEmpty()) {
            throw new IllegalArgumentException("the columns " + textAndTyped + " are declared text and also"
                    + " categorical or numeric");
        }
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("the columns " + both + " are declared both categorical and numeric");
        }
    }

    /** Every cell's type inferred, the label the last column, missing cells spelled as {@link #DEFAULT_NA_VALUES}. */
    public static TableSpec inferred() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The label column, or null for the last column. */
    public String label() {
        return label;
    }

    public Set<String> categorical() {
        return categorical;
    }

    public Set<String> numeric() {
        return numeric;
    }

    public Set<String> ignored() {
        return ignored;
    }

    /** The spellings of a missing cell, lower-cased (cells are compared ignoring case). */
    public Set<String> naValues() {
        return naValues;
    }

    public Impute impute() {
        return impute;
    }

    public boolean missingIndicator() {
        return missingIndicator;
    }

    public int maxLevels() {
        return maxLevels;
    }

    /** The field delimiter, or null to detect it from the header line (comma, semicolon or tab). */
    public Character delimiter() {
        return delimiter;
    }

    public Charset charset() {
        return charset;
    }

    /** With feature hashing, the number of hashed features is {@code 2^hashBits}; 0 when one-hot encoding. */
    public int hashBits() {
        return hashBits;
    }

    /** The text columns, tokenised into hashed words (with {@link #hashBits()} &gt; 0). */
    public Set<String> text() {
        return text;
    }

    /** The same declarations with another label column. */
    public TableSpec withLabel(String labelColumn) {
        Builder b = toBuilder();
        b.label = labelColumn;
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.label = label;
        b.categorical.addAll(categorical);
        b.numeric.addAll(numeric);
        b.ignored.addAll(ignored);
        b.naValues = List.copyOf(naValues);
        b.impute = impute;
        b.missingIndicator = missingIndicator;
        b.maxLevels = maxLevels;
        b.delimiter = delimiter;
        b.charset = charset;
        b.hashBits = hashBits;
        b.text.addAll(text);
        return b;
    }

    /**
     * True when {@code cell} (trimmed) is one of the lower-cased {@code naValues}, compared ignoring case; cells
     * longer than {@code longest} are not lower-cased at all (most cells, in a large file).
     */
    static boolean isMissing(String cell, Set<String> naValues, int longest) {
        return cell.isEmpty() || cell.length() <= longest && naValues.contains(cell.toLowerCase(Locale.ROOT));
    }

    static Set<String> lowerCase(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        out.add("");
        for (String v : values) {
            out.add(v.trim().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /** Builds a {@link TableSpec}; every setting is optional. */
    public static final class Builder {
        private String label;
        private final Set<String> categorical = new LinkedHashSet<>();
        private final Set<String> numeric = new LinkedHashSet<>();
        private final Set<String> ignored = new LinkedHashSet<>();
        private List<String> naValues = DEFAULT_NA_VALUES;
        private Impute impute = Impute.NONE;
        private boolean missingIndicator;
        private int maxLevels = DEFAULT_MAX_LEVELS;
        private Character delimiter;
        private Charset charset = StandardCharsets.UTF_8;
        private int hashBits;
        private final Set<String> text = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Feature hashing: every categorical column, and every {@link #text} column, goes into {@code 2^bits}
         * shared features (MurmurHash3 of {@code column=value}, a sign from the hash so that collisions cancel on
         * average) instead of one-hot columns, and the dataset is sparse. For columns with many levels. 0 turns it
         * off.
         */
        public Builder hashBits(int bits) {
            if (bits < 0 || bits > MAX_HASH_BITS) {
                throw new IllegalArgumentException("the hash bits must be between 1 and " + MAX_HASH_BITS
                        + " (2^" + MAX_HASH_BITS + " features), but were " + bits);
            }
            this.hashBits = bits;
            return this;
        }

        /** Text columns: each cell is split into lower-case words, each word a hashed feature (needs hash bits). */
        public Builder text(String... columns) {
            return text(List.of(columns));
        }

        public Builder text(List<String> columns) {
            text.addAll(columns);
            return this;
        }

        /** The label column (default: the last column). */
        public Builder label(String column) {
            this.label = column;
            return this;
        }

        /** Columns read as categories even when every cell is a number (integer codes). */
        public Builder categorical(String... columns) {
            return categorical(List.of(columns));
        }

        public Builder categorical(List<String> columns) {
            categorical.addAll(columns);
            return this;
        }

        /** Columns that must be numeric: a cell that is not a number is then an error naming it. */
        public Builder numeric(String... columns) {
            return numeric(List.of(columns));
        }

        public Builder numeric(List<String> columns) {
            numeric.addAll(columns);
            return this;
        }

        /** Columns left out: an id, a name, free text. */
        public Builder ignore(String... columns) {
            return ignore(List.of(columns));
        }

        public Builder ignore(List<String> columns) {
            ignored.addAll(columns);
            return this;
        }

        /** The spellings of a missing cell, instead of {@link #DEFAULT_NA_VALUES} (an empty cell is always missing). */
        public Builder naValues(List<String> spellings) {
            this.naValues = List.copyOf(spellings);
            return this;
        }

        /** How to fill a missing numeric cell (default {@link Impute#NONE}: it is an error). */
        public Builder impute(Impute how) {
            this.impute = Objects.requireNonNull(how, "impute");
            return this;
        }

        /**
         * Adds a {@code column=<missing>} 0/1 feature for every numeric column with missing cells in training (with
         * an {@link #impute} to fill the cell itself).
         */
        public Builder missingIndicator(boolean on) {
            this.missingIndicator = on;
            return this;
        }

        /** The most levels a categorical column may have (default {@value TableSpec#DEFAULT_MAX_LEVELS}). */
        public Builder maxLevels(int levels) {
            if (levels < 1) {
                throw new IllegalArgumentException("the maximum number of levels must be >= 1, but was " + levels);
            }
            this.maxLevels = levels;
            return this;
        }

        /** The field delimiter (default: detected from the header line among comma, semicolon and tab). */
        public Builder delimiter(char delimiter) {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
            }
            this.delimiter = delimiter;
            return this;
        }

        /** The file's character encoding (default UTF-8, with or without a byte-order mark). */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        public TableSpec build() {
            if (!text.isEmpty() && hashBits == 0) {
                throw new IllegalArgumentException("text columns " + text + " are hashed into features: give the hash"
                        + " bits too (--hash BITS, for example 18)");
            }
            if (missingIndicator && impute == Impute.NONE) {
                throw new IllegalArgumentException("a missing indicator marks cells that are imputed: give an impute"
                        + " strategy too (--impute mean or median)");
            }
            return new TableSpec(this);
        }
    }
}
