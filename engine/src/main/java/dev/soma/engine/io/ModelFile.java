package dev.soma.engine.io;

import dev.soma.engine.data.Standardizer;
import dev.soma.engine.model.LinearModel;
import dev.soma.engine.model.Label;
import dev.soma.engine.model.LinearParameters;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.PlattScaling;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.Model;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.network.Network;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.engine.table.TableEncoding;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Soma's model file: versioned JSON with a checksum. Format 2 (format 1 is the same without {@code "table"}):
 * <pre>
 * {
 *   "format": "soma-model", "version": 1, "checksum": "sha256:…",
 *   "model": {
 *     "type": "logistic-regression" | "linear-regression" | "linear-svm" | "mlp-classifier",
 *     "soma": version, "featureNames": [...],
 *     "standardizer": {"means": [...], "scales": [...]},
 *     "table": {"columns": [{"name": …, "type": "numeric", "impute": number|null, "indicator": bool}
 *                          | {"name": …, "type": "categorical", "levels": [...]}, ...],
 *               "naValues": [...], "ignored": [...]}     (see {@link TableEncodingJson})
 *     linear models:  "weights": [...], "bias": b        (for raw features)
 *     a calibrated linear-svm: "calibration": {"method": "platt", "a": a, "b": b, "folds": k}
 *     mlp-classifier: "architecture": {"hidden": [...], "activation": "TANH"}, "classes": [...],
 *                     "parameters": [...]                (for standardised features, layer by layer)
 *     "training": {epochs, stopReason, cost, loss, optimizer, optimizerOptions, learningRate, batchSize, l1, l2,
 *                  kernels, lanes, ...}
 *   }
 * }
 * </pre>
 * Floats are written as their shortest decimal form and read back exactly, so a loaded model predicts
 * bit-for-bit as the saved one on the same kernels. The checksum is SHA-256 over the canonical (compact,
 * re-serialised) form of {@code model}; loading checks the format, the version and the checksum and says which
 * failed. Files are written atomically (a temporary file, then a rename).
 */
public final class ModelFile {

    /**
     * The format version this Soma writes: 2, which adds the table encoding ({@code "table"}). It reads versions 1
     * and 2; a version-1 model reads a plain numeric table of its feature names.
     */
    public static final int VERSION = 2;
    /** The oldest format version this Soma reads. */
    public static final int OLDEST_VERSION = 1;
    private static final String FORMAT = "soma-model";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ModelFile() {
    }

    /** Writes {@code model} to {@code file}, atomically: a temporary file, then a rename. */
    public static void save(Model model, Path file) throws IOException {
        AtomicFiles.write(file, bytes(model));
    }

    /** Writes {@code model} to {@code out} (which stays open): the same bytes as a model file. */
    public static void save(Model model, OutputStream out) throws IOException {
        out.write(bytes(model));
        out.flush();
    }

    private static byte[] bytes(Model model) throws IOException {
        ObjectNode body = describe(model);
        // Canonicalise through a parse, exactly as load will, so both compute the checksum over the same bytes.
        JsonNode canonical = CANONICAL.readTree(CANONICAL.writeValueAsBytes(body));
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("checksum", checksum(canonical));
        root.set("model", canonical);
        return JSON.writeValueAsBytes(root);
    }

