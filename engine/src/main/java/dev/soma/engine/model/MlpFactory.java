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

    /** More distinct labels than this is not a classification problem. */

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
        for (int i = 0; i < data.size(); i++) {
            distinct.add(data.label(i));
            if (distinct.size() > Dataset.MAX_CLASSES) {
                throw data.problemAt(i, "label '" + data.labelName() + "' takes more than " + Dataset.MAX_CLASSES
                        + " distinct values: a classifier needs class labels");
            }
        }
        if (distinct.size() < 2) {
            throw new DataFormatException(data.source(), "every label is " + distinct.first()
                    + ": a classifier needs at least two classes");
        }
        float[] classes = new float[distinct.size()];
        int c = 0;
        for (float v : distinct) {
            classes[c++] = v;
        }
        Network network = new Network(data.dimension(), architecture, classes.length);
        List<String> names = data.featureNames();
        return new PreparedFit<>() {
            @Override
            public TrainingObjective objective(Dataset data, Standardizer standardizer, Penalty penalty,
                                               float[] weights, Kernels kernels,
                                               java.util.concurrent.ExecutorService pool, int threads) {
                // A network's first layer reads its input many times per pass (one gemv per example), so it trains
                // on a standardised copy; only the single-neuron objective standardises on the fly.
                Dataset standardised = standardizer.isIdentity() ? data : standardizer.transform(data);
                // Networks train on one thread for now: their batches are small and their time is in the layers.
                int[] indexes = new int[standardised.size()];
                for (int i = 0; i < indexes.length; i++) {
                    indexes[i] = Arrays.binarySearch(classes, standardised.label(i));
                }
                return new NetworkObjective(network, standardised, indexes, penalty, weights, kernels);
            }

            @Override
            public float[] initialParameters(long seed) {
                return network.initialParameters(seed);
            }

            @Override
            public MlpClassifier create(float[] theta, Standardizer standardizer, TrainingSummary summary) {
                return new MlpClassifier(network, architecture, theta, classes, standardizer, names, summary);
            }
        };
    }
}
