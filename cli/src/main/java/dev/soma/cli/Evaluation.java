package dev.soma.cli;

import dev.soma.engine.metrics.ClassificationReport;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.metrics.Metrics;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.metrics.RegressionMetrics;
import dev.soma.engine.train.TrainingSummary;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The metrics of any Soma model on labelled data, as an ordered map for text and JSON output. */
final class Evaluation {

    private Evaluation() {
    }

    static Map<String, Object> of(Object model, Dataset data) {
        return switch (model) {
            case LogisticRegression m -> {
                float[] p1 = m.predictProbability(data);
                float[][] p = new float[p1.length][];
                for (int i = 0; i < p1.length; i++) {
                    p[i] = new float[] {1 - p1[i], p1[i]};
                }
                yield classification(Metrics.classification(new float[] {0, 1}, binaryTruth(data), p), true);
            }
            case LinearSvm m -> {
                // The SVM has no probabilities: its scores rank the examples for the AUC, and there is no log loss.
                float[][] p = new float[data.size()][];
                for (int i = 0; i < p.length; i++) {
                    float score = m.decisionFunction(data.row(i));
                    p[i] = new float[] {-score, score};
                }
                yield classification(Metrics.classification(new float[] {0, 1}, binaryTruth(data), p), false);
            }
            case MlpClassifier m -> {
                float[] classes = m.classes();
                int[] truth = new int[data.size()];
                for (int i = 0; i < truth.length; i++) {
                    truth[i] = Arrays.binarySearch(classes, data.label(i));
                    if (truth[i] < 0) {
                        throw new IllegalArgumentException(data.describeRow(i) + ": label " + data.label(i)
                                + " is not one of the model's classes " + Arrays.toString(classes));
                    }
                }
                yield classification(Metrics.classification(classes, truth, m.predictProbabilities(data)), true);
            }
            case LinearRegression m -> {
                RegressionMetrics r = Metrics.regression(data.labels(), m.predict(data));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("examples", r.examples());
                out.put("rmse", r.rootMeanSquaredError());
                out.put("mae", r.meanAbsoluteError());
                out.put("r2", r.r2());
                yield out;
            }
            default -> throw new IllegalArgumentException("cannot evaluate a " + model.getClass().getSimpleName());
        };
    }

    /** The training summary of any Soma model. */
    static TrainingSummary summary(Object model) {
        return switch (model) {
            case dev.soma.engine.model.LinearModel n -> n.summary();
            case MlpClassifier m -> m.summary();
            default -> throw new IllegalArgumentException("not a Soma model: " + model.getClass().getName());
        };
    }

    private static int[] binaryTruth(Dataset data) {
        int[] truth = new int[data.size()];
        for (int i = 0; i < truth.length; i++) {
            float y = data.label(i);
            if (y != 0f && y != 1f) {
                throw new IllegalArgumentException(data.describeRow(i) + ": label " + y + " is not 0 or 1");
            }
            truth[i] = (int) y;
        }
        return truth;
    }

    private static Map<String, Object> classification(ClassificationReport r, boolean withLogLoss) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("examples", r.examples());
        out.put("accuracy", r.accuracy());
        out.put("precision", r.precision());
        out.put("recall", r.recall());
        out.put("f1", r.f1());
        out.put("auc", r.rocAuc());
        if (withLogLoss) {
            out.put("logLoss", r.logLoss());
        }
        out.put("classes", r.classes());
        out.put("confusion", r.confusion());
        return out;
    }

    /** One line of the scalar metrics, for people. */
    static String line(Map<String, Object> metrics) {
        StringBuilder s = new StringBuilder();
        metrics.forEach((k, v) -> {
            if (v instanceof Double d) {
                s.append(s.isEmpty() ? "" : "  ").append(k).append(' ').append(String.format(Locale.ROOT, "%.4f", d));
            }
        });
        return s.toString();
    }
}