    /**
     * Reads a model file.
     *
     * @return the model: a {@link LogisticRegression}, {@link LinearRegression}, {@link LinearSvm} or
     *         {@link MlpClassifier}
     * @throws IOException naming the file and what is wrong with it: not a model file, another version, a
     *                     checksum that does not match, a missing or malformed field
     */
    public static Model load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder, not a model file");
        }
        return read(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads a model from {@code in}, to its end (the stream stays open), as {@link #load(Path)} reads a file;
     * messages call the source "the model stream".
     */
    public static Model load(InputStream in) throws IOException {
        return read(in.readAllBytes(), "the model stream");
    }

    private static Model read(byte[] bytes, String file) throws IOException {
        int first = 0;
        while (first < bytes.length && Character.isWhitespace(bytes[first])) {
            first++;
        }
        if (first == bytes.length) {
            throw new IOException(file + " is empty, not a Soma model file");
        }
        if (bytes[first] != '{') {
            throw new IOException(file + " is not a Soma model file: a model file is JSON and starts with '{', this"
                    + " one with byte 0x" + Integer.toHexString(bytes[first] & 0xff)
                    + (file.endsWith(".onnx") ? " (an ONNX file is an export for other runtimes; Soma reads its own"
                    + " .json model files)" : ""));
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
        } catch (RuntimeException e) {
            // Jackson lets some number-format failures through unwrapped (an exponent too large for a BigDecimal).
            throw new IOException(file + " is not valid JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a Soma model file (no \"format\": \"" + FORMAT + "\")");
        }
        int version = root.path("version").asInt(-1);
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new IOException(file + " is a model file of format version " + version + "; this Soma reads versions "
                    + OLDEST_VERSION + " to " + VERSION);
        }
        JsonNode body = root.get("model");
        if (body == null || !body.isObject()) {
            throw new IOException(file + " has no \"model\" object");
        }
        String expected = root.path("checksum").asText();
        String actual = checksum(CANONICAL.readTree(CANONICAL.writeValueAsBytes(body)));
        if (!actual.equals(expected)) {
            throw new IOException(file + " does not match its checksum (expected " + expected + ", computed " + actual
                    + "): the file was changed or damaged");
        }
        try {
            return build(body);
        } catch (IllegalArgumentException e) {
            // What build's checks throw for a missing or malformed field (and the model constructors for values
            // that disagree). Anything else is a bug in Soma, not a bad file, and is not disguised as one.
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model file and checks that it holds a {@code type}. */
    public static <T extends Model> T load(Path file, Class<T> type) throws IOException {
        return ofType(load(file), type, file.toString());
    }

    /** Reads a model from {@code in} and checks that it is a {@code type}. */
    public static <T extends Model> T load(InputStream in, Class<T> type) throws IOException {
        return ofType(load(in), type, "the model stream");
    }

    private static <T extends Model> T ofType(Model model, Class<T> type, String source) throws IOException {
        if (!type.isInstance(model)) {
            throw new IOException(source + " holds a " + model.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(model);
    }

    private static ObjectNode describe(Model model) {
        ObjectNode body = JSON.createObjectNode();
        switch (model) {
            case LinearModel m -> {
                linear(body, m.type(), m);
                putLabel(body, m.label());
                if (m instanceof LinearSvm svm && svm.calibration().isPresent()) {
                    PlattScaling platt = svm.calibration().get();
                    ObjectNode calibration = body.putObject("calibration");
                    calibration.put("method", "platt");
                    calibration.put("a", platt.a());
                    calibration.put("b", platt.b());
                    calibration.put("folds", platt.folds());
                }
            }
            case MlpClassifier m -> {
                common(body, m.type(), m.featureNames(), m.standardizer(), m.encoding(), m.summary());
                ObjectNode architecture = body.putObject("architecture");
                ArrayNode hidden = architecture.putArray("hidden");
                for (int size : m.architecture().hiddenSizes()) {
                    hidden.add(size);
                }
                architecture.put("activation", m.architecture().activation().name());
                floats(body.putArray("classes"), m.classes());
                putLabel(body, m.label());
                floats(body.putArray("parameters"), m.parameters());
            }
            case null -> throw new NullPointerException("model");
        }
        return body;
    }

    private static void linear(ObjectNode body, String type, LinearModel m) {
        common(body, type, m.featureNames(), m.standardizer(), m.encoding(), m.summary());
        floats(body.putArray("weights"), m.weights());
        body.put("bias", m.bias());
    }

    private static void common(ObjectNode body, String type, List<String> names, Standardizer standardizer,
                               TableEncoding encoding, TrainingSummary summary) {
        body.put("type", type);
        body.put("soma", somaVersion());
        ArrayNode featureNames = body.putArray("featureNames");
        // Hashed features (hash:0 … hash:2^bits−1) are implied by the table's hash bits, not written out.
        (encoding.isHashed() ? ((dev.soma.engine.table.FeatureNames) encoding.featureNames()).named() : names)
                .forEach(featureNames::add);
        ObjectNode s = body.putObject("standardizer");
        doubles(s.putArray("means"), standardizer.means());
        doubles(s.putArray("scales"), standardizer.scales());
        body.set("table", TableEncodingJson.write(JSON, encoding));
        ObjectNode t = body.putObject("training");
        t.put("epochs", summary.epochs());
        t.put("stopReason", summary.stopReason().name());
        putNumber(t, "cost", summary.cost());
        putNumber(t, "meanLoss", summary.meanLoss());
        putNumber(t, "gradientNorm", summary.gradientNorm());
        t.put("loss", summary.loss());
        t.put("optimizer", summary.optimizer());
        ObjectNode options = t.putObject("optimizerOptions");
        summary.optimizerOptions().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> options.put(e.getKey(), String.valueOf(e.getValue())));
        putNumber(t, "learningRate", summary.learningRate());
        t.put("batchSize", summary.batchSize());
        putNumber(t, "l1", summary.l1());
        putNumber(t, "l2", summary.l2());
        putNumber(t, "validationLoss", summary.validationLoss());
        t.put("bestEpoch", summary.bestEpoch());
        putNumber(t, "passes", summary.passes());
        t.put("kernels", summary.kernels());
        t.put("lanes", summary.lanes());
        t.put("seconds", summary.elapsed().toNanos() / 1e9);
        if (!summary.warnings().isEmpty()) {
            ArrayNode warnings = t.putArray("warnings");
            summary.warnings().forEach(warnings::add);
        }
    }

    /** JSON has no NaN: a missing value is written as null. */
    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    /** The Soma version from the jar's manifest (the runnable jar's, when shaded), or "development". */
    public static String somaVersion() {
        String version = ModelFile.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private static Model build(JsonNode body) {
        String type = text(body, "type");
        List<String> names = new ArrayList<>();
        for (JsonNode n : array(body, "featureNames")) {
            names.add(n.asText());
        }
        JsonNode s = required(body, "standardizer");
        Standardizer standardizer = Standardizer.of(doubleArray(s, "means"), doubleArray(s, "scales"));
        TrainingSummary summary = summary(required(body, "training"));
        Label label = label(body.get("label"));
        TableEncoding encoding = TableEncodingJson.read(body.get("table"), names);
        if (encoding.isHashed()) {
            names = encoding.featureNames();
        }
        return switch (type) {
            case "logistic-regression" -> new LogisticRegression(linearModel(body, names), standardizer, summary,
                    label == null ? Label.zeroOne() : label,
                    encoding);
            case "linear-regression" -> new LinearRegression(linearModel(body, names), standardizer, summary,
                    label == null ? Label.regression(null) : label,
                    encoding);
            case "linear-svm" -> new LinearSvm(linearModel(body, names), standardizer, summary,
                    label == null ? Label.zeroOne() : label,
                    encoding, calibration(body.get("calibration")));
            case "mlp-classifier" -> {
                JsonNode a = required(body, "architecture");
                int[] hidden = new int[array(a, "hidden").size()];
                for (int i = 0; i < hidden.length; i++) {
                    hidden[i] = a.get("hidden").get(i).asInt();
                }
                Architecture architecture = new Architecture(hidden,
                        Activation.valueOf(text(a, "activation").toUpperCase(Locale.ROOT)));
                float[] classes = floatArray(body, "classes");
                Network network = new Network(names.size(), architecture, classes.length);
                float[] parameters = floatArray(body, "parameters");
                if (parameters.length != network.parameterCount()) {
                    throw new IllegalArgumentException("the network " + architecture + " needs " + network.parameterCount()
                            + " parameters, but the file has " + parameters.length);
                }
                if (label != null && !java.util.Arrays.equals(label.values(), classes)) {
                    throw new IllegalArgumentException("the label's class values " + java.util.Arrays.toString(label.values())
                            + " differ from the classes " + java.util.Arrays.toString(classes));
                }
                Label classLabel = label != null ? label
                        : Label.ofValues(null, classes);
                yield new MlpClassifier(network, architecture, parameters, classLabel, standardizer, names, summary, encoding);
            }
            default -> throw new IllegalArgumentException("unknown model type '" + type + "'");
        };
    }

    /**
     * The recorded label, {@code {"name": …, "classes": [spellings], "values": [numbers]}}, or null for files written
     * before labels were recorded (their models get the label their type implies: classes 0 and 1, or numbers).
     */
    /** A calibrated SVM's Platt scaling, or null when the file has none. */
    private static PlattScaling calibration(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String method = text(node, "method");
        if (!method.equals("platt")) {
            throw new IllegalArgumentException("the SVM's calibration is '" + method + "'; this Soma reads 'platt' only");
        }
        return new PlattScaling(number(node, "a"), number(node, "b"), wholeNumber(node, "folds"));
    }

    private static Label label(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("the field \"label\" is not an object");
        }
        JsonNode name = node.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw new IllegalArgumentException("the field \"name\" of \"label\" is not text");
        }
        List<String> classes = new ArrayList<>();
        for (JsonNode c : array(node, "classes")) {
            if (!c.isTextual()) {
                throw new IllegalArgumentException("the field \"classes\" of \"label\" holds " + c + ", not text");
            }
            classes.add(c.asText());
        }
        return new Label(name == null || name.isNull() ? null : name.asText(), classes, floatArray(node, "values"));
    }

    private static void putLabel(ObjectNode body, Label label) {
        ObjectNode node = body.putObject("label");
        if (label.name() == null) {
            node.putNull("name");
        } else {
            node.put("name", label.name());
        }
        ArrayNode classes = node.putArray("classes");
        label.classes().forEach(classes::add);
        floats(node.putArray("values"), label.values());
    }

    private static LinearParameters linearModel(JsonNode body, List<String> names) {
        float[] weights = floatArray(body, "weights");
        if (weights.length != names.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + names.size() + " features");
        }
        return new LinearParameters(weights, (float) number(body, "bias"), names);
    }

    private static TrainingSummary summary(JsonNode t) {
        return new TrainingSummary(wholeNumber(t, "epochs"), StopReason.valueOf(text(t, "stopReason")),
                orNaN(t, "cost"), orNaN(t, "meanLoss"), orNaN(t, "gradientNorm"), text(t, "loss"), text(t, "optimizer"),
                optionsOf(t.get("optimizerOptions")), orNaN(t, "learningRate"), wholeNumber(t, "batchSize"), orNaN(t, "l1"), orNaN(t, "l2"),
                orNaN(t, "validationLoss"), wholeNumber(t, "bestEpoch"), orNaN(t, "passes"), text(t, "kernels"),
                wholeNumber(t, "lanes"), Duration.ofNanos(Math.round(orNaN(t, "seconds") * 1e9)), warnings(t.get("warnings")));
    }

    /** The training warnings, if the file records any. */
    private static List<String> warnings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("the field \"warnings\" is not an array");
        }
        List<String> warnings = new ArrayList<>();
        for (JsonNode w : node) {
            if (!w.isTextual()) {
                throw new IllegalArgumentException("the field \"warnings\" holds " + w + ", not text");
            }
            warnings.add(w.asText());
        }
        return warnings;
    }

    /** The optimizer options as written (their text forms, which every option accepts back). */
    private static java.util.Map<String, Object> optionsOf(JsonNode node) {
        java.util.Map<String, Object> options = new java.util.LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        }
        return options;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the field \"" + field + "\" is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isArray()) {
            throw new IllegalArgumentException("the field \"" + field + "\" is not an array");
        }
        return value;
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("the field \"" + field + "\" is not a number");
        }
        return value.doubleValue();
    }

    /**
     * A whole number of the training summary: 0 when missing (files may come from a Soma that did not write it);
     * anything but an integer that fits an int is an error.
     */
    private static int wholeNumber(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("the field \"" + field + "\" is not a whole number");
        }
        return value.intValue();
    }

    /** An optional number: missing or null (how NaN is written) is NaN; anything else but a number is an error. */
    private static double orNaN(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("the field \"" + field + "\" is not a number");
        }
        return value.doubleValue();
    }

    /** Floats from their decimal text, rounded once (no detour through double). */
    private static float[] floatArray(JsonNode node, String field) {
        JsonNode values = array(node, field);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = values.get(i);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("\"" + field + "\"[" + i + "] is not a number");
            }
            out[i] = Float.parseFloat(v.decimalValue().toString());
        }
        return out;
    }

    private static double[] doubleArray(JsonNode node, String field) {
        JsonNode values = array(node, field);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = values.get(i);
            if (!v.isNumber()) {
                // decimalValue() of a string is 0: it must not slip through as a mean of zero.
                throw new IllegalArgumentException("\"" + field + "\"[" + i + "] is not a number");
            }
            out[i] = Double.parseDouble(v.decimalValue().toString());
        }
        return out;
    }

    private static void floats(ArrayNode array, float[] values) {
        for (float v : values) {
            array.add(new java.math.BigDecimal(Float.toString(v)));
        }
    }

    private static void doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(new java.math.BigDecimal(Double.toString(v)));
        }
    }

    private static String checksum(JsonNode canonical) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(canonical));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

}
