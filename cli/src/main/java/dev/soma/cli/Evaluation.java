package dev.soma.cli;

import dev.soma.engine.model.Model;

import dev.soma.engine.metrics.ClassificationReport;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.metrics.RegressionMetrics;
import dev.soma.engine.metrics.ReliabilityTable;
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

    /** Bins of the reliability table. */
    static final int RELIABILITY_BINS = 10;

    /**
     * The reliability table of a binary classifier's probabilities on labelled data (logistic regression, a
     * calibrated SVM, a two-class softmax or MLP); empty for a model without probabilities or of more classes.
     */
    static java.util.Optional<ReliabilityTable> reliability(Model model, Dataset data) {
        if (!model.isClassifier() || !model.hasProbabilities() || model.label().classes().size() != 2) {
            return java.util.Optional.empty();
        }
        var predictions = model.predictions(data, true);
        int column = predictions.columns().contains("probability") ? predictions.columns().indexOf("probability")
                : predictions.columns().indexOf("p_" + model.label().classes().get(1));
        float[] p1 = new float[data.size()];
        for (int i = 0; i < p1.length; i++) {
            p1[i] = predictions.values()[i][column];
        }
        return java.util.Optional.of(ReliabilityTable.of(p1, model.label().classesOf(data), RELIABILITY_BINS));
    }

    /** The reliability table as JSON: its bins, the expected calibration error and the Brier score. */
    static Map<String, Object> json(ReliabilityTable table) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bins", table.bins().stream().map(b -> {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("lower", b.lower());
            bin.put("upper", b.upper());
            bin.put("count", b.count());
            bin.put("meanPredicted", b.meanPredicted());
            bin.put("fractionPositive", b.fractionPositive());
            return bin;
        }).toList());
        out.put("expectedCalibrationError", table.expectedCalibrationError());
        out.put("brierScore", table.brierScore());
        return out;
    }

    /** The reliability table for people: one line per bin that holds an example. */
    static void print(java.io.PrintWriter out, ReliabilityTable table, String positiveClass) {
        out.println("reliability (predicted probability of class " + positiveClass + " in 10 bins; a calibrated model"
                + " has the two columns close):");
        out.println("  bin          examples  mean predicted  fraction of class " + positiveClass);
        for (ReliabilityTable.Bin b : table.bins()) {
            out.println(String.format(Locale.ROOT, "  %.1f–%.1f  %10d  %14.3f  %.3f", b.lower(), b.upper(), b.count(),
                    b.meanPredicted(), b.fractionPositive()));
        }
        out.println(String.format(Locale.ROOT, "expected calibration error %.4f  brier score %.4f",
                table.expectedCalibrationError(), table.brierScore()));
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
