package dev.soma.engine.model;

import java.util.List;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.metrics.Metrics;
import dev.soma.engine.metrics.RegressionMetrics;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingSummary;

/**
 * Linear regression, one neuron with the identity activation: {@code ŷ = w·x + b}, trained on the squared
 * error. Immutable and safe to share between threads.
 */
public final class LinearRegression extends LinearModel {

    /** A model whose label's name is unknown (model files that did not record it). */
    public LinearRegression(LinearParameters model, Standardizer standardizer, TrainingSummary summary) {
        this(model, standardizer, summary, Label.regression(null));
    }

    public LinearRegression(LinearParameters model, Standardizer standardizer, TrainingSummary summary, Label label) {
        this(model, standardizer, summary, label, null);
    }

    /**
     * A model that reads raw table rows through {@code encoding} (null: a plain numeric table of its feature
     * names).
     */
    public LinearRegression(LinearParameters model, Standardizer standardizer, TrainingSummary summary, Label label,
            dev.soma.engine.table.TableEncoding encoding) {
        super(model, standardizer, summary, label, encoding);
        if (!label.classes().isEmpty()) {
            throw new IllegalArgumentException("linear regression predicts numbers, but the label has classes "
                    + label.classes());
        }
    }

    /** A trainer with the {@code "mse"} loss and the trainer's defaults. */
    public static Trainer<LinearRegression> trainer() {
        return new Trainer<>(new LinearModelFactory<>("linear-regression", "linear regression", "mse", dev.soma.plugins.Loss.Task.REGRESSION,
                LinearRegression::new));
    }

    /** {@code ŷ} for one example. */
    public float predict(float[] row) {
        return model.score(row);
    }

    /** {@code ŷ} for every example of {@code data}. */
    public float[] predict(Dataset data) {
        return model.scores(data);
    }

    /** {@code ŷ} for every row. */
    public float[] predict(float[][] rows) {
        return model.scores(rows);
    }

    /** Mean squared error, mean absolute error and R² on labelled examples. */
    public RegressionMetrics evaluate(Dataset data) {
        return Metrics.regression(data.labelArray(), model.scores(data));
    }

    @Override
    public String type() {
        return "linear-regression";
    }

    @Override
    public boolean isClassifier() {
        return false;
    }

    @Override
    public boolean hasProbabilities() {
        return false;
    }

    /** One column, {@code "prediction"}: ŷ (regression has no scores beyond it). */
    @Override
    public Predictions predictions(float[][] rows, boolean withScores) {
        return fromScores(model.scores(rows), withScores);
    }

    @Override
    Predictions fromScores(float[] y, boolean withScores) {
        float[][] values = new float[y.length][];
        String[] spelled = new String[y.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = new float[] {y[i]};
            spelled[i] = String.valueOf(y[i]);
        }
        return new Predictions(List.of("prediction"), values, List.of(spelled));
    }

    @Override
    public RegressionMetrics report(Dataset data) {
        return Metrics.regression(data.labels(), predict(data));
    }
}
