package dev.soma.engine.model;

import dev.soma.engine.data.Standardizer;
import dev.soma.engine.train.TrainingSummary;

import java.util.List;

/**
 * What every trained single-neuron model has: its weights and bias for raw features (the standardisation
 * folded in), the feature names, the standardisation fit on the training data, and how it was trained.
 * Immutable and thread-safe.
 */
public abstract sealed class LinearModel permits LogisticRegression, LinearRegression, LinearSvm {

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

    /** The feature names, in column order. */
    public List<String> featureNames() {
        return model.featureNames();
    }

    /** The standardisation fit on the training data (the identity if it was turned off). */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** The parameters for raw features, for model files. */
    LinearParameters linearModel() {
        return model;
    }

    /** How the model was trained: epochs, final cost, optimizer, kernels, time. */
    public TrainingSummary summary() {
        return summary;
    }
}
