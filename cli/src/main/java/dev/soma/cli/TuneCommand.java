package dev.soma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.model.Model;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.engine.select.CrossValidationResult;
import dev.soma.engine.select.Folds;
import dev.soma.engine.select.Metric;
import dev.soma.engine.select.MetricSummary;
import dev.soma.engine.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A grid or random search over training options, each setting scored by cross-validation. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Searches training options: cross-validates every setting of a grid (--grid NAME=V1,V2,… for"
                + " l2, learning-rate, batch-size, optimizer, hidden, epochs; the cartesian product) or a seeded random"
                + " sample of it (--random N), on the same folds; prints the settings sorted by the metric and the best,"
                + " and with --out trains the best on all the data and writes it.")
final class TuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Mixin
    TrainingOptions training;

    @Mixin
    DialectOptions dialect;

    @Mixin
    FormatOptions format;

    @Mixin
    CalibrationOption calibration;

    /** {@code --calibrate}'s folds once checked, or null. */
    private Integer calibrate;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "the data: a CSV table, or a LIBSVM file (see --format)")
    Path data;

    @Option(names = "--grid", required = true, paramLabel = "NAME=V1,V2,…",
            description = "values to try for one option: l2, learning-rate, batch-size, optimizer, hidden (layers"
                    + " joined by 'x': 64x32) or epochs; repeatable")
    List<String> grids;

    @Option(names = "--random", paramLabel = "N",
            description = "try N settings drawn at random (with --seed) from the grid instead of all of them")
    Integer random;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "the metric to choose by: logLoss, accuracy, precision, recall, f1, auc; rmse, mae, r2"
                    + " (default: logLoss; accuracy for svm without --calibrate; rmse for linear). Lower is better for losses"
                    + " and errors")
    String metricName;

    @Mixin
    FoldOptions foldOptions;

    @Option(names = "--out", paramLabel = "FILE", description = "train the best setting on all the data and write it here")
    Path out;

    @Option(names = "--json", description = "print one JSON object with the results on stdout, and nothing else")
    boolean json;

    /** One setting's outcome: its cross-validation, or why it failed. */
    private record Trial(Map<String, String> setting, CrossValidationResult result, double mean, double sd,
                         String failure) {
    }

    @Override
    public Integer call() throws IOException {
        int threads = foldOptions.checkedThreads();
        calibrate = calibration.checked(training.model);
        OutputFiles.requireWritable(spec.commandLine(), out, "--out");
        if (random != null && random < 1) {
            throw training.usage("--random must be >= 1, but was " + random);
        }
        SearchSpace space;
        Metric metric;
        try {
            space = SearchSpace.parse(grids, training.model == TrainingOptions.ModelType.mlp);
            metric = metric();
        } catch (IllegalArgumentException e) {
            throw training.usage(e.getMessage());
        }
        refuseFixedOptionsTheGridVaries(space);
        List<Map<String, String>> settings = random != null ? space.random(random, training.seed) : space.grid();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<Trial> trials = new ArrayList<>();
        Model best = null;
        try (PluginRegistry registry = plugins.registry()) {
            refuseSettingsThatCannotTrain(settings, registry);
            CvData cvData = CvData.read(data, training, dialect, format);
            Folds given = foldOptions.readFolds(cvData.size());
            // The same folds for every setting: dealt once from the seed (or given), so settings differ only by
            // their values.
            Folds used = given;
            Map<Map<String, String>, CrossValidationResult> alongPaths = new java.util.HashMap<>();
            java.util.Set<Map<String, String>> onTheirOwn = new java.util.HashSet<>();
            int n = 0;
            for (Map<String, String> setting : settings) {
                n++;
                long start = System.nanoTime();
                TrainingOptions.Settings s = SearchSpace.apply(training.settings(), setting);
                Trial trial;
                String how = "";
                try {
                    CrossValidationResult result = alongPaths.remove(setting);
                    if (result == null) {
                        // A calibrated SVM's folds each train inner folds: one setting at a time.
                        List<Map<String, String>> path = onTheirOwn.contains(setting) || calibrate != null
                                ? List.of(setting) : pathOf(setting, settings, s);
                        if (path.size() > 1) {
                            double[] lambdas = path.stream().mapToDouble(p -> Double.parseDouble(p.get("l2"))).toArray();
                            try {
                                List<CrossValidationResult> results = cvData.crossValidateAlongPath(s, lambdas,
                                        registry, foldOptions.folds, training.seed, threads, used);
                                for (int i = 0; i < path.size(); i++) {
                                    alongPaths.put(path.get(i), results.get(i));
                                }
                                how = String.format(Locale.ROOT, ", along the l2 path with the next %d",
                                        path.size() - 1);
                            } catch (TrainingDivergedException e) {
                                // Some λ of the path diverged: each of its settings is tried on its own, so that
                                // only the one that diverges is reported so.
                                onTheirOwn.addAll(path);
                            }
                            result = alongPaths.remove(setting);
                        }
                        if (result == null) {
                            result = cvData.crossValidate(s, registry, foldOptions.folds, training.seed, threads,
                                    used, calibrate);
                        }
                    } else {
                        how = ", computed along the l2 path";
                    }
                    used = result.folds();
                    MetricSummary summary = result.summary(metric);
                    trial = new Trial(setting, result, summary.mean(), summary.standardDeviation(), null);
                } catch (TrainingDivergedException e) {
                    trial = new Trial(setting, null, Double.NaN, Double.NaN, "diverged: " + e.getMessage());
                }
                trials.add(trial);
                stderr.printf(Locale.ROOT, "[%d/%d] %s: %s (%.1f s%s)%n", n, settings.size(),
                        SearchSpace.describe(setting), trial.failure != null ? trial.failure
                                : String.format(Locale.ROOT, "%s %.4f ± %.4f", metric.key(), trial.mean, trial.sd),
                        (System.nanoTime() - start) / 1e9, how);
                stderr.flush();
            }
            List<Trial> sorted = new ArrayList<>(trials);
            sorted.sort(byMetric(metric));
            Trial winner = sorted.getFirst();
            if (winner.failure != null) {
                throw new IllegalStateException("every setting failed; the first: " + winner.failure);
            }
            if (out != null) {
                best = cvData.fitAll(SearchSpace.apply(training.settings(), winner.setting), registry, calibrate,
                        training.seed);
                ModelFile.save(best, out);
            }
            print(stdout, metric, sorted, winner, space);
        }
        return 0;
    }

    /**
     * The settings still to try that differ from {@code setting} only by their l2 (it among them), when those can
     * be cross-validated along one warm-started regularisation path per fold: a convex model (logistic, linear,
     * softmax) trained by an optimizer that stops at the optimum (lbfgs, newton), so that each warm fit reaches what
     * its cold fit would, to the stopping tolerance, in fewer passes. Otherwise (or alone) just {@code setting}.
     * If the path diverges, each of them is then tried on its own.
     */
    private List<Map<String, String>> pathOf(Map<String, String> setting, List<Map<String, String>> settings,
                                             TrainingOptions.Settings applied) {
        String optimizer = training.optimizerOf(applied);
        boolean convex = training.model == TrainingOptions.ModelType.logistic
                || training.model == TrainingOptions.ModelType.linear
                || training.model == TrainingOptions.ModelType.softmax;
        if (!setting.containsKey("l2") || !convex || !(optimizer.equals("lbfgs") || optimizer.equals("newton"))) {
            return List.of(setting);
        }
        List<Map<String, String>> path = new ArrayList<>();
        java.util.Set<Double> lambdas = new java.util.HashSet<>();
        for (Map<String, String> other : settings.subList(settings.indexOf(setting), settings.size())) {
            if (sameButL2(setting, other) && lambdas.add(Double.parseDouble(other.get("l2")))) {
                path.add(other);
            }
        }
        return path;
    }

    private static boolean sameButL2(Map<String, String> a, Map<String, String> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String key : a.keySet()) {
            if (!key.equals("l2") && !a.get(key).equals(b.get(key))) {
                return false;
            }
        }
        return true;
    }

    /** An option given on its own that a grid also varies would be ignored: a usage error naming it. */
    private void refuseFixedOptionsTheGridVaries(SearchSpace space) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String name : space.names()) {
            if (parsed.hasMatchedOption("--" + name)) {
                throw training.usage("--" + name + " is given, but --grid " + name + "=… varies it, so the grid's values"
                        + " would replace it: give " + name + "'s values in the grid only");
            }
        }
    }

    /**
     * Every setting's optimizer, its options and the model's loss checked before any training, so that an
     * impossible setting is a usage error naming it, not a failure after the others have run.
     */
    private void refuseSettingsThatCannotTrain(List<Map<String, String>> settings, PluginRegistry registry) {
        for (Map<String, String> setting : settings) {
            if (setting.containsKey("optimizer") && !registry.optimizerProviders().containsKey(setting.get("optimizer"))) {
                throw training.usage("--grid optimizer=…: the value '" + setting.get("optimizer") + "' is not valid:"
                        + " no such optimizer; the optimizers are " + registry.optimizerProviders().keySet());
            }
        }
        for (Map<String, String> setting : settings) {
            TrainingOptions.Settings s = SearchSpace.apply(training.settings(), setting);
            try {
                training.refuseOptionsTheOptimizerLacks(registry, s);
            } catch (CommandLine.ParameterException e) {
                throw training.usage("--grid setting " + SearchSpace.describe(setting) + ": " + e.getMessage());
            }
            if (training.optimizerOf(s).equals("newton")) {
                String problem = training.newtonProblem(registry);
                if (problem != null) {
                    throw training.usage("--grid setting " + SearchSpace.describe(setting) + ": " + problem);
                }
            }
        }
    }

    /** The better mean first (failures last); ties keep the order tried. */
    private static Comparator<Trial> byMetric(Metric metric) {
        return (a, b) -> metric.better(a.mean, b.mean) ? -1 : metric.better(b.mean, a.mean) ? 1 : 0;
    }

    private Metric metric() {
        TrainingOptions.ModelType model = training.model;
        if (metricName == null) {
            return switch (model) {
                case svm -> calibrate != null ? Metric.LOG_LOSS : Metric.ACCURACY;
                case linear -> Metric.RMSE;
                default -> Metric.LOG_LOSS;
            };
        }
        Metric metric = Metric.named(metricName);
        boolean regression = model == TrainingOptions.ModelType.linear;
        if (metric.isClassification() == regression) {
            throw new IllegalArgumentException("--metric " + metricName + " is a " + (regression ? "classification"
                    : "regression") + " metric, but --model " + model + " is " + (regression ? "regression"
                    : "a classifier"));
        }
        if (metric == Metric.LOG_LOSS && model == TrainingOptions.ModelType.svm && calibrate == null) {
            throw new IllegalArgumentException("--metric logLoss needs probabilities, which --model svm gives only"
                    + " with --calibrate: calibrate it, or choose by accuracy, f1 or auc");
        }
        return metric;
    }

    private void print(PrintWriter stdout, Metric metric, List<Trial> sorted, Trial winner, SearchSpace space)
            throws IOException {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", training.model.name());
            result.put("metric", metric.key());
            result.put("higherIsBetter", metric.higherIsBetter());
            result.put("folds", winner.result.folds().count());
            result.put("seed", training.seed);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Trial t : sorted) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("settings", SearchSpace.json(t.setting));
                row.put("mean", CvReport.finite(t.mean));
                row.put("sd", CvReport.finite(t.sd));
                if (t.failure != null) {
                    row.put("failure", t.failure);
                } else {
                    row.put("cv", CvReport.json(t.result));
                }
                rows.add(row);
            }
            result.put("results", rows);
            Map<String, Object> best = new LinkedHashMap<>();
            best.put("settings", SearchSpace.json(winner.setting));
            best.put("mean", CvReport.finite(winner.mean));
            best.put("sd", CvReport.finite(winner.sd));
            result.put("best", best);
            if (out != null) {
                result.put("modelFile", out.toString());
            }
            stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            stdout.flush();
            return;
        }
        List<String> names = space.names();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%4s", "rank"));
        int[] widths = new int[names.size()];
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            widths[k] = Math.max(name.length(), space.values(name).stream().mapToInt(String::length).max().orElse(0));
            header.append("  ").append(String.format("%-" + widths[k] + "s", name));
        }
        header.append(String.format(Locale.ROOT, "  %-10s  %s", metric.key(), "sd"));
        stdout.println(training.model + " on " + data.getFileName() + ": " + sorted.size() + " settings, "
                + winner.result.folds().count() + "-fold cross-validation, by " + metric.key() + " ("
                + (metric.higherIsBetter() ? "higher" : "lower") + " is better)");
        stdout.println(header);
        int rank = 0;
        for (Trial t : sorted) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d", ++rank));
            for (int k = 0; k < names.size(); k++) {
                line.append("  ").append(String.format("%-" + widths[k] + "s", t.setting.get(names.get(k))));
            }
            line.append(t.failure != null ? "  " + t.failure
                    : String.format(Locale.ROOT, "  %-10.6f  %.6f", t.mean, t.sd));
            stdout.println(line);
        }
        stdout.println("best: " + SearchSpace.describe(winner.setting) + String.format(Locale.ROOT,
                " (%s %.6f ± %.6f)", metric.key(), winner.mean, winner.sd));
        if (out != null) {
            stdout.println("trained on all " + winner.result.folds().size() + " examples with the best settings;"
                    + " model written to " + out);
        }
        stdout.flush();
    }
}
