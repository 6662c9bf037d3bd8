package dev.soma.plugins;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The option values a user gave for one plugin: an immutable map from option name to a raw value (typed, or
 * text from a command line). A plugin reads them with {@link #get(Option)}, which falls back to the option's
 * default and checks the value:
 *
 * <pre>{@code
 * Options options = Options.of("learningRate", 0.01, "beta", "0.95");   // typed or text
 * double beta = options.get(BETA);                                      // 0.95, checked against BETA's rule
 * }</pre>
 */
public final class Options {

    private static final Options EMPTY = new Options(Map.of());

    private final Map<String, Object> values;

    private Options(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * No values: every option takes its default.
     *
     * @return the empty options
     */
    public static Options empty() {
        return EMPTY;
    }

    /**
     * Values by option name; the map is copied.
     *
     * @param values raw values by option name: instances of the options' types, numbers, or text
     * @return the options
     * @throws NullPointerException if a name or a value is null
     */
    public static Options of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "option name");
            Objects.requireNonNull(v, () -> "option '" + k + "' has no value");
        });
        return new Options(new LinkedHashMap<>(values));
    }

    /**
     * One value.
     *
     * @param name  the option's name
     * @param value its raw value
     * @return the options
     */
    public static Options of(String name, Object value) {
        return of(Map.of(name, value));
    }

    /**
     * Two values.
     *
     * @param name1  the first option's name
     * @param value1 its raw value
     * @param name2  the second option's name
     * @param value2 its raw value
     * @return the options
     */
    public static Options of(String name1, Object value1, String name2, Object value2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name1, value1);
        map.put(name2, value2);
        return of(map);
    }

    /**
     * A copy with one more value (replacing any earlier value of that name).
     *
     * @param name  the option's name
     * @param value its raw value
     * @return new options; these are unchanged
     */
    public Options with(String name, Object value) {
        Map<String, Object> map = new LinkedHashMap<>(values);
        map.put(name, value);
        return of(map);
    }

    /**
     * The checked value of {@code option}, or its default when no value was given.
     *
     * @param option the option to read
     * @param <T>    its value type
     * @return the given value converted by {@link Option#convert(Object)}, or the default
     * @throws IllegalArgumentException if the given value is invalid, naming the option
     */
    public <T> T get(Option<T> option) {
        Object raw = values.get(option.name());
        return raw == null ? option.defaultValue() : option.convert(raw);
    }

    /**
     * The raw values as given.
     *
     * @return the values by name; unmodifiable
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Checks that every given name is one of {@code declared} and that every value converts.
     *
     * @param pluginName the plugin's name, for the message
     * @param declared   the plugin's options ({@link PluginProvider#options()})
     * @throws IllegalArgumentException naming the plugin, the unknown option and the options it has
     */
    public void validateAgainst(String pluginName, Collection<? extends Option<?>> declared) {
        Map<String, Option<?>> byName = declared.stream()
                .collect(Collectors.toMap(Option::name, o -> o, (a, b) -> a, LinkedHashMap::new));
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Option<?> option = byName.get(entry.getKey());
            if (option == null) {
                String known = byName.isEmpty() ? "it has no options" : "its options are " + new TreeSet<>(byName.keySet());
                throw new IllegalArgumentException(
                        "'" + pluginName + "' has no option '" + entry.getKey() + "': " + known);
            }
            try {
                option.convert(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + pluginName + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * Whether {@code o} holds the same raw values.
     *
     * @param o another object
     * @return true if they are equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Options other && values.equals(other.values);
    }

    /**
     * A hash of the raw values.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /**
     * The raw values, as a map prints them.
     *
     * @return {@code {name=value, ...}}
     */
    @Override
    public String toString() {
        return values.toString();
    }
}
