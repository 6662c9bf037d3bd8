package dev.soma.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON has no NaN or infinity, and Jackson would write them as the strings "NaN" and "Infinity", which a reader
 * parsing numbers trips over: every {@code --json} output writes a metric that is not a number (an AUC with one
 * class absent, an R² of a constant label) as null instead, as {@code cv}, {@code tune} and {@code inspect} do.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** A copy of {@code value} (maps, lists and arrays of them) with every non-finite double or float as null. */
    static Object finite(Object value) {
        return switch (value) {
            case Double d -> Double.isFinite(d) ? d : null;
            case Float f -> Float.isFinite(f) ? f : null;
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, finite(v)));
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(v -> copy.add(finite(v)));
                yield copy;
            }
            case double[] array -> {
                List<Object> copy = new ArrayList<>(array.length);
                for (double v : array) {
                    copy.add(finite(v));
                }
                yield copy;
            }
            case null, default -> value;
        };
    }
}
