package dev.soma.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Holds out a fraction of the training data for early stopping, from the seed. When the labels are a few
 * classes (at most {@value Dataset#MAX_CLASSES} distinct values) the split is stratified, as scikit-learn's is for
 * classifiers, so every class keeps its share on both sides.
 */
public record ValidationSplit(int[] train, int[] validation) {

    public static ValidationSplit of(Dataset data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be between 0 and 1, but was " + fraction);
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Map<Float, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < data.size(); i++) {
            byLabel.computeIfAbsent(data.label(i), k -> new ArrayList<>()).add(i);
            if (byLabel.size() > Dataset.MAX_CLASSES) {
                byLabel = Map.of(0f, allRows(data.size()));
                break;
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (List<Integer> group : byLabel.values()) {
            List<Integer> shuffled = new ArrayList<>(group);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
            }
            int held = (int) Math.round(fraction * shuffled.size());
            validation.addAll(shuffled.subList(0, held));
            train.addAll(shuffled.subList(held, shuffled.size()));
        }
        if (validation.isEmpty() || train.isEmpty()) {
            throw new IllegalArgumentException("a validation fraction of " + fraction + " of " + data.size()
                    + " examples leaves " + validation.size() + " for validation and " + train.size()
                    + " for training: both need at least one");
        }
        return new ValidationSplit(sorted(train), sorted(validation));
    }

    private static List<Integer> allRows(int n) {
        List<Integer> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(i);
        }
        return rows;
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
