package dev.soma.onnx;

import static dev.soma.onnx.GraphBuilder.attribute;

import dev.soma.engine.table.ColumnEncoding;
import dev.soma.engine.table.TableEncoding;
import dev.soma.onnx.proto.Onnx.TensorProto.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The graph's inputs and the preprocessing that turns them into the model's feature matrix, as the model's
 * {@link TableEncoding} does it in Java.
 *
 * <p>A plain numeric model (every column a number, no imputation) takes one float tensor {@code features}, N × d, in
 * the order of the feature names. A table model takes one input per column, N × 1, named as the column: a float
 * tensor for a numeric column (NaN for a missing cell, which becomes the training mean or median when the model
 * imputes, {@code Where(IsNaN(x), fill, x)}, and sets the {@code column=<missing>} indicator when it has one), a
 * string tensor for a categorical column (one-hot by an {@code ai.onnx.ml LabelEncoder} from level to position and
 * an {@code Equal} against the positions; an unseen level is all zeros, as in Soma; a missing-cell spelling —
 * empty or one of the model's NA values, in lower, upper or capitalised case — is the {@code <missing>} level).
 * Feature hashing cannot be written with standard operators, so a hashed model is refused.
 */
final class FeatureInputs {

    /** The input of a plain numeric model. */
    static final String FEATURES = "features";

    private FeatureInputs() {
    }

    /** Adds the inputs and the encoding to {@code g}; returns the name of the N × d float feature matrix. */
    static String build(GraphBuilder g, TableEncoding encoding) {
        if (encoding.isHashed()) {
            List<String> hashed = encoding.columns().stream()
                    .filter(c -> c instanceof ColumnEncoding.Hashed).map(ColumnEncoding::name).toList();
            throw new OnnxExportException("the model hashes the columns " + hashed + " into 2^" + encoding.hashBits()
                    + " features (MurmurHash3 of 'column=value' and of a text's words): standard ONNX operators have"
                    + " no such hash, so the exported model could not encode its input; train without --hash/--text"
                    + " (declare such columns --categorical, or --ignore them) to export it");
        }
        if (encoding.isPlainNumeric()) {
            g.input(FEATURES, DataType.FLOAT_VALUE, "the raw feature values, one row per example, in the order of the"
                    + " model's feature names (metadata soma.feature_names)", encoding.dimension());
            return FEATURES;
        }
        List<String> blocks = new ArrayList<>();
        for (ColumnEncoding column : encoding.columns()) {
            switch (column) {
                case ColumnEncoding.Numeric n -> numeric(g, n, blocks);
                case ColumnEncoding.Categorical k -> categorical(g, k, encoding, blocks);
                case ColumnEncoding.Hashed h -> throw new AssertionError("hashed column " + h.name());
            }
        }
        return blocks.size() == 1 ? blocks.getFirst() : g.node("Concat", "features", blocks, attribute("axis", 1));
    }

    private static void numeric(GraphBuilder g, ColumnEncoding.Numeric n, List<String> blocks) {
        String description = "the numeric column '" + n.name() + "'" + (n.imputes()
                ? "; NaN for a missing cell, which becomes " + (float) n.fill()
                : "; a missing cell (NaN) makes the outputs NaN, as the model was trained without imputation");
        g.input(n.name(), DataType.FLOAT_VALUE, description, 1);
        String value = n.name();
        String missing = n.imputes() || n.indicator() ? g.node("IsNaN", "missing", List.of(n.name())) : null;
        if (n.imputes()) {
            String fill = g.floats("fill", new float[] {(float) n.fill()}, 1);
            value = g.node("Where", "imputed", List.of(missing, fill, n.name()));
        }
        blocks.add(value);
        if (n.indicator()) {
            blocks.add(g.node("Cast", "indicator", List.of(missing), attribute("to", DataType.FLOAT_VALUE)));
        }
    }

    private static void categorical(GraphBuilder g, ColumnEncoding.Categorical k, TableEncoding encoding,
                                     List<String> blocks) {
        List<String> levels = k.levels();
        g.input(k.name(), DataType.STRING_VALUE, "the categorical column '" + k.name() + "', its cells spelled as"
                + " in training (trimmed): one of " + levels.size() + " levels; any other value encodes as zeros",
                1);
        Map<String, Long> positions = new LinkedHashMap<>();
        int missing = levels.indexOf(ColumnEncoding.MISSING);
        if (missing >= 0) {
            for (String na : encoding.naValues()) {
                for (String spelling : caseVariants(na)) {
                    positions.put(spelling, (long) missing);
                }
            }
        }
        for (int p = 0; p < levels.size(); p++) {
            if (p != missing) {
                positions.putIfAbsent(levels.get(p), (long) p);
            }
        }
        String codes = g.node(GraphBuilder.ML_DOMAIN, "LabelEncoder", "level", List.of(k.name()),
                GraphBuilder.strings("keys_strings", List.copyOf(positions.keySet())),
                GraphBuilder.longs("values_int64s", positions.values().stream().mapToLong(Long::longValue).toArray()),
                attribute("default_int64", -1));
        long[] range = new long[levels.size()];
        for (int p = 0; p < range.length; p++) {
            range[p] = p;
        }
        String hot = g.node("Equal", "one-hot", List.of(codes, g.longs("levels", range, 1, range.length)));
        blocks.add(g.node("Cast", "one-hot", List.of(hot), attribute("to", DataType.FLOAT_VALUE)));
    }

    /** {@code na}, {@code NA}, {@code Na}: the spellings of a missing cell the graph recognises. */
    private static List<String> caseVariants(String lowerCase) {
        String upper = lowerCase.toUpperCase(Locale.ROOT);
        String capitalised = lowerCase.isEmpty() ? lowerCase
                : lowerCase.substring(0, 1).toUpperCase(Locale.ROOT) + lowerCase.substring(1);
        return List.of(lowerCase, upper, capitalised).stream().distinct().toList();
    }
}
