package dev.soma.cli;

import dev.soma.engine.model.Model;

import dev.soma.engine.metrics.ClassificationReport;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.metrics.RegressionMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The metrics of any Soma model on labelled data, as an ordered map for text and JSON output. */
final class Evaluation {

    private Evaluation() {
    }

    static Map<String, Object> of(Model model, Dataset data) {
        return switch (model.report(data)) {
            // The SVM has no probabilities: its scores rank the examples for the AUC, and there is no log loss.
            case ClassificationReport r -> classification(r, model.hasProbabilities(), model.label().classes());
            case RegressionMetrics r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("examples", r.examples());
                out.put("rmse", r.rootMeanSquaredError());
                out.put("mae", r.meanAbsoluteError());
                out.put("r2", r.r2());
                yield out;
            }
        };
    }

    private static Map<String, Object> classification(ClassificationReport r, boolean withLogLoss,
                                                      java.util.List<String> classNames) {
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
        out.put("classNames", classNames);
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
