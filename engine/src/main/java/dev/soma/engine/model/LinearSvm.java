package dev.soma.engine.model;

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

    public LinearSvm(LinearParameters model, Standardizer standardizer, TrainingSummary summary) {
        super(model, standardizer, summary);
    }

    /** A trainer with the {@code "hinge"} loss and the trainer's defaults. */
    public static Trainer<LinearSvm> trainer() {
        return new Trainer<>(new LinearKind<>("a linear SVM", "hinge", LinearSvm::new));
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
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == data.label(i)) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }
}
