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
 *
 * <p>An SVM's score is not a probability. A <em>calibrated</em> SVM ({@link #withCalibration}, made by
 * {@link dev.soma.engine.select.SvmCalibration}) also carries a {@link PlattScaling} fitted on held-out scores: it
 * then gives the probability of class 1, {@link #hasProbabilities()} is true, and it predicts class 1 when that
 * probability is at least 1/2 (as scikit-learn's calibrated classifiers do), which may differ from the score's sign
 * near the boundary.
 */
public final class LinearSvm extends LinearModel {

    /** Null for an uncalibrated SVM. */
    private final PlattScaling calibration;

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
        this(model, standardizer, summary, label, encoding, null);
    }

    /** A model with Platt scaling of its scores ({@code calibration} null: none). */
    public LinearSvm(LinearParameters model, Standardizer standardizer, TrainingSummary summary, Label label,
            dev.soma.engine.table.TableEncoding encoding, PlattScaling calibration) {
        super(model, standardizer, summary, label, encoding);
        if (label.classes().size() != 2) {
            throw new IllegalArgumentException("a linear SVM has two classes, but the label has " + label.classes());
        }
        this.calibration = calibration;
    }

    /** This SVM with {@code calibration} turning its scores into probabilities. */
    public LinearSvm withCalibration(PlattScaling calibration) {
        return new LinearSvm(model, standardizer(), summary(), label, encoding(),
                java.util.Objects.requireNonNull(calibration, "calibration"));
    }

    /** The Platt scaling of a calibrated SVM; empty for a plain one. */
    public java.util.Optional<PlattScaling> calibration() {
        return java.util.Optional.ofNullable(calibration);
    }

    /**
     * The probability of class 1 for one example.
     *
     * @throws IllegalStateException for an SVM that was not calibrated
     */
    public float predictProbability(float[] row) {
        return (float) requireCalibration().probability(model.score(row));
    }

    private PlattScaling requireCalibration() {
        if (calibration == null) {
            throw new IllegalStateException("this SVM gives scores, not probabilities: calibrate it"
                    + " (SvmCalibration, or 'soma train --model svm --calibrate') to have probabilities");
        }
        return calibration;
    }

    private int classOf(float z) {
        return calibration == null ? (z >= 0 ? 1 : 0) : calibration.isClassOne(z) ? 1 : 0;
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

    /** The score {@code w·x + b} of every example of {@code data}, dense or sparse. */
    public float[] decisionFunction(Dataset data) {
        return model.scores(data);
    }

    /** The predicted class, 1 when {@code w·x + b ≥ 0} (calibrated: when its probability is at least 1/2), else 0. */
    public int predict(float[] row) {
        return classOf(model.score(row));
    }

    /** The predicted class of every example of {@code data}. */
    public int[] predict(Dataset data) {
        float[] z = model.scores(data);
        int[] classes = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            classes[i] = classOf(z[i]);
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

    /** True for a calibrated SVM; a plain one gives scores, not probabilities. */
    @Override
    public boolean hasProbabilities() {
        return calibration != null;
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
            c[i] = classOf(z[i]);
            if (!withScores) {
                values[i] = new float[] {classValues[c[i]]};
            } else if (calibration == null) {
                values[i] = new float[] {classValues[c[i]], z[i]};
            } else {
                values[i] = new float[] {classValues[c[i]], z[i], (float) calibration.probability(z[i])};
            }
        }
        List<String> columns = !withScores ? List.of("prediction")
                : calibration == null ? List.of("prediction", "score") : List.of("prediction", "score", "probability");
        return new Predictions(columns, values, List.of(spelled(c)));
    }

    /**
     * The classification report. A plain SVM has no probabilities, so its scores rank the examples for the AUC and
     * the report's log loss is not meaningful ({@link #hasProbabilities()} is false); a calibrated one's report is
     * of its probabilities.
     */
    @Override
    public ClassificationReport report(Dataset data) {
        int[] truth = binaryTruth(data);
        float[] z = model.scores(data);
        float[][] p = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            if (calibration == null) {
                p[i] = new float[] {-z[i], z[i]};
            } else {
                float p1 = (float) calibration.probability(z[i]);
                p[i] = new float[] {1 - p1, p1};
            }
        }
        return Metrics.classification(new float[] {0, 1}, truth, p);
    }
}
