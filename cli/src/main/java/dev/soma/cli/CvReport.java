package dev.soma.cli;

import dev.soma.engine.select.CrossValidationResult;
import dev.soma.engine.select.FoldResult;
import dev.soma.engine.select.Metric;
import dev.soma.engine.select.MetricSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A cross-validation's results for people (one line per fold, one per metric) and for {@code --json}. */
final class CvReport {

    private CvReport() {
    }

    /** One line per fold, then a mean ± sd line per metric. */
    static List<String> lines(CrossValidationResult result) {
        List<String> lines = new ArrayList<>();
        int k = result.folds().count();
        for (FoldResult fold : result.foldResults()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "fold %d/%d: train %d, held out %d",
                    fold.fold() + 1, k, fold.trainingSize(), fold.heldOutSize()));
            for (Metric metric : result.metrics()) {
                line.append(String.format(Locale.ROOT, "  %s %.4f", metric.key(), fold.value(metric)));
            }
            lines.add(line.toString());
        }
        int width = result.metrics().stream().mapToInt(m -> m.key().length()).max().orElse(0);
        for (MetricSummary s : result.summaries()) {
            lines.add(String.format(Locale.ROOT, "%-" + width + "s  %.4f ± %.4f  (mean ± sd over %d folds)",
                    s.metric().key(), s.mean(), s.standardDeviation(), k));
        }
        return lines;
    }

    /** JSON has no NaN or infinity: null instead (as {@code inspect --json} writes them). */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** The folds and summaries as a map for JSON; a metric that is not a number (r2 of one example) is null. */
    static Map<String, Object> json(CrossValidationResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folds", result.folds().count());
        out.put("examples", result.folds().size());
        List<Map<String, Object>> folds = new ArrayList<>();
        for (FoldResult fold : result.foldResults()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("fold", fold.fold());
            f.put("trainingExamples", fold.trainingSize());
            f.put("heldOutExamples", fold.heldOutSize());
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (Metric metric : result.metrics()) {
                metrics.put(metric.key(), finite(fold.value(metric)));
            }
            f.put("metrics", metrics);
            folds.add(f);
        }
        out.put("perFold", folds);
        Map<String, Object> mean = new LinkedHashMap<>();
        Map<String, Object> sd = new LinkedHashMap<>();
        for (MetricSummary s : result.summaries()) {
            mean.put(s.metric().key(), finite(s.mean()));
            sd.put(s.metric().key(), finite(s.standardDeviation()));
        }
        out.put("mean", mean);
        out.put("sd", sd);
        return out;
    }
}
