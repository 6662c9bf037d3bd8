package dev.soma.engine.model;

import dev.soma.engine.data.Dataset;

import dev.soma.engine.data.Standardizer;
import dev.soma.engine.train.TrainingSummary;

import java.util.List;

/**
 * What every trained single-neuron model has: its weights and bias for raw features (the standardisation
 * folded in), the feature names, the standardisation fit on the training data, and how it was trained.
 * Immutable and thread-safe.
 */
public abstract sealed class LinearModel implements Model permits LogisticRegression, LinearRegression, LinearSvm {

    final LinearParameters model;
    private final Standardizer standardizer;
    private final TrainingSummary summary;

    LinearModel(LinearParameters model, Standardizer standardizer, TrainingSummary summary) {
        this.model = model;
        this.standardizer = standardizer;
        this.summary = summary;
    }

    /** The weights for raw (unstandardised) features. */
    public float[] weights() {
        return model.weights();
    }

    /** The bias for raw features. */
    public float bias() {
        return model.bias();
    }

    @Override
    public List<String> featureNames() {
        return model.featureNames();
    }

    @Override
    public Standardizer standardizer() {
        return standardizer;
    }

    /** The parameters for raw features, for model files. */
    LinearParameters linearModel() {
        return model;
    }

    @Override
    public TrainingSummary summary() {
        return summary;
    }

    /** The index of each example's class among [0, 1], checking that every label is 0 or 1. */
    static int[] binaryTruth(Dataset data) {
        int[] truth = new int[data.size()];
        for (int i = 0; i < truth.length; i++) {
            float y = data.label(i);
            if (y != 0f && y != 1f) {
                throw data.problemAt(i, "label '" + data.labelName() + "' is " + y + ", but needs 0 or 1");
            }
            truth[i] = (int) y;
        }
        return truth;
    }
}
