package dev.soma.engine.model;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.engine.train.internal.LinearObjective;
import dev.soma.engine.train.internal.ModelFactory;
import dev.soma.engine.train.internal.Penalty;
import dev.soma.engine.train.internal.TrainingObjective;

import dev.soma.engine.kernels.Kernels;
import dev.soma.plugins.Loss;
import java.util.Arrays;
import java.util.List;

/** The single-neuron models: θ = [w, b] from zero, the loss plugin on the score, standardisation folded in. */
final class LinearModelFactory<M> implements ModelFactory<M> {

    /** Makes the model from its parameters for raw features. */
    interface Factory<M> {
        M create(LinearParameters model, Standardizer standardizer, TrainingSummary summary);
    }

    private final String description;
    private final String defaultLoss;
    private final Factory<M> factory;

    LinearModelFactory(String description, String defaultLoss, Factory<M> factory) {
        this.description = description;
        this.defaultLoss = defaultLoss;
        this.factory = factory;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String defaultLoss() {
        return defaultLoss;
    }

    private static boolean allEqual(float[] y) {
        for (float v : y) {
            if (v != y[0]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public PreparedFit<M> prepare(Dataset data, Loss loss) {
        float[] y = data.labelArray();
        for (int i = 0; i < y.length; i++) {
            if (!loss.acceptsLabel(y[i])) {
                throw data.problemAt(i, "label '" + data.labelName() + "' is " + y[i] + ", but " + description
                        + " with the '" + loss.name() + "' loss needs " + loss.labelRequirement());
            }
        }
        // A loss that takes only discrete labels (0/1) is a classifier's: with one class it has nothing to separate.
        boolean classification = !loss.acceptsLabel(0.5f);
        if (classification && allEqual(y)) {
            throw new DataFormatException(data.source(), "every label '" + data.labelName() + "' is " + y[0]
                    + ": " + description + " needs examples of both classes");
        }
        int d = data.dimension();
        List<String> names = data.featureNames();
        return new PreparedFit<>() {
            @Override
            public TrainingObjective objective(Dataset data, Standardizer standardizer, Penalty penalty,
                                               float[] weights, Kernels kernels,
                                               java.util.concurrent.ExecutorService pool, int threads) {
                return new LinearObjective(data, standardizer, loss, penalty, weights, kernels, pool, threads);
            }

            @Override
            public float[] initialParameters(long seed) {
                return new float[d + 1];
            }

            @Override
            public M create(float[] theta, Standardizer standardizer, TrainingSummary summary) {
                float[] folded = standardizer.foldInto(Arrays.copyOf(theta, d), theta[d]);
                return factory.create(new LinearParameters(Arrays.copyOf(folded, d), folded[d], names), standardizer, summary);
            }
        };
    }
}
