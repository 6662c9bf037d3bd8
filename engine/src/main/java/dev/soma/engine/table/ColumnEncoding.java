package dev.soma.engine.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one input column becomes features: a numeric column is one feature (and, with a missing indicator, a second
 * 0/1 one); a categorical column is one 0/1 feature per level seen in training.
 */
public sealed interface ColumnEncoding {

    /**
     * A column fed to the shared hashed features ({@link TableEncoding#hashBits()}): a categorical column's
     * {@code column=value}, or each lower-case word of a text column as {@code column=word}. It has no features of
     * its own.
     *
     * @param text true for a text column (tokenised into words), false for a categorical one (its whole value)
     */
    record Hashed(String name, boolean text) implements ColumnEncoding {
        @Override
        public int width() {
            return 0;
        }

        @Override
        public List<String> featureNames() {
            return List.of();
        }
    }

    /** The level a missing categorical cell becomes, and the suffix of a missing indicator's feature name. */
    String MISSING = "<missing>";

    /** The input column's name. */
    String name();

    /** How many features the column becomes. */
    int width();

    /** The names of its features, {@code column} or {@code column=level}. */
    List<String> featureNames();

    /**
     * A numeric column.
     *
     * @param name      the column
     * @param fill      the value a missing cell takes (the training mean or median), or NaN when a missing cell is an error
     * @param indicator whether a {@code name=<missing>} 0/1 feature follows the value
     */
    record Numeric(String name, double fill, boolean indicator) implements ColumnEncoding {
        @Override
        public int width() {
            return indicator ? 2 : 1;
        }

        @Override
        public List<String> featureNames() {
            return indicator ? List.of(name, name + "=" + MISSING) : List.of(name);
        }

        /** True when a missing cell is filled (with {@link #fill}) rather than refused. */
        public boolean imputes() {
            return !Double.isNaN(fill);
        }
    }

    /** A categorical column, one-hot encoded: one 0/1 feature per level seen in training. Immutable. */
    final class Categorical implements ColumnEncoding {
        private final String name;
        private final List<String> levels;
        private final Map<String, Integer> index = new HashMap<>();

        /**
         * @param name   the column
         * @param levels its levels in feature order (sorted; {@link #MISSING} last when training had missing cells)
         * @throws IllegalArgumentException for no level or a level given twice
         */
        public Categorical(String name, List<String> levels) {
            this.name = name;
            this.levels = List.copyOf(levels);
            if (levels.isEmpty()) {
                throw new IllegalArgumentException("the categorical column '" + name + "' has no level");
            }
            for (int k = 0; k < levels.size(); k++) {
                if (index.put(levels.get(k), k) != null) {
                    throw new IllegalArgumentException("the column '" + name + "' has the level '" + levels.get(k)
                            + "' twice");
                }
            }
        }

        @Override
        public String name() {
            return name;
        }

        /** The levels, in the order of the column's features. */
        public List<String> levels() {
            return levels;
        }

        @Override
        public int width() {
            return levels.size();
        }

        @Override
        public List<String> featureNames() {
            return levels.stream().map(level -> name + "=" + level).toList();
        }

        /** The level's position in the block, or -1 for a level training did not see. */
        public int levelIndex(String level) {
            Integer k = index.get(level);
            return k == null ? -1 : k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Categorical other && name.equals(other.name) && levels.equals(other.levels);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + levels.hashCode();
        }

        @Override
        public String toString() {
            return "Categorical[" + name + ", " + levels.size() + " levels]";
        }
    }
}
