package dev.soma.engine.model;

import dev.soma.engine.metrics.Metrics;

import dev.soma.engine.metrics.ClassificationReport;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.table.TableEncoding;
import dev.soma.engine.metrics.ClassificationMetrics;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.network.Network;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.engine.train.internal.NetworkObjective;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron classifier for K classes: hidden layers of an {@link Architecture}, then K output
 * units with softmax, trained on the cross-entropy by backpropagation with any optimizer plugin. With no hidden
 * layer it is softmax (multinomial logistic) regression — see {@link SoftmaxRegression}. The classes are the
 * distinct values of the label column, in increasing order. Immutable and thread-safe.
 *
 * <pre>{@code
 * MlpClassifier model = MlpClassifier.trainer(Architecture.hidden(32).activation(Activation.TANH))
 *         .optimizer("adam", Options.of("learningRate", 0.01))
 *         .maxEpochs(100)
 *         .fit(train);
 * float digit = model.predict(row);
 * }</pre>
 */
public final class MlpClassifier implements Model {

    private final Network network;
    private final Architecture architecture;
    private final float[] theta;
    private final float[] classes;
    private final Standardizer standardizer;
    private final List<String> featureNames;
    private final TrainingSummary summary;
    private final Label label;
    private final TableEncoding encoding;

    /** A classifier whose classes are spelled as numbers (model files that did not record their label). */
    public MlpClassifier(Network network, Architecture architecture, float[] theta, float[] classes, Standardizer standardizer,
                         List<String> featureNames, TrainingSummary summary) {
        this(network, architecture, theta, Label.ofValues(null, classes), standardizer, featureNames, summary);
    }

    /** A classifier of {@code label}'s classes: output unit k is class {@code label.classes().get(k)}. */
    public MlpClassifier(Network network, Architecture architecture, float[] theta, Label label, Standardizer standardizer,
                         List<String> featureNames, TrainingSummary summary) {
        this(network, architecture, theta, label, standardizer, featureNames, summary, null);
    }

    /**
     * A classifier of {@code label}'s classes that reads raw table rows through {@code encoding} (null: a plain
     * numeric table of its feature names).
     */
    public MlpClassifier(Network network, Architecture architecture, float[] theta, Label label, Standardizer standardizer,
                         List<String> featureNames, TrainingSummary summary, TableEncoding encoding) {
        this.encoding = encoding != null ? encoding : TableEncoding.numeric(featureNames);
        if (!this.encoding.featureNames().equals(featureNames)) {
            throw new IllegalArgumentException("the table encoding makes the features " + this.encoding.featureNames()
                    + ", but the model's are " + featureNames);
        }
        this.network = network;
        this.architecture = architecture;
        this.theta = theta.clone();
        this.label = Objects.requireNonNull(label, "label");
        this.classes = label.values();
        this.standardizer = standardizer;
        this.featureNames = dev.soma.engine.table.FeatureNames.immutable(featureNames);
        this.summary = summary;
        if (classes.length != network.outputs()) {
            throw new IllegalArgumentException(classes.length + " classes for a network of " + network.outputs() + " outputs");
        }
    }

    @Override
    public TableEncoding encoding() {
        return encoding;
    }

    @Override
    public Label label() {
        return label;
    }

    /** A trainer for a network with these hidden layers (defaults as {@link Trainer}'s: pick an optimizer such as adam). */
    public static Trainer<MlpClassifier> trainer(Architecture architecture) {
        return new Trainer<>(new MlpFactory(Objects.requireNonNull(architecture, "architecture")));
    }

    /** The probability of each class (in the order of {@link #classes()}) for one example. */
    public float[] predictProbabilities(float[] row) {
        return probabilities(new float[][] {row})[0];
    }

    /** The probability of each class for every example of {@code data}. */
    public float[][] predictProbabilities(Dataset data) {
        float[][] rows = new float[data.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = data.row(i);
        }
        return probabilities(rows);
    }

    /** The most probable class's label for one example. */
    public float predict(float[] row) {
        return classes[argmax(predictProbabilities(row))];
    }

