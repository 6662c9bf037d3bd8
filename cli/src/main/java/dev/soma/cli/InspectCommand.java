package dev.soma.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.model.Label;
import dev.soma.engine.model.LinearModel;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.Model;
import dev.soma.engine.table.ColumnEncoding;
import dev.soma.engine.table.TableEncoding;
import dev.soma.engine.train.TrainingSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Shows what a model file holds: the model's type, label and training, the table it reads, and its coefficients
 * by feature name (linear and softmax models) or its architecture (an MLP).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows what a model file holds: its type, label and training summary, the columns it reads"
                + " (types, levels, missing cells), and its coefficients by feature name, largest first on the"
                + " standardised scale, with the raw-scale value and, for logistic regression, the odds ratio;"
                + " one column per class for softmax regression; the architecture of an MLP.")
final class InspectCommand implements Callable<Integer> {

    /** A categorical column's levels are listed in the text output when it has at most this many. */
    private static final int LEVELS_SHOWN = 8;
    /** A plain numeric table's columns are listed in the text output up to this many. */
    private static final int NAMES_SHOWN = 12;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "a model file from 'soma train --out'")
    Path model;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the model file (instead of --model FILE)")
    Path positional;

    @Option(names = "--top", paramLabel = "N", description = "show only the N largest coefficients (default: all)")
    Integer top;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path file = modelFile();
        Model loaded = ModelFile.load(file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        ModelReport report = ModelReport.of(loaded, file, root.path("version").asInt(),
                root.path("model").path("soma").asText(null), top);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.json()));
        } else {
            report.print(out);
        }
        out.flush();
        return 0;
    }

    /** The file from --model or the positional parameter: exactly one of them. */
    private Path modelFile() {
        if (top != null && top < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be >= 1, but was " + top);
        }
        if (model != null && positional != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give the model file once: either --model FILE or FILE, not both");
        }
        if (model == null && positional == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "which model? give its file: soma inspect --model FILE");
        }
        return model != null ? model : positional;
    }

    /** One feature's coefficient of a single-neuron model; the odds ratio is NaN but for logistic regression. */
    record Coefficient(String feature, double standardised, float raw, double oddsRatio) {
    }

    /** One feature's coefficient for each class of a softmax regression. */
    record ClassCoefficients(String feature, double[] standardised, double[] raw) {
        double largest() {
            double m = 0;
            for (double v : standardised) {
                m = Math.max(m, Math.abs(v));
            }
            return m;
        }
    }

    /** Everything inspect shows, computed once for both the text and the JSON. */
    record ModelReport(Model model, Path file, int formatVersion, String somaVersion, Integer top) {

        static ModelReport of(Model model, Path file, int formatVersion, String somaVersion, Integer top) {
            return new ModelReport(model, file, formatVersion, somaVersion, top);
        }

        // ---- coefficients ----------------------------------------------------------------------------------

        /** A linear model's coefficients, largest |standardised| first: w_std = w_raw · scale. */
        List<Coefficient> linearCoefficients(LinearModel linear) {
            float[] w = linear.weights();
            double[] scales = linear.standardizer().scales();
            boolean logistic = linear instanceof LogisticRegression;
            List<Coefficient> all = new ArrayList<>();
            for (int j = 0; j < w.length; j++) {
                all.add(new Coefficient(linear.featureNames().get(j), w[j] * scales[j], w[j],
                        logistic ? Math.exp(w[j]) : Double.NaN));
            }
            all.sort((a, b) -> Double.compare(Math.abs(b.standardised()), Math.abs(a.standardised())));
            return limited(all);
        }

        /** The raw-scale bias, and the standardised one: b_std = b_raw + Σ w_raw·mean. */
        static double[] linearIntercept(LinearModel linear) {
            float[] w = linear.weights();
            double[] means = linear.standardizer().means();
            double standardised = linear.bias();
            for (int j = 0; j < w.length; j++) {
                standardised += (double) w[j] * means[j];
            }
            return new double[] {standardised, linear.bias()};
        }

        /**
         * A softmax regression's coefficients: its one layer of weights (K × d, for standardised features) and then
         * its K biases; raw-scale w_raw = w_std / scale.
         */
        List<ClassCoefficients> softmaxCoefficients(MlpClassifier mlp) {
            float[] theta = mlp.parameters();
            int d = mlp.featureNames().size();
            int k = mlp.label().classes().size();
            double[] scales = mlp.standardizer().scales();
            List<ClassCoefficients> all = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                double[] std = new double[k];
                double[] raw = new double[k];
                for (int c = 0; c < k; c++) {
                    std[c] = theta[c * d + j];
                    raw[c] = std[c] / scales[j];
                }
                all.add(new ClassCoefficients(mlp.featureNames().get(j), std, raw));
            }
            all.sort((a, b) -> Double.compare(b.largest(), a.largest()));
            return limited(all);
        }

        /** Each class's intercept, standardised (the bias) and raw: b_raw = b_std − Σ w_std·mean/scale. */
        static double[][] softmaxIntercepts(MlpClassifier mlp) {
            float[] theta = mlp.parameters();
            int d = mlp.featureNames().size();
            int k = mlp.label().classes().size();
            double[] means = mlp.standardizer().means();
            double[] scales = mlp.standardizer().scales();
            double[][] out = new double[2][k];
            for (int c = 0; c < k; c++) {
                double b = theta[k * d + c];
                out[0][c] = b;
                for (int j = 0; j < d; j++) {
                    b -= theta[c * d + j] * means[j] / scales[j];
                }
                out[1][c] = b;
            }
            return out;
        }

        private <T> List<T> limited(List<T> sorted) {
            return top == null || top >= sorted.size() ? sorted : List.copyOf(sorted.subList(0, top));
        }

        static boolean isSoftmax(Model model) {
            return model instanceof MlpClassifier mlp && mlp.architecture().hiddenSizes().length == 0;
        }

        /** The layer sizes: inputs, each hidden layer, outputs. */
        static int[] layerSizes(MlpClassifier mlp) {
            int[] hidden = mlp.architecture().hiddenSizes();
            int[] sizes = new int[hidden.length + 2];
            sizes[0] = mlp.featureNames().size();
            System.arraycopy(hidden, 0, sizes, 1, hidden.length);
            sizes[sizes.length - 1] = mlp.label().classes().size();
            return sizes;
        }

        // ---- JSON --------------------------------------------------------------------------------------------

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", file.toString());
            out.put("formatVersion", formatVersion);
            out.put("soma", somaVersion);
            out.put("type", model.type());
            out.put("features", model.featureNames().size());
            out.put("label", labelJson(model));
            out.put("training", trainingJson(model.summary()));
            if (model instanceof dev.soma.engine.model.LinearSvm svm && svm.calibration().isPresent()) {
                var platt = svm.calibration().get();
                out.put("calibration", Map.of("method", "platt", "a", platt.a(), "b", platt.b(), "folds", platt.folds()));
            }
            out.put("schema", schemaJson(model.encoding()));
            switch (model) {
                case LinearModel linear -> {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (Coefficient c : linearCoefficients(linear)) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("feature", c.feature());
                        row.put("standardised", c.standardised());
                        row.put("raw", c.raw());
                        if (!Double.isNaN(c.oddsRatio())) {
                            row.put("oddsRatio", c.oddsRatio());
                        }
                        rows.add(row);
                    }
                    out.put("coefficients", rows);
                    double[] intercept = linearIntercept(linear);
                    out.put("intercept", Map.of("standardised", intercept[0], "raw", intercept[1]));
                }
                case MlpClassifier mlp when isSoftmax(mlp) -> {
                    List<String> classes = mlp.label().classes();
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (ClassCoefficients c : softmaxCoefficients(mlp)) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("feature", c.feature());
                        row.put("standardised", byClass(classes, c.standardised()));
                        row.put("raw", byClass(classes, c.raw()));
                        rows.add(row);
                    }
                    out.put("coefficients", rows);
                    double[][] intercepts = softmaxIntercepts(mlp);
                    Map<String, Object> intercept = new LinkedHashMap<>();
                    intercept.put("standardised", byClass(classes, intercepts[0]));
                    intercept.put("raw", byClass(classes, intercepts[1]));
                    out.put("intercept", intercept);
                }
                case MlpClassifier mlp -> {
                    Map<String, Object> architecture = new LinkedHashMap<>();
                    int[] sizes = layerSizes(mlp);
                    architecture.put("inputs", sizes[0]);
                    architecture.put("hidden", mlp.architecture().hiddenSizes());
                    architecture.put("activation", mlp.architecture().activation().name().toLowerCase(Locale.ROOT));
                    architecture.put("outputs", sizes[sizes.length - 1]);
                    architecture.put("parameters", mlp.parameters().length);
                    out.put("architecture", architecture);
                }
            }
            return out;
        }

        private static Map<String, Double> byClass(List<String> classes, double[] values) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (int c = 0; c < values.length; c++) {
                out.put(classes.get(c), values[c]);
            }
            return out;
        }

        private static Map<String, Object> labelJson(Model model) {
            Label label = model.label();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", label.name());
            out.put("task", task(label));
            out.put("classes", label.classes());
            if (model instanceof LinearModel && label.classes().size() == 2) {
                out.put("positiveClass", label.classes().get(1));
            }
            return out;
        }

        private static String task(Label label) {
            return label.classes().isEmpty() ? "regression" : label.classes().size() == 2 ? "binary" : "multiclass";
        }

        private static Map<String, Object> trainingJson(TrainingSummary s) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("optimizer", s.optimizer());
            out.put("optimizerOptions", new java.util.TreeMap<>(s.optimizerOptions()));
            out.put("loss", s.loss());
            out.put("epochs", s.epochs());
            out.put("stopReason", s.stopReason().name());
            out.put("converged", s.converged());
            out.put("cost", finite(s.cost()));
            out.put("meanLoss", finite(s.meanLoss()));
            out.put("gradientNorm", finite(s.gradientNorm()));
            out.put("learningRate", finite(s.learningRate()));
            out.put("batchSize", s.batchSize());
            out.put("l1", s.l1());
            out.put("l2", s.l2());
            if (Double.isFinite(s.validationLoss())) {
                out.put("validationLoss", s.validationLoss());
                out.put("bestEpoch", s.bestEpoch());
            }
            out.put("kernels", Map.of("path", s.kernels(), "lanes", s.lanes()));
            out.put("seconds", s.elapsed().toNanos() / 1e9);
            out.put("warnings", s.warnings());
            return out;
        }

        /** JSON has no NaN: null instead. */
        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }

        /** The schema as 'soma train --json' gives it, with the count of each column type. */
        private static Map<String, Object> schemaJson(TableEncoding encoding) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("numericColumns", count(encoding, false));
            out.put("categoricalColumns", count(encoding, true));
            out.putAll(SchemaReport.json(encoding));
            return out;
        }

        private static long count(TableEncoding encoding, boolean categorical) {
            return encoding.columns().stream().filter(c -> c instanceof ColumnEncoding.Categorical == categorical).count();
        }

        // ---- text --------------------------------------------------------------------------------------------

        void print(PrintWriter out) {
            out.println("model file:  " + file + " (format version " + formatVersion
                    + (somaVersion != null ? ", written by Soma " + somaVersion : "") + ")");
            out.println("type:        " + model.type() + ", " + model.featureNames().size() + " features from "
                    + model.encoding().columns().size() + " columns");
            Label label = model.label();
            out.println("label:       " + (label.name() == null ? "(not recorded)" : "'" + label.name() + "'") + ", "
                    + (label.classes().isEmpty() ? "regression"
                    : label.classes().size() == 2 ? "binary, classes " + label.classes()
                    + (model instanceof LinearModel ? " (positive: " + label.classes().get(1) + ")" : "")
                    : label.classes().size() + " classes " + label.classes()));
            printTraining(out, model.summary());
            if (model instanceof dev.soma.engine.model.LinearSvm svm && svm.calibration().isPresent()) {
                var platt = svm.calibration().get();
                out.printf(Locale.ROOT, "calibration: Platt scaling on %d held-out folds, p(%s) = 1/(1 + exp(a·score + b)),"
                        + " a = %s, b = %s%n", platt.folds(), label.classes().get(1), number(platt.a()), number(platt.b()));
            }
            printSchema(out, model.encoding());
            switch (model) {
                case LinearModel linear -> printLinear(out, linear);
                case MlpClassifier mlp when isSoftmax(mlp) -> printSoftmax(out, mlp);
                case MlpClassifier mlp -> printArchitecture(out, mlp);
            }
        }

        private static void printTraining(PrintWriter out, TrainingSummary s) {
            String options = s.optimizerOptions().isEmpty() ? "" : " " + new java.util.TreeMap<>(s.optimizerOptions());
            out.printf(Locale.ROOT, "training:    %s%s, loss %s; %d epochs, stopped: %s (%s)%n", s.optimizer(), options,
                    s.loss(), s.epochs(), s.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    s.converged() ? "converged" : "not converged");
            out.printf(Locale.ROOT, "             final cost %s, mean loss %s; l1 %s, l2 %s; kernels %s; %.3f s%n",
                    number(s.cost()), number(s.meanLoss()), number(s.l1()), number(s.l2()), s.kernelDescription(),
                    s.elapsed().toNanos() / 1e9);
            if (Double.isFinite(s.validationLoss())) {
                out.printf(Locale.ROOT, "             kept epoch %d, validation loss %s%n", s.bestEpoch(),
                        number(s.validationLoss()));
            }
            for (String warning : s.warnings()) {
                out.println("warning:     " + warning);
            }
        }

        private static void printSchema(PrintWriter out, TableEncoding encoding) {
            List<String> na = encoding.naValues().stream().sorted().map(v -> "'" + v + "'").toList();
            String ignored = encoding.ignored().isEmpty() ? "none" : String.join(", ", encoding.ignored());
            if (encoding.isPlainNumeric()) {
                List<String> names = encoding.columnNames();
                out.println("schema:      " + names.size() + " numeric columns (a plain numeric table; a missing cell is"
                        + " an error): " + String.join(", ", names.subList(0, Math.min(names.size(), NAMES_SHOWN)))
                        + (names.size() > NAMES_SHOWN ? ", … ('--json' lists them all)" : ""));
                out.println("             ignored columns: " + ignored);
                return;
            }
            out.println("schema:      " + encoding.columns().size() + " columns, " + count(encoding, false) + " numeric and "
                    + count(encoding, true) + " categorical; ignored columns: " + ignored + "; missing cells: "
                    + String.join(" ", na));
            int width = Math.max(6, encoding.columnNames().stream().mapToInt(String::length).max().orElse(0));
            out.printf(Locale.ROOT, "  %-" + width + "s  %-11s  %s%n", "column", "type", "levels / a missing cell");
            for (ColumnEncoding column : encoding.columns()) {
                String detail = switch (column) {
                    case ColumnEncoding.Numeric n -> n.imputes()
                            ? "missing → " + number(n.fill()) + (n.indicator() ? ", with a " + n.name() + "="
                            + ColumnEncoding.MISSING + " indicator" : "")
                            : "missing → error";
                    case ColumnEncoding.Categorical c -> c.levels().size() + " levels" + (c.levels().size() <= LEVELS_SHOWN
                            ? ": " + String.join(", ", c.levels())
                            : ": " + String.join(", ", c.levels().subList(0, LEVELS_SHOWN)) + ", …");
                    case ColumnEncoding.Hashed h -> (h.text() ? "its words" : "its values") + " hashed into the 2^"
                            + encoding.hashBits() + " shared features";
                };
                out.printf(Locale.ROOT, "  %-" + width + "s  %-11s  %s%n", column.name(),
                        switch (column) {
                            case ColumnEncoding.Numeric n -> "numeric";
                            case ColumnEncoding.Categorical c -> "categorical";
                            case ColumnEncoding.Hashed h -> h.text() ? "text" : "hashed";
                        }, detail);
            }
        }

        private void printLinear(PrintWriter out, LinearModel linear) {
            List<Coefficient> coefficients = linearCoefficients(linear);
            boolean logistic = linear instanceof LogisticRegression;
            out.println(heading(coefficients.size(), linear.featureNames().size(), "|standardised|")
                    + (linear.isClassifier() ? "; a positive coefficient favours '"
                    + linear.label().classes().get(1) + "'" : ""));
            int width = featureWidth(coefficients.stream().map(Coefficient::feature).toList());
            out.printf(Locale.ROOT, "  %-" + width + "s  %13s  %13s%s%n", "feature", "standardised", "raw",
                    logistic ? String.format(Locale.ROOT, "  %13s", "odds ratio") : "");
            for (Coefficient c : coefficients) {
                out.printf(Locale.ROOT, "  %-" + width + "s  %13s  %13s%s%n", c.feature(), number(c.standardised()),
                        number(c.raw()), logistic ? String.format(Locale.ROOT, "  %13s", number(c.oddsRatio())) : "");
            }
            double[] intercept = linearIntercept(linear);
            out.printf(Locale.ROOT, "  %-" + width + "s  %13s  %13s%n", "(intercept)", number(intercept[0]),
                    number(intercept[1]));
            out.println("  standardised: per training standard deviation of a numeric feature (raw × its scale);"
                    + " raw: per unit of the column;");
            out.println("  a one-hot (0/1) feature is not scaled: its two values are the same"
                    + (logistic ? "; odds ratio = exp(raw), the factor on the odds per raw unit" : ""));
        }

        private void printSoftmax(PrintWriter out, MlpClassifier mlp) {
            List<ClassCoefficients> coefficients = softmaxCoefficients(mlp);
            List<String> classes = mlp.label().classes();
            out.println(heading(coefficients.size(), mlp.featureNames().size(), "the largest |standardised| over the"
                    + " classes") + "; one column per class");
            int width = featureWidth(coefficients.stream().map(ClassCoefficients::feature).toList());
            int column = Math.max(11, classes.stream().mapToInt(String::length).max().orElse(0));
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", "feature"));
            for (String c : classes) {
                header.append(String.format(Locale.ROOT, "  %" + column + "s", c));
            }
            out.println(header);
            for (ClassCoefficients c : coefficients) {
                out.println(row(width, column, c.feature(), c.standardised()));
            }
            out.println(row(width, column, "(intercept)", softmaxIntercepts(mlp)[0]));
            out.println("  standardised coefficients (per training standard deviation of a numeric feature); 'soma"
                    + " inspect --json' gives the raw-scale ones too");
        }

        private static String row(int width, int column, String name, double[] values) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", name));
            for (double v : values) {
                line.append(String.format(Locale.ROOT, "  %" + column + "s", number(v)));
            }
            return line.toString();
        }

        private static void printArchitecture(PrintWriter out, MlpClassifier mlp) {
            int[] sizes = layerSizes(mlp);
            StringBuilder layers = new StringBuilder(sizes[0] + " inputs");
            String activation = mlp.architecture().activation().name().toLowerCase(Locale.ROOT);
            for (int l = 1; l < sizes.length - 1; l++) {
                layers.append(" → ").append(sizes[l]).append(' ').append(activation);
            }
            layers.append(" → ").append(sizes[sizes.length - 1]).append(" softmax outputs");
            out.println("network:     " + layers);
            StringBuilder counts = new StringBuilder();
            for (int l = 1; l < sizes.length; l++) {
                counts.append(l > 1 ? " + " : "").append(sizes[l] * sizes[l - 1] + sizes[l]);
            }
            out.println("parameters:  " + mlp.parameters().length + " (" + counts + ": each layer's weights and biases)");
        }

        private static String heading(int shown, int all, String order) {
            return shown < all
                    ? "coefficients: the " + shown + " largest of " + all + ", by " + order
                    : "coefficients: " + all + ", largest first by " + order;
        }

        private static int featureWidth(List<String> names) {
            return Math.max(11, names.stream().mapToInt(String::length).max().orElse(0));
        }

        /** A number for people: 6 significant digits, scientific notation only when very small or large. */
        static String number(double v) {
            if (v == 0 || !Double.isFinite(v)) {
                return v == 0 ? "0" : String.valueOf(v);
            }
            double magnitude = Math.abs(v);
            if (magnitude >= 1e-4 && magnitude < 1e6) {
                return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
                        .toPlainString();
            }
            return String.format(Locale.ROOT, "%.5e", v);
        }
    }
}
