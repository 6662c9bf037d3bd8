package dev.soma.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The values {@code soma tune} tries: {@code --grid NAME=V1,V2,…} per training option, each value checked as the
 * option checks it; the settings are the grid's cartesian product (the first option varying slowest), or a seeded
 * random sample of it without repetition.
 */
final class SearchSpace {

    /** The options a grid may vary, as the command line spells them. */
    static final List<String> NAMES = List.of("l2", "learning-rate", "batch-size", "optimizer", "hidden", "epochs");

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /**
     * Parses {@code --grid} arguments.
     *
     * @param mlp whether the model is an MLP (only an MLP has hidden layers)
     * @throws IllegalArgumentException naming the grid argument and the value that is not valid, or the unknown
     *                                  option
     */
    static SearchSpace parse(List<String> grids, boolean mlp) {
        SearchSpace space = new SearchSpace();
        for (String grid : grids) {
            int eq = grid.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--grid " + grid + ": expected NAME=V1,V2,… such as l2=1e-4,1e-3");
            }
            String name = grid.substring(0, eq).strip().replaceFirst("^--", "");
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("--grid " + grid + ": '" + name + "' is not an option a grid can"
                        + " vary; these are: " + String.join(", ", NAMES));
            }
            if (name.equals("hidden") && !mlp) {
                throw new IllegalArgumentException("--grid " + grid + ": hidden layers are for --model mlp only");
            }
            if (space.values.containsKey(name)) {
                throw new IllegalArgumentException("--grid " + grid + ": " + name + " is given twice; list all its"
                        + " values in one --grid");
            }
            List<String> list = new ArrayList<>();
            for (String v : grid.substring(eq + 1).split(",", -1)) {
                String value = v.strip();
                check(grid, name, value);
                if (!list.contains(value)) {
                    list.add(value);
                }
            }
            space.values.put(name, List.copyOf(list));
        }
        if (space.values.isEmpty()) {
            throw new IllegalArgumentException("give at least one --grid NAME=V1,V2,… (such as --grid l2=1e-4,1e-3,1e-2)");
        }
        return space;
    }

    /** Refuses a value its option would refuse. */
    private static void check(String grid, String name, String value) {
        String problem = null;
        try {
            switch (name) {
                case "l2" -> {
                    double l2 = Double.parseDouble(value);
                    if (!(l2 >= 0 && Double.isFinite(l2))) {
                        problem = "l2 must be a finite number >= 0";
                    }
                }
                case "learning-rate" -> {
                    double rate = Double.parseDouble(value);
                    if (!(rate > 0 && Double.isFinite(rate))) {
                        problem = "a learning rate must be a finite number > 0";
                    }
                }
                case "batch-size", "epochs" -> {
                    if (Integer.parseInt(value) < 1) {
                        problem = name + " must be a whole number >= 1";
                    }
                }
                case "hidden" -> {
                    for (int size : hiddenSizes(value)) {
                        if (size < 1) {
                            problem = "hidden sizes must be whole numbers >= 1 (layers joined by 'x', as 64x32)";
                        }
                    }
                }
                case "optimizer" -> {
                    if (value.isEmpty()) {
                        problem = "an optimizer needs a name";
                    }
                }
                default -> throw new IllegalStateException(name);
            }
        } catch (NumberFormatException e) {
            problem = switch (name) {
                case "batch-size", "epochs" -> name + " must be a whole number >= 1";
                case "hidden" -> "hidden sizes must be whole numbers >= 1 (layers joined by 'x', as 64x32)";
                default -> name + " must be a number";
            };
        }
        if (problem != null) {
            throw new IllegalArgumentException("--grid " + grid + ": the value '" + value + "' is not valid: " + problem);
        }
    }

    /** {@code 64x32} as {64, 32}. */
    static int[] hiddenSizes(String value) {
        return Arrays.stream(value.split("[x:]", -1)).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    }

    /** The options varied, in the order given. */
    List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** The values given for {@code name}. */
    List<String> values(String name) {
        return values.get(name);
    }

    /** The number of settings in the cartesian product. */
    long gridSize() {
        long size = 1;
        for (List<String> list : values.values()) {
            size = Math.multiplyExact(size, list.size());
        }
        return size;
    }

    /** Every combination, the first option varying slowest; each maps option name to value. */
    List<Map<String, String>> grid() {
        long size = gridSize();
        if (size > 100_000) {
            throw new IllegalArgumentException("the grid has " + size + " settings: too many to cross-validate; use"
                    + " --random N to try a sample of them");
        }
        List<Map<String, String>> settings = new ArrayList<>();
        for (long index = 0; index < size; index++) {
            settings.add(combination(index));
        }
        return settings;
    }

    /**
     * {@code n} distinct combinations drawn at random with {@code seed} (the whole grid, in order, when it has no more
     * than {@code n}).
     */
    List<Map<String, String>> random(int n, long seed) {
        long size = gridSize();
        if (n >= size) {
            return grid();
        }
        SplittableRandom random = new SplittableRandom(seed);
        java.util.LinkedHashSet<Long> chosen = new java.util.LinkedHashSet<>();
        while (chosen.size() < n) {
            chosen.add(random.nextLong(size));
        }
        return chosen.stream().map(this::combination).toList();
    }

    private Map<String, String> combination(long index) {
        Map<String, String> setting = new LinkedHashMap<>();
        List<String> names = names();
        long rest = index;
        for (int k = names.size() - 1; k >= 0; k--) {
            List<String> list = values.get(names.get(k));
            setting.put(names.get(k), list.get((int) (rest % list.size())));
            rest /= list.size();
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : names) {
            ordered.put(name, setting.get(name));
        }
        return ordered;
    }

    /** {@code settings} with one combination's values. */
    static TrainingOptions.Settings apply(TrainingOptions.Settings settings, Map<String, String> combination) {
        TrainingOptions.Settings s = settings;
        for (var entry : combination.entrySet()) {
            String v = entry.getValue();
            s = switch (entry.getKey()) {
                case "l2" -> new TrainingOptions.Settings(s.optimizer(), s.learningRate(), s.batchSize(),
                        Double.parseDouble(v), s.hidden(), s.epochs());
                case "learning-rate" -> new TrainingOptions.Settings(s.optimizer(), Double.parseDouble(v),
                        s.batchSize(), s.l2(), s.hidden(), s.epochs());
                case "batch-size" -> new TrainingOptions.Settings(s.optimizer(), s.learningRate(), Integer.parseInt(v),
                        s.l2(), s.hidden(), s.epochs());
                case "optimizer" -> new TrainingOptions.Settings(v, s.learningRate(), s.batchSize(), s.l2(),
                        s.hidden(), s.epochs());
                case "hidden" -> new TrainingOptions.Settings(s.optimizer(), s.learningRate(), s.batchSize(), s.l2(),
                        hiddenSizes(v), s.epochs());
                case "epochs" -> new TrainingOptions.Settings(s.optimizer(), s.learningRate(), s.batchSize(), s.l2(),
                        s.hidden(), Integer.parseInt(v));
                default -> throw new IllegalStateException(entry.getKey());
            };
        }
        return s;
    }

    /**
     * A combination for JSON, in its order: numbers (l2, learning-rate, batch-size, epochs) as numbers, text
     * (optimizer, hidden) as the text given.
     */
    static Map<String, Object> json(Map<String, String> combination) {
        Map<String, Object> out = new LinkedHashMap<>();
        combination.forEach((k, v) -> out.put(k, switch (k) {
            case "l2", "learning-rate" -> Double.parseDouble(v);
            case "batch-size", "epochs" -> Integer.parseInt(v);
            default -> v;
        }));
        return out;
    }

    /** A combination as people read it: {@code l2=0.001 learning-rate=0.1}. */
    static String describe(Map<String, String> combination) {
        StringBuilder s = new StringBuilder();
        combination.forEach((k, v) -> s.append(s.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return s.toString();
    }
}
