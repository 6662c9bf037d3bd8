package dev.soma.plugins;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A typed, named option of a plugin, with a default and a rule for valid values. A provider declares its
 * options as constants, lists them in {@link PluginProvider#options()} and reads them in
 * {@link PluginProvider#create} with {@link Options#get(Option)}:
 *
 * <pre>{@code
 * static final Option<Double> LEARNING_RATE = Option.positiveDouble("learningRate", 0.01, "the step size ε");
 * static final Option<Double> BETA = Option.fraction("beta", 0.9, "the decay of the moving average");
 * ...
 * double rate = options.get(LEARNING_RATE);
 * }</pre>
 *
 * <p>An option name is letters and digits, starting with a letter (camelCase by convention, such as
 * {@code learningRate}); users set it by that name ({@code --option beta=0.95} on the command line). Options are
 * made by the static factories, each of which fixes the type and the rule; the default must satisfy the rule.
 *
 * <p>Values arrive either typed (from the Java API) or as text (from a command line or a config file);
 * {@link #convert(Object)} accepts both and rejects anything else with a message that names the option.
 *
 * @param <T> the value type: {@link Double}, {@link Integer}, {@link Long}, {@link Boolean} or {@link String}
 */
public final class Option<T> {

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String description;
    private final Predicate<T> rule;
    private final String ruleText;
    private final Function<String, T> parser;

    private Option(String name, Class<T> type, T defaultValue, String description,
                   Predicate<T> rule, String ruleText, Function<String, T> parser) {
        this.name = requireName(name);
        this.type = type;
        this.description = Objects.requireNonNull(description, "description");
        this.rule = rule;
        this.ruleText = ruleText;
        this.parser = parser;
        this.defaultValue = check(Objects.requireNonNull(defaultValue, "defaultValue"));
    }

    /**
     * A floating-point option that must be finite and strictly positive (a learning rate, a penalty weight...).
     *
     * @param name         the option's name: letters and digits, starting with a letter
     * @param defaultValue the value when the user gives none; must satisfy the rule
     * @param description  one line for help texts
     * @return the option
     * @throws IllegalArgumentException if the name or the default is invalid
     */
    public static Option<Double> positiveDouble(String name, double defaultValue, String description) {
        return new Option<>(name, Double.class, defaultValue, description,
                v -> Double.isFinite(v) && v > 0, "a finite number > 0", Double::valueOf);
    }

    /**
     * A floating-point option that must be finite and at least zero (a weight decay that may be off).
     *
     * @param name         the option's name: letters and digits, starting with a letter
     * @param defaultValue the value when the user gives none; must satisfy the rule
     * @param description  one line for help texts
     * @return the option
     * @throws IllegalArgumentException if the name or the default is invalid
     */
    public static Option<Double> nonNegativeDouble(String name, double defaultValue, String description) {
        return new Option<>(name, Double.class, defaultValue, description,
                v -> Double.isFinite(v) && v >= 0, "a finite number >= 0", Double::valueOf);
    }

    /**
     * An integer option that must be at least 1 (a batch size, a history length...).
     *
     * @param name         the option's name: letters and digits, starting with a letter
     * @param defaultValue the value when the user gives none; must satisfy the rule
     * @param description  one line for help texts
     * @return the option
     * @throws IllegalArgumentException if the name or the default is invalid
     */
    public static Option<Integer> positiveInt(String name, int defaultValue, String description) {
        return new Option<>(name, Integer.class, defaultValue, description,
                v -> v > 0, "a whole number >= 1", Integer::valueOf);
    }

    /**
     * An integer option that must be at least 0 (a batch size where 0 means "all", as the built-ins have it).
     *
     * @param name         the option's name: letters and digits, starting with a letter
     * @param defaultValue the value when the user gives none; must satisfy the rule
     * @param description  one line for help texts
     * @return the option
     * @throws IllegalArgumentException if the name or the default is invalid
     */
    public static Option<Integer> nonNegativeInt(String name, int defaultValue, String description) {
        return new Option<>(name, Integer.class, defaultValue, description,
                v -> v >= 0, "a whole number >= 0", Integer::valueOf);
    }

    /**
     * A floating-point option that must lie in [0, 1) (a decay, a momentum, a moment coefficient).
     *
     * @param name         the option's name: letters and digits, starting with a letter
     * @param defaultValue the value when the user gives none; must satisfy the rule
     * @param description  one line for help texts
     * @return the option
     * @throws IllegalArgumentException if the name or the default is invalid
     */
    public static Option<Double> fraction(String name, double defaultValue, String description) {
        return new Option<>(name, Double.class, defaultValue, description,
                v -> v >= 0 && v < 1, "a number >= 0 and < 1", Double::valueOf);
    }

    /**
     * A yes/no option; text values are {@code true} or {@code false}, in any case.
     *
     * @param name         the option's name: letters and digits, starting with a letter
     * @param defaultValue the value when the user gives none
     * @param description  one line for help texts
     * @return the option
     * @throws IllegalArgumentException if the name is invalid
     */
    public static Option<Boolean> flag(String name, boolean defaultValue, String description) {
        return new Option<>(name, Boolean.class, defaultValue, description, v -> true, "true or false",
                Option::parseBoolean);
    }

    /**
     * A text option that must be one of a fixed list of words (a method's variant, such as a solver's name). Text
     * values are compared exactly.
     *
     * @param name         the option's name: letters and digits, starting with a letter
     * @param defaultValue the value when the user gives none; one of {@code choices}
     * @param description  one line for help texts
     * @param choices      the valid values, at least one
     * @return the option
     * @throws IllegalArgumentException if the name is invalid, there is no choice, or the default is not one
     */
    public static Option<String> choice(String name, String defaultValue, String description, String... choices) {
        if (choices == null || choices.length == 0) {
            throw new IllegalArgumentException("option '" + name + "' needs at least one choice");
        }
        java.util.List<String> valid = java.util.List.of(choices);
        return new Option<>(name, String.class, defaultValue, description, valid::contains,
                "one of " + String.join(", ", valid), text -> text);
    }

    /**
     * The name users set the option by.
     *
     * @return letters and digits, starting with a letter
     */
    public String name() {
        return name;
    }

    /**
     * The value type.
     *
     * @return {@code Double.class}, {@code Integer.class}, {@code Long.class}, {@code Boolean.class} or
     *         {@code String.class}, as the factory fixed it
     */
    public Class<T> type() {
        return type;
    }

    /**
     * The value when the user gives none.
     *
     * @return the default, which satisfies the rule
     */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * What the option controls.
     *
     * @return one line for help texts
     */
    public String description() {
        return description;
    }

    /**
     * What a valid value is, in words (for help texts and error messages).
     *
     * @return a phrase such as {@code "a finite number > 0"}
     */
    public String requirement() {
        return ruleText;
    }

    /**
     * Converts a raw value — an instance of the option's type, any {@link Number} for a numeric option, or
     * its text form — to a checked value of type {@code T}. A whole-number option refuses a fractional number.
     *
     * @param raw the value as given
     * @return the value, converted and checked against the rule
     * @throws IllegalArgumentException naming the option, the value and what a valid value is
     */
    public T convert(Object raw) {
        Objects.requireNonNull(raw, () -> "option '" + name + "' has no value");
        T value;
        if (type.isInstance(raw)) {
            value = type.cast(raw);
        } else if (raw instanceof Number number && Number.class.isAssignableFrom(type)) {
            value = fromNumber(number);
        } else if (raw instanceof CharSequence text) {
            try {
                value = parser.apply(text.toString().trim());
            } catch (IllegalArgumentException e) {
                throw invalid(raw);
            }
        } else {
            throw invalid(raw);
        }
        if (!rule.test(value)) {
            throw invalid(raw);
        }
        return value;
    }

    private T fromNumber(Number number) {
        if (type == Double.class) {
            return type.cast(number.doubleValue());
        }
        double d = number.doubleValue();
        if (d != Math.rint(d)) {
            throw invalid(number);
        }
        if (type == Integer.class && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
            return type.cast(number.intValue());
        }
        if (type == Long.class) {
            return type.cast(number.longValue());
        }
        throw invalid(number);
    }

    private T check(T value) {
        if (!rule.test(value)) {
            throw invalid(value);
        }
        return value;
    }

    private IllegalArgumentException invalid(Object raw) {
        return new IllegalArgumentException(
                "option '" + name + "' must be " + ruleText + ", but was '" + raw + "'");
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String requireName(String name) {
        if (name == null || !name.matches("[a-zA-Z][a-zA-Z0-9]*")) {
            throw new IllegalArgumentException("an option name is letters and digits, starting with a letter: '" + name + "'");
        }
        return name;
    }

    /**
     * The name, type, default and description.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return name + " (" + type.getSimpleName() + ", default " + defaultValue + "): " + description;
    }
}