    /** The most probable class's label for every example of {@code data}. */
    public float[] predict(Dataset data) {
        float[][] p = predictProbabilities(data);
        float[] labels = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            labels[i] = classes[argmax(p[i])];
        }
        return labels;
    }

    /** Accuracy and mean cross-entropy (log loss) on labelled examples. */
    public ClassificationMetrics evaluate(Dataset data) {
        float[][] p = predictProbabilities(data);
        int correct = 0;
        double loss = 0;
        for (int i = 0; i < p.length; i++) {
            int truth = label.classOf(data, i);
            correct += argmax(p[i]) == truth ? 1 : 0;
            loss -= Math.log(Math.max(p[i][truth], Float.MIN_NORMAL));
        }
        return new ClassificationMetrics((double) correct / p.length, loss / p.length, p.length);
    }

    /** The class labels, increasing: output unit k is class {@code classes()[k]}. */
    public float[] classes() {
        return classes.clone();
    }

    public Architecture architecture() {
        return architecture;
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public Standardizer standardizer() {
        return standardizer;
    }

    /** How the model was trained. */
    @Override
    public TrainingSummary summary() {
        return summary;
    }

    /** The network's arithmetic, for model files. */
    Network network() {
        return network;
    }

    /** The flat parameters (for standardised features): each layer's weights (out × in) then biases. */
    public float[] parameters() {
        return theta.clone();
    }

    private float[][] probabilities(float[][] rows) {
        int d = network.inputs();
        int k = network.outputs();
        Kernels kernels = KernelSelection.active();
        double[] means = standardizer.means();
        double[] scales = standardizer.scales();
        float[][] result = new float[rows.length][];
        Network.Workspace ws = network.workspace(Math.min(Math.max(rows.length, 1), NetworkObjective.CHUNK_ROWS));
        for (int start = 0; start < rows.length; start += ws.capacity) {
            int m = Math.min(ws.capacity, rows.length - start);
            for (int r = 0; r < m; r++) {
                float[] row = Objects.requireNonNull(rows[start + r], "row");
                if (row.length != d) {
                    throw new IllegalArgumentException("row " + (start + r) + " has " + row.length
                            + " features, but the model was trained on " + d);
                }
                for (int j = 0; j < d; j++) {
                    if (!Float.isFinite(row[j])) {
                        throw new IllegalArgumentException("row " + (start + r) + ": feature " + j + " ('"
                                + featureNames.get(j) + "') is " + row[j] + ": every value must be a finite number");
                    }
                    ws.activations[0][r * d + j] = (float) ((row[j] - means[j]) / scales[j]);
                }
            }
            network.forward(theta, ws, m, kernels);
            float[] scores = ws.outputs();
            for (int r = 0; r < m; r++) {
                float[] p = new float[k];
                NetworkObjective.softmax(scores, r * k, k, p, 0);
                result[start + r] = p;
            }
        }
        return result;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public String type() {
        return "mlp-classifier";
    }

    @Override
    public boolean isClassifier() {
        return true;
    }

    @Override
    public boolean hasProbabilities() {
        return true;
    }

    /** {@code "prediction"} (the class label), then with scores {@code "p_<class>"} for each class, in order. */
    @Override
    public Predictions predictions(float[][] rows, boolean withScores) {
        float[][] p = probabilities(rows);
        List<String> columns = new java.util.ArrayList<>();
        columns.add("prediction");
        if (withScores) {
            for (String c : label.classes()) {
                columns.add("p_" + c);
            }
        }
        float[][] values = new float[rows.length][];
        String[] spelled = new String[rows.length];
        for (int i = 0; i < values.length; i++) {
            int k = argmax(p[i]);
            values[i] = new float[columns.size()];
            values[i][0] = classes[k];
            spelled[i] = label.classes().get(k);
            if (withScores) {
                System.arraycopy(p[i], 0, values[i], 1, p[i].length);
            }
        }
        return new Predictions(columns, values, List.of(spelled));
    }

    @Override
    public ClassificationReport report(Dataset data) {
        return Metrics.classification(classes, label.classesOf(data), predictProbabilities(data));
    }
}
