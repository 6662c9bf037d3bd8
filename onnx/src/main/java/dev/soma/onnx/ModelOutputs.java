package dev.soma.onnx;

import static dev.soma.onnx.GraphBuilder.attribute;

import dev.soma.engine.data.Standardizer;
import dev.soma.engine.model.LinearModel;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.PlattScaling;
import dev.soma.engine.network.Activation;
import dev.soma.onnx.proto.Onnx.TensorProto.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * The model's arithmetic from the feature matrix to the named outputs, the way Soma's {@code predictions} computes
 * them:
 * <ul>
 * <li>a linear model is one {@code Gemm} with its weights for raw features (the standardisation is already folded
 * into them, as Soma keeps them), {@code z = x·w + b}; logistic regression outputs {@code label} (class 1 when
 * {@code z ≥ 0}) and {@code probabilities} {@code [1 − σ(z), σ(z)]}; the SVM {@code label} and {@code score} z;
 * a Platt-calibrated SVM also {@code probabilities}, and its label is the class of probability ≥ 1/2;
 * linear regression {@code prediction} z;</li>
 * <li>an MLP (and softmax regression, an MLP without hidden layers) standardises, {@code (x − mean) / scale}, then
 * runs each layer as a {@code Gemm} and its activation ({@code Sigmoid}, {@code Tanh}, {@code Relu}), and outputs
 * {@code label} (the largest output score's class) and {@code probabilities} ({@code Softmax}).</li>
 * </ul>
 * A label is the class as the training data spelled it, a string; a row whose score is NaN (a missing cell the
 * model does not impute) gets NaN probabilities and the empty string as its label.
 */
final class ModelOutputs {

    static final String LABEL = "label";
    static final String PROBABILITIES = "probabilities";
    static final String SCORE = "score";
    static final String PREDICTION = "prediction";

    private ModelOutputs() {
    }

    static void linear(GraphBuilder g, LinearModel model, String features) {
        float[] w = model.weights();
        String weights = g.floats("weights", w, 1, w.length);
        String bias = g.floats("bias", new float[] {model.bias()}, 1);
        String z = g.node("Gemm", "z", List.of(features, weights, bias), attribute("transB", 1));
        switch (model) {
            case LogisticRegression m -> {
                String p1 = g.node("Sigmoid", "p1", List.of(z));
                String p0 = g.node("Sub", "p0", List.of(g.floats("one", new float[] {1f}, 1), p1));
                g.output(LABEL, binaryLabel(g, z, m.label().classes()), DataType.STRING_VALUE,
                        "the predicted class, as the training data spelled it: " + m.label().classes().get(1)
                                + " when the probability of class 1 is at least 0.5");
                g.output(PROBABILITIES, g.node("Concat", "probabilities", List.of(p0, p1), attribute("axis", 1)),
                        DataType.FLOAT_VALUE, "the probability of each class, in the order " + m.label().classes(), 2);
            }
            case LinearSvm m when m.calibration().isPresent() -> {
                // Platt scaling: p1 = 1/(1 + exp(u)), u = a·z + b; class 1 when u ≤ 0 (p1 ≥ 1/2), as Soma decides.
                PlattScaling platt = m.calibration().get();
                String u = g.node("Add", "platt", List.of(
                        g.node("Mul", "platt", List.of(z, g.floats("platt-a", new float[] {(float) platt.a()}, 1))),
                        g.floats("platt-b", new float[] {(float) platt.b()}, 1)));
                String minusU = g.node("Neg", "minus-u", List.of(u));
                String p1 = g.node("Sigmoid", "p1", List.of(minusU));
                String p0 = g.node("Sub", "p0", List.of(g.floats("one", new float[] {1f}, 1), p1));
                // u ≤ 0 exactly when −u ≥ 0: the same rule as an uncalibrated score's.
                g.output(LABEL, binaryLabel(g, minusU, m.label().classes()), DataType.STRING_VALUE,
                        "the predicted class, as the training data spelled it: " + m.label().classes().get(1)
                                + " when its calibrated probability is at least 0.5");
                g.output(SCORE, flat(g, z), DataType.FLOAT_VALUE, "the SVM's score w·x + b");
                g.output(PROBABILITIES, g.node("Concat", "probabilities", List.of(p0, p1), attribute("axis", 1)),
                        DataType.FLOAT_VALUE, "the Platt-calibrated probability of each class, in the order "
                                + m.label().classes(), 2);
            }
            case LinearSvm m -> {
                g.output(LABEL, binaryLabel(g, z, m.label().classes()), DataType.STRING_VALUE,
                        "the predicted class, as the training data spelled it: " + m.label().classes().get(1)
                                + " when the score is at least 0");
                g.output(SCORE, flat(g, z), DataType.FLOAT_VALUE, "the SVM's score w·x + b (not a probability)");
            }
            case LinearRegression m -> g.output(PREDICTION, flat(g, z), DataType.FLOAT_VALUE,
                    "the predicted value of " + (m.label().name() != null ? "'" + m.label().name() + "'" : "the label"));
        }
    }

    static void network(GraphBuilder g, MlpClassifier model, String features) {
        String x = features;
        Standardizer standardizer = model.standardizer();
        if (!standardizer.isIdentity()) {
            int d = standardizer.dimension();
            x = g.node("Sub", "centred", List.of(x, g.floats("means", toFloats(standardizer.means()), 1, d)));
            x = g.node("Div", "standardised", List.of(x, g.floats("scales", toFloats(standardizer.scales()), 1, d)));
        }
        int[] hidden = model.architecture().hiddenSizes();
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = model.featureNames().size();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        List<String> classes = model.label().classes();
        sizes[sizes.length - 1] = classes.size();
        float[] theta = model.parameters();
        int offset = 0;
        for (int l = 1; l < sizes.length; l++) {
            // Each layer's weights (out × in, row-major) and then its biases, as engine's Network lays them out.
            int in = sizes[l - 1];
            int out = sizes[l];
            String weights = g.floats("layer" + l + "-weights", Arrays.copyOfRange(theta, offset, offset + out * in), out, in);
            offset += out * in;
            String biases = g.floats("layer" + l + "-biases", Arrays.copyOfRange(theta, offset, offset + out), out);
            offset += out;
            x = g.node("Gemm", "layer" + l, List.of(x, weights, biases), attribute("transB", 1));
            if (l < sizes.length - 1) {
                x = activate(g, model.architecture().activation(), x);
            }
        }
        if (offset != theta.length) {
            throw new IllegalStateException("the network has " + theta.length + " parameters, but its layers "
                    + Arrays.toString(sizes) + " take " + offset);
        }
        String index = g.node("ArgMax", "class", List.of(x), attribute("axis", 1), attribute("keepdims", 0));
        // A row with a NaN among its scores (a missing cell the model does not impute) has no class.
        String rowSum = g.node("ReduceSum", "row-sum", List.of(x, g.longs("axes", new long[] {1}, 1)),
                attribute("keepdims", 0));
        index = noClassWhereNaN(g, g.node("IsNaN", "undefined", List.of(rowSum)), index);
        g.output(LABEL, className(g, index, classes), DataType.STRING_VALUE,
                "the most probable class, as the training data spelled it");
        g.output(PROBABILITIES, g.node("Softmax", "probabilities", List.of(x), attribute("axis", 1)),
                DataType.FLOAT_VALUE, "the probability of each class, in the order " + abbreviated(classes),
                classes.size());
    }

    private static String activate(GraphBuilder g, Activation activation, String z) {
        return switch (activation) {
            case SIGMOID -> g.node("Sigmoid", "sigmoid", List.of(z));
            case TANH -> g.node("Tanh", "tanh", List.of(z));
            case RELU -> g.node("Relu", "relu", List.of(z));
            case IDENTITY -> z;
        };
    }

    /** Class 1 where {@code z ≥ 0}, else class 0, spelled as the data did: N strings. */
    private static String binaryLabel(GraphBuilder g, String z, List<String> classes) {
        String positive = g.node("GreaterOrEqual", "positive", List.of(z, g.floats("zero", new float[] {0f}, 1)));
        String index = g.node("Cast", "class", List.of(positive), attribute("to", DataType.INT64_VALUE));
        index = noClassWhereNaN(g, g.node("IsNaN", "undefined", List.of(z)), index);
        return className(g, flat(g, index), classes);
    }

    /**
     * Position −1 where {@code undefined} is true: {@link #className} spells it as the empty string, so a row whose
     * score is NaN gets no label rather than class 0 (which is what a NaN comparison would give).
     */
    private static String noClassWhereNaN(GraphBuilder g, String undefined, String index) {
        return g.node("Where", "class", List.of(undefined, g.longs("no-class", new long[] {-1}, 1), index));
    }

    /** The class names of N class positions (int64). */
    private static String className(GraphBuilder g, String index, List<String> classes) {
        long[] keys = new long[classes.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = k;
        }
        return g.node(GraphBuilder.ML_DOMAIN, "LabelEncoder", "label", List.of(index),
                GraphBuilder.longs("keys_int64s", keys), GraphBuilder.strings("values_strings", classes),
                attribute("default_string", ""));
    }

    /** An N × 1 tensor as N values. */
    private static String flat(GraphBuilder g, String column) {
        return g.node("Reshape", "flat", List.of(column, g.longs("shape", new long[] {-1}, 1)));
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static String abbreviated(List<String> classes) {
        return classes.size() <= 12 ? classes.toString()
                : classes.subList(0, 12) + " and " + (classes.size() - 12) + " more (metadata soma.classes)";
    }
}
