package dev.soma.engine.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The label column as a reader meets it, cell by cell: numbers, until a cell holds a word ({@code yes},
 * {@code true}, {@code setosa}); then the labels are text classes. Text classes are numbered in sorted order of
 * their spelling — {@code false} before {@code true}, {@code no} before {@code yes} — so the class that sorts last
 * is the positive class of a binary problem, as the larger number is for numeric labels. A cell that is neither a
 * decimal number nor a word (empty, {@code NaN}, {@code 1e39}, {@code 0x1F}) is an error wherever it appears.
 */
final class LabelColumn {

    /** Each cell's number (NaN for a word) and each cell's spelling code, in reading order. */
    private final float[][] numbersAndCodes;
    private int size;
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> spellings = new ArrayList<>();
    private boolean sawText;
    private boolean tooManySpellings;

    LabelColumn(int capacity) {
        numbersAndCodes = new float[2][Math.max(16, capacity)];
    }

    /** A word: starts with a letter, and is not a spelling of NaN or infinity. */
    static boolean isWord(String cell) {
        if (cell.isEmpty() || !Character.isLetter(cell.codePointAt(0))) {
            return false;
        }
        String lower = cell.toLowerCase(Locale.ROOT);
        return !(lower.equals("nan") || lower.startsWith("inf"));
    }

    /** Adds a cell already known to be a decimal number ({@code value}) or a word ({@code value} NaN). */
    void add(String cell, float value, boolean word) {
        ensureCapacity();
        numbersAndCodes[0][size] = value;
        sawText |= word;
        Integer code = codes.get(cell);
        if (code == null && !tooManySpellings) {
            if (spellings.size() == Dataset.MAX_CLASSES) {
                tooManySpellings = true;
            } else {
                code = spellings.size();
                codes.put(cell, code);
                spellings.add(cell);
            }
        }
        numbersAndCodes[1][size] = code == null ? -1 : code;
        size++;
    }

    int size() {
        return size;
    }

    /** True when some cell was a word: the labels are text classes. */
    boolean isText() {
        return sawText;
    }

    /**
     * The labels: the numbers as read, or, for text classes, each cell's index in {@link #classes()}.
     *
     * @throws DataFormatException when a text label column has more spellings than {@link Dataset#MAX_CLASSES}
     */
    float[] labels(String source, String labelName) {
        if (!sawText) {
            return java.util.Arrays.copyOf(numbersAndCodes[0], size);
        }
        if (tooManySpellings) {
            throw new DataFormatException(source, "the label '" + labelName + "' holds words and more than "
                    + Dataset.MAX_CLASSES + " distinct values: text labels are classes, and a classifier takes at most "
                    + Dataset.MAX_CLASSES);
        }
        int[] rank = sortedRank();
        float[] labels = new float[size];
        for (int i = 0; i < size; i++) {
            labels[i] = rank[(int) numbersAndCodes[1][i]];
        }
        return labels;
    }

    /** The text classes in sorted order (class k is spelled {@code classes().get(k)}), or null for numbers. */
    List<String> classes() {
        if (!sawText) {
            return null;
        }
        List<String> sorted = new ArrayList<>(spellings);
        sorted.sort(null);
        return List.copyOf(sorted);
    }

    private int[] sortedRank() {
        List<String> sorted = new ArrayList<>(spellings);
        sorted.sort(null);
        int[] rank = new int[spellings.size()];
        for (int k = 0; k < rank.length; k++) {
            rank[k] = sorted.indexOf(spellings.get(k));
        }
        return rank;
    }

    private void ensureCapacity() {
        if (size == numbersAndCodes[0].length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, 2L * size);
            numbersAndCodes[0] = java.util.Arrays.copyOf(numbersAndCodes[0], grown);
            numbersAndCodes[1] = java.util.Arrays.copyOf(numbersAndCodes[1], grown);
        }
    }
}
