package dev.soma.engine.select;

import dev.soma.engine.data.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Which of k folds each example of a dataset belongs to, for cross-validation: fold f's examples are held out
 * while the model trains on the others. Stratified for classification (each class dealt evenly over the folds,
 * so every fold holds each class in about the data's proportions), plain for regression; seeded, so the same data,
 * k and seed give the same folds. {@link #write} saves the assignment as a CSV of {@code row,fold} so that another
 * library (scikit-learn's {@code PredefinedSplit}) can use exactly these folds. Immutable.
 */
public final class Folds {

    /** More distinct numeric labels than this look like a regression target (as the classifiers judge it). */
    private static final int MAX_NUMERIC_CLASSES = 100;

    private final int[] foldOf;
    private final int count;

    private Folds(int[] foldOf, int count) {
        this.foldOf = foldOf;
        this.count = count;
    }

    /**
     * Stratified folds for a classifier's data: the rows of each class (by label value, in increasing order) are
     * shuffled with {@code seed} and dealt round-robin, each class starting where the previous one stopped, so fold
     * sizes differ by at most one.
     *
     * @throws IllegalArgumentException when {@code k} is below 2 or larger than the smallest class (a fold would
     *                                  lack that class), naming the class and its count (and saying when the
     *                                  label looks like a regression target)
     */
    public static Folds stratified(Dataset data, int k, long seed) {
        requireCount(k, data.size());
        TreeMap<Float, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < data.size(); i++) {
            byClass.computeIfAbsent(data.label(i), c -> new ArrayList<>()).add(i);
        }
        var smallest = byClass.entrySet().stream().min(java.util.Comparator.comparingInt(e -> e.getValue().size()))
                .orElseThrow();
        int size = smallest.getValue().size();
        if (size < k) {
            String message = k + " folds, but the class '" + data.spellLabel(smallest.getKey()) + "' has only " + size
                    + " example" + (size == 1 ? "" : "s") + ": every fold must hold each class, so every class needs"
                    + " at least " + k + " examples";
            if (size >= 2) {
                message += "; use at most " + size + " folds";
            }
            if (looksLikeRegression(data, byClass)) {
                message += "; the label takes " + byClass.size() + " distinct values, which looks like a regression"
                        + " target: use a regression model (linear), whose folds are plain (not stratified)";
            }
            throw new IllegalArgumentException(message);
        }
        int[] foldOf = new int[data.size()];
        SplittableRandom random = new SplittableRandom(seed);
        int next = 0;
        for (List<Integer> rows : byClass.values()) {
            int[] shuffled = rows.stream().mapToInt(Integer::intValue).toArray();
            shuffle(shuffled, random);
            for (int row : shuffled) {
                foldOf[row] = next;
                next = (next + 1) % k;
            }
        }
        return new Folds(foldOf, k);
    }

    /** Plain folds for n examples (regression): the rows shuffled with {@code seed} and dealt round-robin. */
    public static Folds plain(int n, int k, long seed) {
        requireCount(k, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, new SplittableRandom(seed));
        int[] foldOf = new int[n];
        for (int p = 0; p < n; p++) {
            foldOf[order[p]] = p % k;
        }
        return new Folds(foldOf, k);
    }

    /**
     * Given folds: {@code foldOf[i]} is example i's fold, 0 to k − 1, and every fold must hold an example.
     *
     * @throws IllegalArgumentException naming the first row with a negative fold, or the empty fold
     */
    public static Folds of(int[] foldOf) {
        int k = 0;
        for (int i = 0; i < foldOf.length; i++) {
            if (foldOf[i] < 0) {
                throw new IllegalArgumentException("row " + i + " has fold " + foldOf[i] + ": folds are numbered from 0");
            }
            k = Math.max(k, foldOf[i] + 1);
        }
        requireCount(k, foldOf.length);
        int[] sizes = new int[k];
        for (int f : foldOf) {
            sizes[f]++;
        }
        for (int f = 0; f < k; f++) {
            if (sizes[f] == 0) {
                throw new IllegalArgumentException("fold " + f + " of " + k + " holds no row");
            }
        }
        return new Folds(foldOf.clone(), k);
    }

    /** The number of folds, k. */
    public int count() {
        return count;
    }

    /** The number of examples. */
    public int size() {
        return foldOf.length;
    }

    /** Example {@code row}'s fold. */
    public int foldOf(int row) {
        return foldOf[row];
    }

    /** Each example's fold. */
    public int[] assignment() {
        return foldOf.clone();
    }

    /** The rows fold {@code fold} holds out, increasing. */
    public int[] heldOut(int fold) {
        return rows(fold, true);
    }

    /** The rows a model trains on when fold {@code fold} is held out, increasing. */
    public int[] training(int fold) {
        return rows(fold, false);
    }

    private int[] rows(int fold, boolean in) {
        if (fold < 0 || fold >= count) {
            throw new IndexOutOfBoundsException("fold " + fold + " of " + count);
        }
        return java.util.stream.IntStream.range(0, foldOf.length).filter(i -> (foldOf[i] == fold) == in).toArray();
    }

    /** Writes {@code row,fold} lines (0-based, a header first), atomically. */
    public void write(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("row,fold\n");
        for (int i = 0; i < foldOf.length; i++) {
            csv.append(i).append(',').append(foldOf[i]).append('\n');
        }
        dev.soma.engine.io.AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a file that {@link #write} wrote (or any {@code row,fold} CSV listing rows 0 … n − 1 once each).
     *
     * @throws IOException naming the line that is not exactly {@code row,fold} (two whole numbers, no third cell)
     *                     or the row given twice or left out
     */
    public static Folds read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().trim().equals("row,fold")) {
            throw new IOException(file + " line 1: expected the header 'row,fold'");
        }
        int n = lines.size() - 1;
        while (n > 0 && lines.get(n).isBlank()) {
            n--;
        }
        int[] foldOf = new int[n];
        boolean[] seen = new boolean[n];
        for (int l = 1; l <= n; l++) {
            String[] cells = lines.get(l).split(",", -1);
            if (cells.length != 2) {
                throw new IOException(file + " line " + (l + 1) + ": expected exactly 'row,fold' (two cells), got "
                        + cells.length + " cell" + (cells.length == 1 ? "" : "s") + " in '" + lines.get(l) + "'");
            }
            int row;
            int fold;
            try {
                row = Integer.parseInt(cells[0].trim());
                fold = Integer.parseInt(cells[1].trim());
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(file + " line " + (l + 1) + ": expected 'row,fold' as two whole numbers, got '"
                        + lines.get(l) + "'");
            }
            if (row < 0 || row >= n || seen[row]) {
                throw new IOException(file + " line " + (l + 1) + ": row " + row + (row >= 0 && row < n
                        ? " is given twice" : " is outside 0.." + (n - 1)));
            }
            seen[row] = true;
            foldOf[row] = fold;
        }
        try {
            return of(foldOf);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void requireCount(int k, int n) {
        if (k < 2) {
            throw new IllegalArgumentException(k + " folds: cross-validation needs at least 2");
        }
        if (k > n) {
            throw new IllegalArgumentException(k + " folds for " + n + " examples: at most one fold per example");
        }
    }

    /** Numeric labels with a fraction, or more than {@link #MAX_NUMERIC_CLASSES} distinct values. */
    private static boolean looksLikeRegression(Dataset data, TreeMap<Float, List<Integer>> byClass) {
        if (!data.labelClasses().isEmpty()) {
            return false;
        }
        return byClass.size() > MAX_NUMERIC_CLASSES || byClass.keySet().stream().anyMatch(y -> y != Math.rint(y));
    }

    /** Fisher–Yates, seeded. */
    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Folds other && Arrays.equals(foldOf, other.foldOf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(foldOf);
    }

    @Override
    public String toString() {
        return count + " folds of " + foldOf.length + " examples";
    }
}
