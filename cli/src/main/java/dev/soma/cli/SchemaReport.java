package dev.soma.cli;

import dev.soma.engine.table.ColumnEncoding;
import dev.soma.engine.table.TableEncoding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schema a table was read with — each column's type, levels, imputation — as lines for people and for JSON. */
final class SchemaReport {

    private SchemaReport() {
    }

    /** A few lines: the numeric columns, the categorical ones with their level counts, the ignored ones. */
    static void print(PrintWriter out, String source, int rows, TableEncoding encoding) {
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        List<String> hashed = new ArrayList<>();
        for (ColumnEncoding c : encoding.columns()) {
            switch (c) {
                case ColumnEncoding.Hashed h -> hashed.add(h.name() + (h.text() ? " (text)" : ""));
                case ColumnEncoding.Numeric n -> numeric.add(n.name() + (n.imputes()
                        ? " (missing → " + Numbers.shortly(n.fill()) + (n.indicator() ? ", indicator" : "") + ")" : ""));
                case ColumnEncoding.Categorical k -> categorical.add(k.name() + " (" + k.levels().size() + ")");
            }
        }
        out.println("table: " + source + ", " + rows + " rows, " + encoding.columns().size() + " columns → "
                + encoding.dimension() + " features");
        if (!numeric.isEmpty()) {
            out.println("  numeric (" + numeric.size() + "): " + String.join(", ", numeric.size() <= 12 ? numeric
                    : numeric.subList(0, 10)) + (numeric.size() <= 12 ? "" : ", … " + numeric.getLast()));
        }
        if (!categorical.isEmpty()) {
            out.println("  categorical (" + categorical.size() + ", levels): " + String.join(", ", categorical));
        }
        if (!hashed.isEmpty()) {
            out.println("  hashed (" + hashed.size() + ", into 2^" + encoding.hashBits() + " features): "
                    + String.join(", ", hashed));
        }
        if (!encoding.ignored().isEmpty()) {
            out.println("  ignored: " + String.join(", ", encoding.ignored()));
        }
    }

    /** The schema as {@code --json} gives it: every column with its type and levels or imputation. */
    static Map<String, Object> json(TableEncoding encoding) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnEncoding c : encoding.columns()) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", c.name());
            switch (c) {
                case ColumnEncoding.Hashed h -> {
                    column.put("type", h.text() ? "text" : "hashed");
                    column.put("hashBits", encoding.hashBits());
                }
                case ColumnEncoding.Numeric n -> {
                    column.put("type", "numeric");
                    column.put("impute", n.imputes() ? n.fill() : null);
                    column.put("indicator", n.indicator());
                }
                case ColumnEncoding.Categorical k -> {
                    column.put("type", "categorical");
                    column.put("levelCount", k.levels().size());
                    column.put("levels", k.levels());
                }
            }
            columns.add(column);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("columns", columns);
        schema.put("features", encoding.dimension());
        schema.put("ignored", encoding.ignored());
        schema.put("naValues", encoding.naValues().stream().sorted().toList());
        return schema;
    }

    /** Numbers for people. */
    static final class Numbers {
        private Numbers() {
        }

        static String shortly(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                    : String.format(java.util.Locale.ROOT, "%.6g", v);
        }
    }
}
