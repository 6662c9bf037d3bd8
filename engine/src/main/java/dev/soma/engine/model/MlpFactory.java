package dev.soma.engine.model;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.network.Network;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.engine.train.internal.ModelFactory;
import dev.soma.engine.train.internal.NetworkObjective;
import dev.soma.engine.train.internal.Penalty;
import dev.soma.engine.train.internal.TrainingObjective;

import dev.soma.engine.kernels.Kernels;
import dev.soma.plugins.Loss;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Network classifiers: K classes from the labels, seeded initial weights, softmax cross-entropy at the output. */
final class MlpFactory implements ModelFactory<MlpClassifier> {

    /**
     * More distinct numbers than this in a label is taken for a regression target, not classes (text labels may
     * have up to {@link Dataset#MAX_CLASSES}).
     */
    static final int MAX_NUMERIC_CLASSES = 100;

    private final Architecture architecture;

    MlpFactory(Architecture architecture) {
        this.architecture = architecture;
    }

    @Override
    public String description() {
        return architecture.hiddenSizes().length == 0 ? "softmax regression" : "an MLP classifier";
    }

    @Override
    public String defaultLoss() {
        return null;
    }

    @Override
    public PreparedFit<MlpClassifier> prepare(Dataset data, Loss loss) {
        if (loss != null) {
            throw new IllegalArgumentException(description() + " trains on the softmax cross-entropy of its K outputs;"
                    + " it takes no loss plugin ('" + loss.name() + "' was given)");
        }
        TreeSet<Float> distinct = new TreeSet<>();
        boolean text = !data.labelClasses().isEmpty();
        for (int i = 0; i < data.size(); i++) {
            float y = data.label(i);
            if (!text && y != Math.rint(y)) {
                throw data.problemAt(i, "label '" + data.labelName() + "' is " + y + ": " + description()
                        + " needs class labels (whole numbers or words), and a fractional label looks like a"
                        + " regression target: use a regression model (linear), or, if they are classes, read them"
                        + " as classes (--classes; Dataset.asClasses() in Java)");
            }
            distinct.add(y);
            if (!text && distinct.size() > MAX_NUMERIC_CLASSES) {
                throw data.problemAt(i, "label '" + data.labelName() + "' takes more than " + MAX_NUMERIC_CLASSES
                        + " distinct numbers, which looks like a regression target, not classes: use a regression"
                        + " model (linear), or read them as classes (--classes; Dataset.asClasses() in Java; up to "
                        + Dataset.MAX_CLASSES + ")");
            }
        }
        if (distinct.size() < 2) {
            throw new DataFormatException(data.source(), "every label is " + data.spellLabel(distinct.first())
                    + ": a classifier needs at least two classes");
        }
        float[] classes = new float[distinct.size()];
        int c = 0;
        for (float v : distinct) {
            classes[c++] = v;
        }
        Label label = Label.ofClasses(data, classes);
        Network network = new Network(data.dimension(), architecture, classes.length);
        return prepared(network, label, data.featureNames(), data.encoding().orElse(null), null);
    }

    /**
     * Continues from {@code initial}'s parameters (for features standardised by its standardizer, which the
     * continued fit keeps), its network and its classes: the data's labels must be among them.
     */
    @Override
    public PreparedFit<MlpClassifier> prepareFrom(Model initial, Dataset data, Loss loss, String positiveClass) {
        if (loss != null) {
            throw new IllegalArgumentException(description() + " trains on the softmax cross-entropy of its K outputs;"
                    + " it takes no loss plugin ('" + loss.name() + "' was given)");
        }
        if (positiveClass != null) {
            throw ModelFactory.noPositiveClass(description(), positiveClass);
        }
        WarmStart.requireSameSchema(initial, "mlp-classifier", description(), data, null);
        MlpClassifier start = (MlpClassifier) initial;
        if (!start.architecture().equals(architecture)) {
            throw new IllegalArgumentException("the initial model's network has hidden layers "
                    + Arrays.toString(start.architecture().hiddenSizes()) + " (" + start.architecture().activation()
                    + "), but this trainer's has " + Arrays.toString(architecture.hiddenSizes()) + " ("
                    + architecture.activation() + ")");
        }
        if (data != null) {
            start.label().classesOf(data); // every label one of the model's classes, or the row is named
        }
        return prepared(start.network(), start.label(), start.featureNames(), start.encoding(), start.parameters());
    }

    /** @param start the starting parameters (for standardised features), or null for the seeded initialisation */
    private PreparedFit<MlpClassifier> prepared(Network network, Label label, List<String> names,
                                                dev.soma.engine.table.TableEncoding encoding, float[] start) {
        return new PreparedFit<>() {
            @Override
            public TrainingObjective objective(Dataset data, Standardizer standardizer, Penalty penalty,
                                               float[] weights, Kernels kernels,
                                               java.util.concurrent.ExecutorService pool, int threads) {
                // A network's first layer reads its input many times per pass (one gemv per example), so it trains
                // on a standardised copy; only the single-neuron objective standardises on the fly.
                Dataset standardised = standardizer.isIdentity() ? data : standardizer.transform(data);
                // Networks train on one thread for now: their batches are small and their time is in the layers.
                // Each label's class index, by value for numbers and by spelling for words.
                int[] indexes = label.classesOf(standardised);
                return new NetworkObjective(network, standardised, indexes, penalty, weights, kernels);
            }

            @Override
            public float[] initialParameters(long seed) {
                return start != null ? start.clone() : network.initialParameters(seed);
            }

            @Override
            public MlpClassifier create(float[] theta, Standardizer standardizer, TrainingSummary summary) {
                return new MlpClassifier(network, architecture, theta, label, standardizer, names, summary, encoding);
            }
        };
    }
}
