package dev.soma.engine.model;

import dev.soma.engine.data.Dataset;

import dev.soma.engine.data.Standardizer;
import dev.soma.engine.table.TableEncoding;
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
    final Label label;
    private final TableEncoding encoding;

    LinearModel(LinearParameters model, Standardizer standardizer, TrainingSummary summary, Label label,
                TableEncoding encoding) {
        this.encoding = encoding != null ? encoding : TableEncoding.numeric(model.featureNames());
        if (!this.encoding.featureNames().equals(model.featureNames())) {
            throw new IllegalArgumentException("the table encoding makes the features " + this.encoding.featureNames()
                    + ", but the model's are " + model.featureNames());
        }
        this.model = model;
        this.standardizer = standardizer;
        this.summary = summary;
        this.label = java.util.Objects.requireNonNull(label, "label");
    }

    @Override
    public TableEncoding encoding() {
        return encoding;
    }

    @Override
    public Label label() {
        return label;
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

    /**
     * The model's output for every example of {@code data}, dense or sparse, as {@link #predictions(float[][], boolean)}
     * gives it for rows.
     */
    @Override
    public Predictions predictions(Dataset data, boolean withScores) {
        return fromScores(model.scores(data), withScores);
    }

    /** The output columns from the raw scores {@code w·x + b}. */
    abstract Predictions fromScores(float[] scores, boolean withScores);

    /** The model's class (0 or 1) of every example, read through the label's classes. */
    int[] binaryTruth(Dataset data) {
        return label.classesOf(data);
    }

    /** The data's spelling of each predicted class (0 or 1). */
    String[] spelled(int[] classes) {
        String[] out = new String[classes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = label.classes().get(classes[i]);
        }
        return out;
    }
}
