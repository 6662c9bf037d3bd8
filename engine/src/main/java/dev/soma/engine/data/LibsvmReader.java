package dev.soma.engine.data;

import dev.soma.engine.table.TextInput;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a LIBSVM (svmlight) file into a sparse {@link Dataset}: one example per line, {@code label index:value …},
 * the indices 1-based and strictly increasing. The label is a number ({@code +1}/{@code -1}, {@code 0}/{@code 1},
 * class numbers, any decimal) kept as it is: a binary classifier maps its two classes itself. {@code #} starts a
 * comment (a whole line or the end of one), {@code qid:N} tokens are ignored, blank lines skipped, and a gzip file
 * is read through gzip (told by its first bytes). Explicit zeros ({@code 3:0}) are dropped, but their index still
 * counts towards the number of features.
 *
 * <p>The rows stream into chunks of {@code int[]}/{@code float[]} entries (up to 2^20 a chunk), with no object per
 * entry and no growth by copying; at the end the chunks are copied into the exact CSR arrays, the index chunks freed
 * before the value array is made, so reading peaks near 1.5 times the CSR arrays (a growing array and its final
 * trimmed copy would need up to 2.5 times). The heap is checked before each chunk, so a file too large fails early
 * with the size it needs. The features are
 * named {@code f1 … fN} as the file numbers them; there are as many as the largest index, or as {@link #features(int)}
 * says, so that a training and a test file agree.
 *
 * <p>Errors are {@link DataFormatException}s naming the file, the line and the token: an index out of order,
 * repeated, zero or negative, not an integer, or above the features asked for; a value that is not a finite number;
 * a missing label; a token without {@code ':'}. Immutable; {@link #features(int)} returns a new reader.
 */
public final class LibsvmReader {

    /** The largest exponent of ten a float holds exactly (10^10 < 2^24 · 2^10): the fast number path uses up to it. */
    private static final float[] POWERS_OF_TEN = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    /** Integers up to 2^24 are exact floats. */
    private static final long EXACT_FLOAT_INTEGER = 1L << 24;
    private static final int BUFFER = 1 << 16;
    /** Entries of the first chunk and of the largest (4 MB of indices and 4 MB of values). */
    private static final int FIRST_CHUNK = 1 << 12;
    private static final int LARGEST_CHUNK = 1 << 20;
    /** The most non-zeros one dataset holds (int row pointers, arrays of at most this length). */
    private static final int MOST_NON_ZEROS = Integer.MAX_VALUE - 8;

    private final int features;
    private final MemoryBudget budget;

    private LibsvmReader(int features, MemoryBudget budget) {
        this.features = features;
        this.budget = budget;
    }

    /** A reader whose number of features is the file's largest index. */
    public static LibsvmReader create() {
        return new LibsvmReader(0, MemoryBudget.heap());
    }

    /**
     * The same reader with exactly {@code count} features, whatever indices the file uses (a test file read for a
     * model trained on {@code count} features); an index above {@code count} is then an error naming it.
     */
    public LibsvmReader features(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of features must be >= 1, but was " + count);
        }
        return new LibsvmReader(count, budget);
    }

    /** The same reader checking growth against {@code memory} (tests). */
    LibsvmReader budget(MemoryBudget memory) {
        return new LibsvmReader(features, memory);
    }

    /** Reads {@code file} (plain or gzip, UTF-8 or ASCII text). */
    public Dataset read(Path file) throws IOException {
        String name = TextInput.name(file);
        try (Reader in = TextInput.open(file, StandardCharsets.UTF_8)) {
            return read(in, name);
        }
    }

    /** Reads LIBSVM text from {@code in}; {@code source} names it in messages and in the dataset. */
    public Dataset read(Reader in, String source) throws IOException {
        return new Parse(source).run(in);
    }

    /** One reading: the growing CSR arrays and where it is. */
    private final class Parse {
        private final String source;
        private int[] rowStart = new int[1025];
        private float[] labels = new float[1024];
        private long[] lines = new long[1024];
        private int rows;
        /** The full chunks; the one being filled is {@link #indices}/{@link #values}, up to {@link #used}. */
        private final List<int[]> indexChunks = new ArrayList<>();
        private final List<float[]> valueChunks = new ArrayList<>();
        private int[] indices = new int[FIRST_CHUNK];
        private float[] values = new float[FIRST_CHUNK];
        private int used;
        private int nonZeros;
        private int largestIndex;
        private long line;

        Parse(String source) {
            this.source = source;
        }

        Dataset run(Reader in) throws IOException {
            char[] buffer = new char[BUFFER];
            int start = 0;
            int end = 0;
            int scanned = 0;
            while (true) {
                int newline = -1;
                for (int i = scanned; i < end; i++) {
                    if (buffer[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                if (newline >= 0) {
                    line++;
                    parseLine(buffer, start, newline);
                    start = newline + 1;
                    scanned = start;
                    continue;
                }
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                } else if (end == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
                }
                scanned = end;
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    if (end > start) {
                        line++;
                        parseLine(buffer, start, end);
                    }
                    return finish();
                }
                end += n;
            }
        }

        private void parseLine(char[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == '#') {
                    to = i;
                    break;
                }
            }
            int i = skipSpace(b, from, to);
            if (i == to) {
                return; // blank, or a comment
            }
            int tokenEnd = tokenEnd(b, i, to);
            if (indexOf(b, i, tokenEnd, ':') >= 0) {
                throw error("starts with '" + text(b, i, tokenEnd) + "': the label is missing (a line is 'label"
                        + " index:value …')");
            }
            float label = number(b, i, tokenEnd, -1);
            int rowBegin = nonZeros;
            int previous = 0;
            for (i = skipSpace(b, tokenEnd, to); i < to; i = skipSpace(b, tokenEnd, to)) {
                tokenEnd = tokenEnd(b, i, to);
                int colon = indexOf(b, i, tokenEnd, ':');
                if (colon < 0) {
                    throw error("the token '" + text(b, i, tokenEnd) + "' is not index:value (it has no ':')");
                }
                if (colon - i == 3 && b[i] == 'q' && b[i + 1] == 'i' && b[i + 2] == 'd') {
                    continue; // a query id (svmlight ranking files): not a feature
                }
                int index = index(b, i, colon, tokenEnd);
                if (index == previous) {
                    throw error("the index " + index + " is repeated in '" + text(b, i, tokenEnd) + "'");
                }
                if (index < previous) {
                    throw error("the index " + index + " in '" + text(b, i, tokenEnd) + "' comes after " + previous
                            + ": indices must increase along a line");
                }
                if (features > 0 && index > features) {
                    throw error("the index " + index + " in '" + text(b, i, tokenEnd) + "' is above the " + features
                            + " features asked for");
                }
                previous = index;
                float value = number(b, colon + 1, tokenEnd, i);
                if (value != 0) {
                    if (used == indices.length) {
                        nextChunk();
                    }
                    indices[used] = index - 1;
                    values[used++] = value;
                    nonZeros++;
                }
            }
            largestIndex = Math.max(largestIndex, previous);
            if (rows == labels.length) {
                growRows();
            }
            rowStart[rows] = rowBegin;
            labels[rows] = label;
            lines[rows++] = line;
            rowStart[rows] = nonZeros;
        }

        /** A 1-based feature index: digits only, at least 1. */
        private int index(char[] b, int from, int to, int tokenEnd) {
            long value = 0;
            boolean negative = to > from && b[from] == '-';
            int i = negative ? from + 1 : from;
            if (i == to) {
                throw error("the index in '" + text(b, from, tokenEnd) + "' is not an integer");
            }
            for (; i < to; i++) {
                char c = b[i];
                if (c < '0' || c > '9') {
                    throw error("the index in '" + text(b, from, tokenEnd) + "' is not an integer");
                }
                value = Math.min(value * 10 + (c - '0'), 1L << 40);
            }
            if (negative || value == 0) {
                throw error("the index in '" + text(b, from, tokenEnd) + "' is " + (negative && value != 0 ? "negative"
                        : "zero") + ": indices start at 1");
            }
            if (value > Integer.MAX_VALUE - 8) {
                throw error("the index in '" + text(b, from, tokenEnd) + "' is too large (at most "
                        + (Integer.MAX_VALUE - 8) + ")");
            }
            return (int) value;
        }

        /**
         * A finite decimal number. Short decimals (at most 2^24 in their digits, ten to the power ±10) are read
         * exactly by one correctly rounded float operation; anything else goes through {@link Float#parseFloat},
         * after checking it is plain decimal text (no hex floats, {@code f} suffixes, NaN or infinities).
         */
        private float number(char[] b, int from, int to, int tokenStart) {
            int i = from;
            boolean negative = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negative = b[i] == '-';
                i++;
            }
            long mantissa = 0;
            int exponent = 0;
            int digits = 0;
            boolean exact = true;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++, digits++) {
                mantissa = mantissa * 10 + (b[i] - '0');
                exact &= mantissa <= EXACT_FLOAT_INTEGER;
                if (!exact) {
                    mantissa = EXACT_FLOAT_INTEGER + 1; // keep the long from overflowing; the slow path reads it
                }
            }
            if (i < to && b[i] == '.') {
                for (i++; i < to && b[i] >= '0' && b[i] <= '9'; i++, digits++) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    exponent--;
                    exact &= mantissa <= EXACT_FLOAT_INTEGER;
                    if (!exact) {
                        mantissa = EXACT_FLOAT_INTEGER + 1;
                    }
                }
            }
            if (digits > 0 && i < to && (b[i] == 'e' || b[i] == 'E')) {
                int j = i + 1;
                boolean negativeExponent = false;
                if (j < to && (b[j] == '-' || b[j] == '+')) {
                    negativeExponent = b[j] == '-';
                    j++;
                }
                int e = 0;
                int exponentDigits = 0;
                for (; j < to && b[j] >= '0' && b[j] <= '9'; j++, exponentDigits++) {
                    e = Math.min(e * 10 + (b[j] - '0'), 100_000);
                }
                exact &= exponentDigits > 0;
                exponent += negativeExponent ? -e : e;
                i = j;
            }
            if (exact && digits > 0 && i == to && exponent >= -10 && exponent <= 10) {
                float magnitude = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
                return negative ? -magnitude : magnitude;
            }
            String what = tokenStart < 0 ? "the label" : "the value in '" + text(b, tokenStart, to) + "',";
            return slowNumber(text(b, from, to), what);
        }

        /** {@code what} is "the label" or "the value in 'token',". */
        private float slowNumber(String token, String what) {
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.contains("nan") || lower.contains("inf")) {
                throw error(what + " '" + token + "' is not a finite number");
            }
            boolean plain = !token.isEmpty();
            for (int i = 0; i < token.length() && plain; i++) {
                char c = token.charAt(i);
                plain = c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            }
            float value;
            try {
                if (!plain) {
                    throw new NumberFormatException();
                }
                value = Float.parseFloat(token);
            } catch (NumberFormatException e) {
                throw error(what + " '" + token + "' is not a number" + (token.indexOf(',') >= 0 || token.indexOf(';') >= 0
                        ? " (the line looks like CSV, not LIBSVM: give --format csv)" : ""));
            }
            if (!Float.isFinite(value)) {
                throw error(what + " '" + token + "' is not a finite number: it is beyond the float range (±3.4e38)");
            }
            return value;
        }

        /** The current chunk is full: keep it and start one twice its size, up to {@link #LARGEST_CHUNK}. */
        private void nextChunk() {
            int size = (int) Math.min(Math.min(LARGEST_CHUNK, indices.length * 2L), (long) MOST_NON_ZEROS - nonZeros);
            if (size <= 0) {
                throw error("holds more than " + MOST_NON_ZEROS + " non-zeros, the most one sparse dataset can hold");
            }
            budget.require((long) size * (Integer.BYTES + Float.BYTES), source,
                    (long) nonZeros * (Integer.BYTES + Float.BYTES));
            indexChunks.add(indices);
            valueChunks.add(values);
            indices = new int[size];
            values = new float[size];
            used = 0;
        }

        private void growRows() {
            int grown = (int) Math.min(Integer.MAX_VALUE - 9, labels.length + (long) labels.length / 2 + 16);
            if (grown == labels.length) {
                throw error("holds more than " + labels.length + " rows, the most one dataset can hold");
            }
            budget.require((long) grown * (Integer.BYTES + Float.BYTES + Long.BYTES), source,
                    (long) nonZeros * (Integer.BYTES + Float.BYTES));
            rowStart = Arrays.copyOf(rowStart, grown + 1);
            labels = Arrays.copyOf(labels, grown);
            lines = Arrays.copyOf(lines, grown);
        }

        private Dataset finish() {
            if (rows == 0) {
                throw new DataFormatException(source, "holds no examples: a LIBSVM file has one 'label index:value …'"
                        + " line per example");
            }
            int columns = features > 0 ? features : largestIndex;
            if (columns == 0) {
                throw new DataFormatException(source, "no line has a feature (index:value), so the number of features"
                        + " is unknown: give it (features(N), --features N)");
            }
            // The exact index array is new memory; the value array then reuses the freed index chunks.
            budget.require((long) nonZeros * Integer.BYTES + (long) rows * 16, source,
                    (long) nonZeros * (Integer.BYTES + Float.BYTES));
            int[] allIndices = new int[nonZeros];
            int at = 0;
            for (int c = 0; c < indexChunks.size(); c++) {
                int[] chunk = indexChunks.set(c, null);
                System.arraycopy(chunk, 0, allIndices, at, chunk.length);
                at += chunk.length;
            }
            System.arraycopy(indices, 0, allIndices, at, used);
            indices = null;
            float[] allValues = new float[nonZeros];
            at = 0;
            for (int c = 0; c < valueChunks.size(); c++) {
                float[] chunk = valueChunks.set(c, null);
                System.arraycopy(chunk, 0, allValues, at, chunk.length);
                at += chunk.length;
            }
            System.arraycopy(values, 0, allValues, at, used);
            values = null;
            SparseRows sparse = SparseRows.of(Arrays.copyOf(rowStart, rows + 1), allIndices, allValues, columns);
            // Spelled on demand: a file of 2^20 features would otherwise hold a million name strings.
            List<String> names = dev.soma.engine.table.FeatureNames.numbered("f", 1, columns);
            return Dataset.ofSparse(sparse, Arrays.copyOf(labels, rows), names, "label", List.of(), source,
                    Arrays.copyOf(lines, rows));
        }

        private DataFormatException error(String problem) {
            return new DataFormatException(source, line, -1, problem);
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static int skipSpace(char[] b, int from, int to) {
        while (from < to && isSpace(b[from])) {
            from++;
        }
        return from;
    }

    private static int tokenEnd(char[] b, int from, int to) {
        while (from < to && !isSpace(b[from])) {
            from++;
        }
        return from;
    }

    private static int indexOf(char[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String text(char[] b, int from, int to) {
        int length = Math.min(to - from, 80);
        return new String(b, from, length) + (to - from > length ? "…" : "");
    }
}
