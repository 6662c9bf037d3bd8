package dev.soma.engine.model;

import java.util.List;

import dev.soma.engine.metrics.Metrics;

import dev.soma.engine.metrics.ClassificationReport;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.metrics.ClassificationMetrics;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingSummary;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.ScalarKernels;

/**
 * Binary logistic regression, one sigmoid neuron: {@code P(y = 1 | x) = σ(w·x + b)}, trained on the log loss.
 * Labels are 0 and 1. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * LogisticRegression model = LogisticRegression.trainer()
 *         .optimizer("batch", Options.of("learningRate", 0.5))
 *         .l2(1e-3)
 *         .fit(Dataset.readCsv(Path.of("train.csv")));
 * double p = model.predictProbability(row);
 * }</pre>
 */
public final class LogisticRegression extends LinearModel {

    /** A model of classes 0 and 1 (model files that did not record their label). */
    public LogisticRegression(LinearParameters model, Standardizer standardizer, TrainingSummary summary) {
        this(model, standardizer, summary, Label.zeroOne());
    }

    /** A model whose classes 0 and 1 are those of {@code label}. */
    public LogisticRegression(LinearParameters model, Standardizer standardizer, TrainingSummary summary, Label label) {
        this(model, standardizer, summary, label, null);
    }

    /**
     * A model that reads raw table rows through {@code encoding} (null: a plain numeric table of its feature
     * names).
     */
    public LogisticRegression(LinearParameters model, Standardizer standardizer, TrainingSummary summary, Label label,
            dev.soma.engine.table.TableEncoding encoding) {
        super(model, standardizer, summary, label, encoding);
        if (label.classes().size() != 2) {
            throw new IllegalArgumentException("logistic regression has two classes, but the label has " + label.classes());
        }
    }

    /** A trainer with the {@code "log"} loss and the trainer's defaults. */
    public static Trainer<LogisticRegression> trainer() {
        return new Trainer<>(new LinearModelFactory<>("logistic-regression", "logistic regression", "log", dev.soma.plugins.Loss.Task.CLASSIFICATION,
                LogisticRegression::new));
    }

    /**
     * The model that parameters trained elsewhere describe — by a distributed trainer, say — exactly as
     * {@link Trainer#fit} makes it: {@code theta = [w, b]} for features standardised by {@code standardizer},
     * folded into weights for raw features.
     *
     * @throws IllegalArgumentException if the sizes of theta, the standardizer and the names disagree
     */
    public static LogisticRegression fromStandardisedParameters(float[] theta, Standardizer standardizer,
                                                                java.util.List<String> featureNames,
                                                                TrainingSummary summary) {
        int d = standardizer.dimension();
        if (theta.length != d + 1 || featureNames.size() != d) {
            throw new IllegalArgumentException(theta.length + " parameters, " + d + " standardised features and "
                    + featureNames.size() + " names: a model of d features needs d + 1 parameters [w, b]");
        }
        float[] folded = standardizer.foldInto(java.util.Arrays.copyOf(theta, d), theta[d]);
        return new LogisticRegression(new LinearParameters(java.util.Arrays.copyOf(folded, d), folded[d],
                java.util.List.copyOf(featureNames)), standardizer, summary);
    }

    /** {@code P(y = 1 | row)}. */
    public float predictProbability(float[] row) {
        return sigmoid(model.score(row));
    }

    /** {@code P(y = 1)} for every example of {@code data}. */
    public float[] predictProbability(Dataset data) {
        return sigmoidAll(model.scores(data));
    }

    /** {@code P(y = 1)} for every row. */
    public float[] predictProbability(float[][] rows) {
        return sigmoidAll(model.scores(rows));
    }

    /** The predicted class, 1 when {@code P(y = 1) ≥ 0.5}, else 0. */
    public int predict(float[] row) {
        return model.score(row) >= 0 ? 1 : 0;
    }

    /** The predicted class of every example of {@code data}. */
    public int[] predict(Dataset data) {
        return classes(model.scores(data));
    }

    /** The predicted class of every row. */
    public int[] predict(float[][] rows) {
        return classes(model.scores(rows));
    }

    /** Accuracy and mean log loss on labelled examples (labels of the model's two classes). */
    public ClassificationMetrics evaluate(Dataset data) {
        float[] z = model.scores(data);
        int[] y = binaryTruth(data);
        double lossSum = 0;
        int correct = 0;
        for (int i = 0; i < z.length; i++) {
            lossSum += ScalarKernels.logLossFromLogit(z[i], y[i]);
            if ((z[i] >= 0 ? 1 : 0) == y[i]) {
                correct++;
            }
        }
        return new ClassificationMetrics((double) correct / z.length, lossSum / z.length, z.length);
    }

    private static float sigmoid(float z) {
        return (float) ScalarKernels.sigmoid(z);
    }

    private static float[] sigmoidAll(float[] z) {
        KernelSelection.active().sigmoid(z, z, 0, z.length);
        return z;
    }

    private static int[] classes(float[] z) {
        int[] c = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            c[i] = z[i] >= 0 ? 1 : 0;
        }
        return c;
    }

    @Override
    public String type() {
        return "logistic-regression";
    }

    @Override
    public boolean isClassifier() {
        return true;
    }

    @Override
    public boolean hasProbabilities() {
        return true;
    }

    @Override
    public Predictions predictions(float[][] rows, boolean withScores) {
        return fromScores(model.scores(rows), withScores);
    }

    @Override
    Predictions fromScores(float[] z, boolean withScores) {
        int[] c = classes(z);
        float[] p = withScores ? sigmoidAll(z.clone()) : null;
        float[] classValues = label.values();
        float[][] values = new float[z.length][];
        for (int i = 0; i < values.length; i++) {
            float y = classValues[c[i]];
            values[i] = withScores ? new float[] {y, p[i]} : new float[] {y};
        }
        return new Predictions(withScores ? List.of("prediction", "probability") : List.of("prediction"), values,
                List.of(spelled(c)));
    }

    @Override
    public ClassificationReport report(Dataset data) {
        int[] truth = binaryTruth(data);
        float[] p1 = predictProbability(data);
        float[][] p = new float[p1.length][];
        for (int i = 0; i < p1.length; i++) {
            p[i] = new float[] {1 - p1[i], p1[i]};
        }
        return Metrics.classification(new float[] {0, 1}, truth, p);
    }
}
