package dev.soma.engine.data;

import java.util.Locale;

/**
 * What a numeric cell of a data file may hold — a finite decimal number in float range — shared by every reader,
 * so that a number means the same thing in a plain numeric file and in a table with categorical columns.
 */
public final class DecimalCells {

    private DecimalCells() {
    }

    /**
     * True when {@code text} reads as a number: a decimal that {@link #parse} would take, or a spelling of NaN or
     * infinity (a number, but one {@code parse} refuses with its own message).
     */
    public static boolean looksNumeric(String text) {
        if (text.isEmpty()) {
            return false;
        }
        if (isPlainDecimal(text)) {
            try {
                Float.parseFloat(text);
                return true;
            } catch (NumberFormatException e) {
                return false; // "e", "+-1", "1.2.3"
            }
        }
        if (text.length() > 9) {
            return false;
        }
        String word = text.toLowerCase(Locale.ROOT);
        if (word.startsWith("-") || word.startsWith("+")) {
            word = word.substring(1);
        }
        return word.equals("nan") || word.equals("inf") || word.equals("infinity");
    }

    /**
     * The cell as a float.
     *
     * @param column 0-based column index, reported 1-based
     * @param name   the column's name, for the message
     * @throws DataFormatException naming the source, line and column for an empty cell, NaN, an infinity, text, a
     *                             hex or suffixed float ({@code 0x1p3}, {@code 2f}), or a value beyond float range
     */
    public static float parse(String text, String source, long line, int column, String name) {
        String where = "'" + name + "'";
        if (text.isEmpty()) {
            throw new DataFormatException(source, line, column + 1, where + " is empty: every cell needs a number");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean spelledSpecial = lower.contains("nan") || lower.contains("inf");
        if (spelledSpecial) {
            throw new DataFormatException(source, line, column + 1, where + " is '" + text + "', which is not a finite number");
        }
        float value;
        try {
            value = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(source, line, column + 1, where + " is '" + text + "', which is not a number");
        }
        if (!isPlainDecimal(text)) {
            // Java also parses "1f", "2d" and hex floats; data files should not contain them.
            throw new DataFormatException(source, line, column + 1, where + " is '" + text + "', which is not a decimal number");
        }
        if (!Float.isFinite(value)) {
            throw new DataFormatException(source, line, column + 1,
                    where + " is '" + text + "', which is beyond the float range (±3.4e38)");
        }
        return value;
    }

    /** Only digits, a point, signs and an exponent: what a decimal number in a data file is made of. */
    private static boolean isPlainDecimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }
}
