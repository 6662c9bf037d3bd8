package dev.soma.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.soma.engine.table.ColumnEncoding;
import dev.soma.engine.table.TableEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code "table"} object of a model file (format 2): the {@link TableEncoding} a model reads raw rows through.
 * <pre>
 * "table": {
 *   "columns": [ {"name": "age", "type": "numeric", "impute": 35.5 | null, "indicator": false},
 *                {"name": "job", "type": "categorical", "levels": ["management", "skilled", "&lt;missing&gt;"]}, … ],
 *   "naValues": ["", "na", "n/a", "null", "?"],
 *   "ignored": ["id"]
 * }
 * </pre>
 * Reading checks every field and that the columns make exactly the model's feature names; a problem is an
 * {@link IllegalArgumentException} that {@link ModelFile} reports as a bad file.
 */
final class TableEncodingJson {

    private TableEncodingJson() {
    }

    static ObjectNode write(ObjectMapper json, TableEncoding encoding) {
        ObjectNode table = json.createObjectNode();
        ArrayNode columns = table.putArray("columns");
        for (ColumnEncoding c : encoding.columns()) {
            ObjectNode column = columns.addObject();
            column.put("name", c.name());
            switch (c) {
                case ColumnEncoding.Numeric n -> {
                    column.put("type", "numeric");
                    if (n.imputes()) {
                        column.put("impute", new java.math.BigDecimal(Double.toString(n.fill())));
                    } else {
                        column.putNull("impute");
                    }
                    column.put("indicator", n.indicator());
                }
                case ColumnEncoding.Categorical k -> {
                    column.put("type", "categorical");
                    ArrayNode levels = column.putArray("levels");
                    k.levels().forEach(levels::add);
                }
                case ColumnEncoding.Hashed h -> {
                    column.put("type", "hashed");
                    column.put("text", h.text());
                }
            }
        }
        if (encoding.isHashed()) {
            table.put("hashBits", encoding.hashBits());
        }
        ArrayNode na = table.putArray("naValues");
        encoding.naValues().stream().sorted().forEach(na::add);
        ArrayNode ignored = table.putArray("ignored");
        encoding.ignored().forEach(ignored::add);
        return table;
    }

    /** The encoding in {@code node}; a format-1 file (no node) reads a plain numeric table of {@code featureNames}. */
    static TableEncoding read(JsonNode node, List<String> featureNames) {
        if (node == null || node.isNull()) {
            return TableEncoding.numeric(featureNames);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("the field \"table\" is not an object");
        }
        List<ColumnEncoding> columns = new ArrayList<>();
        int i = 0;
        for (JsonNode column : array(node, "columns", "table")) {
            String where = "\"table\".\"columns\"[" + i++ + "]";
            if (!column.isObject()) {
                throw new IllegalArgumentException(where + " is not an object");
            }
            String name = text(column, "name", where);
            String type = text(column, "type", where);
            switch (type) {
                case "numeric" -> {
                    JsonNode impute = column.get("impute");
                    double fill = Double.NaN;
                    if (impute != null && !impute.isNull()) {
                        if (!impute.isNumber()) {
                            throw new IllegalArgumentException(where + ".\"impute\" is not a number");
                        }
                        fill = Double.parseDouble(impute.decimalValue().toString());
                    }
                    JsonNode indicator = column.get("indicator");
                    if (indicator != null && !indicator.isBoolean()) {
                        throw new IllegalArgumentException(where + ".\"indicator\" is not true or false");
                    }
                    columns.add(new ColumnEncoding.Numeric(name, fill, indicator != null && indicator.booleanValue()));
                }
                case "categorical" -> columns.add(new ColumnEncoding.Categorical(name,
                        strings(array(column, "levels", where), where + ".\"levels\"")));
                case "hashed" -> {
                    JsonNode text = column.get("text");
                    if (text == null || !text.isBoolean()) {
                        throw new IllegalArgumentException(where + ".\"text\" is not true or false");
                    }
                    columns.add(new ColumnEncoding.Hashed(name, text.booleanValue()));
                }
                default -> throw new IllegalArgumentException(where + " has the unknown type '" + type
                        + "' (numeric, categorical or hashed)");
            }
        }
        JsonNode bits = node.get("hashBits");
        if (bits != null && !(bits.isIntegralNumber() && bits.canConvertToInt())) {
            throw new IllegalArgumentException("\"table\".\"hashBits\" is not a whole number");
        }
        TableEncoding encoding = new TableEncoding(columns, strings(array(node, "naValues", "table"), "\"naValues\""),
                strings(array(node, "ignored", "table"), "\"ignored\""), bits == null ? 0 : bits.intValue());
        // With hashing the file names the named features only; the hashed ones are implied by the bits.
        List<String> named = encoding.isHashed()
                ? ((dev.soma.engine.table.FeatureNames) encoding.featureNames()).named() : encoding.featureNames();
        if (!named.equals(featureNames)) {
            throw new IllegalArgumentException("the table's columns make the features " + encoding.featureNames()
                    + ", not the model's " + featureNames);
        }
        return encoding;
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(where + " has no array \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + " has no text \"" + field + "\"");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode array, String where) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException(where + " holds " + v + ", not text");
            }
            out.add(v.asText());
        }
        return out;
    }
}
