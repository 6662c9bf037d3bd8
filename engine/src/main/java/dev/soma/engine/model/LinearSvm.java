package dev.soma.engine.model;

import java.util.List;

import dev.soma.engine.metrics.Metrics;

import dev.soma.engine.metrics.ClassificationReport;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingSummary;

/**
 * A linear support-vector machine: one neuron whose sign classifies, {@code ŷ = 1 if w·x + b ≥ 0 else 0},
 * trained on the {@code "hinge"} loss (usually with an L2 penalty, which sets the margin's softness).
 * Labels are 0 and 1. Immutable and thread-safe.
 */
public final class LinearSvm extends LinearModel {

    /** A model of classes 0 and 1 (model files that did not record their label). */
    public LinearSvm(LinearParameters model, Standardizer standardizer, TrainingSummary summary) {
        this(model, standardizer, summary, Label.zeroOne());
    }

    /** A model whose classes 0 and 1 are those of {@code label}. */
    public LinearSvm(LinearParameters model, Standardizer standardizer, TrainingSummary summary, Label label) {
        this(model, standardizer, summary, label, null);
    }

    /**
     * A model that reads raw table rows through {@code encoding} (null: a plain numeric table of its feature
     * names).
     */
    public LinearSvm(LinearParameters model, Standardizer standardizer, TrainingSummary summary, Label label,
            dev.soma.engine.table.TableEncoding encoding) {
        super(model, standardizer, summary, label, encoding);
        if (label.classes().size() != 2) {
            throw new IllegalArgumentException("a linear SVM has two classes, but the label has " + label.classes());
        }
    }

    /** A trainer with the {@code "hinge"} loss and the trainer's defaults. */
    public static Trainer<LinearSvm> trainer() {
        return new Trainer<>(new LinearModelFactory<>("linear-svm", "a linear SVM", "hinge", dev.soma.plugins.Loss.Task.CLASSIFICATION,
                LinearSvm::new));
    }

    /** The signed distance-like score {@code w·x + b}: positive for class 1. */
    public float decisionFunction(float[] row) {
        return model.score(row);
    }

    /** The predicted class, 1 when {@code w·x + b ≥ 0}, else 0. */
    public int predict(float[] row) {
        return model.score(row) >= 0 ? 1 : 0;
    }

    /** The predicted class of every example of {@code data}. */
    public int[] predict(Dataset data) {
        float[] z = model.scores(data);
        int[] classes = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            classes[i] = z[i] >= 0 ? 1 : 0;
        }
        return classes;
    }

    /** The fraction of examples of {@code data} classified correctly (labels 0 or 1). */
    public double accuracy(Dataset data) {
        int[] predicted = predict(data);
        int[] truth = binaryTruth(data);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == truth[i]) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }

    @Override
    public String type() {
        return "linear-svm";
    }

    @Override
    public boolean isClassifier() {
        return true;
    }

    /** False: the SVM gives scores, not probabilities. */
    @Override
    public boolean hasProbabilities() {
        return false;
    }

    @Override
    public Predictions predictions(float[][] rows, boolean withScores) {
        return fromScores(model.scores(rows), withScores);
    }

    @Override
    Predictions fromScores(float[] z, boolean withScores) {
        float[] classValues = label.values();
        int[] c = new int[z.length];
        float[][] values = new float[z.length][];
        for (int i = 0; i < values.length; i++) {
            c[i] = z[i] >= 0 ? 1 : 0;
            values[i] = withScores ? new float[] {classValues[c[i]], z[i]} : new float[] {classValues[c[i]]};
        }
        return new Predictions(withScores ? List.of("prediction", "score") : List.of("prediction"), values,
                List.of(spelled(c)));
    }

    /**
     * The classification report; the SVM has no probabilities, so its scores rank the examples for the AUC and
     * the report's log loss is not meaningful ({@link #hasProbabilities()} is false).
     */
    @Override
    public ClassificationReport report(Dataset data) {
        int[] truth = binaryTruth(data);
        float[] z = model.scores(data);
        float[][] p = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            p[i] = new float[] {-z[i], z[i]};
        }
        return Metrics.classification(new float[] {0, 1}, truth, p);
    }
}
