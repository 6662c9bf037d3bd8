package dev.soma.cli;

import dev.soma.engine.io.AtomicFiles;
import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Predicts with a model file for every row of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predicts for every row of a CSV file; the model's feature columns are read by name, others ignored.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a model file from 'soma train --out'")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the rows to predict for (CSV)")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "write the predictions here (CSV; default: stdout)")
    Path out;

    @Option(names = "--probabilities", description = "also write the probability of each class")
    boolean probabilities;

    @Override
    public Integer call() throws IOException {
        Object loaded = ModelFile.load(model);
        List<String> features = switch (loaded) {
            case dev.soma.engine.model.LinearModel n -> n.featureNames();
            case MlpClassifier m -> m.featureNames();
            default -> throw new IllegalStateException("not a model: " + loaded);
        };
        float[][] rows = CsvDatasetReader.readFeatures(data, features);
        StringWriter text = new StringWriter();
        PrintWriter csv = new PrintWriter(text);
        switch (loaded) {
            case LogisticRegression m -> {
                csv.println(probabilities ? "prediction,probability" : "prediction");
                float[] p = m.predictProbability(rows);
                int[] c = m.predict(rows);
                for (int i = 0; i < rows.length; i++) {
                    csv.println(probabilities ? c[i] + "," + p[i] : String.valueOf(c[i]));
                }
            }
            case LinearSvm m -> {
                csv.println(probabilities ? "prediction,score" : "prediction");
                for (float[] row : rows) {
                    csv.println(probabilities ? m.predict(row) + "," + m.decisionFunction(row) : String.valueOf(m.predict(row)));
                }
            }
            case LinearRegression m -> {
                csv.println("prediction");
                for (float v : m.predict(rows)) {
                    csv.println(v);
                }
            }
            case MlpClassifier m -> {
                float[] classes = m.classes();
                StringBuilder header = new StringBuilder("prediction");
                if (probabilities) {
                    for (float c : classes) {
                        header.append(",p_").append(label(c));
                    }
                }
                csv.println(header);
                for (float[] row : rows) {
                    float[] p = m.predictProbabilities(row);
                    StringBuilder line = new StringBuilder(label(m.predict(row)));
                    if (probabilities) {
                        for (float v : p) {
                            line.append(',').append(v);
                        }
                    }
                    csv.println(line);
                }
            }
            default -> throw new IllegalStateException("not a model: " + loaded);
        }
        csv.flush();
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.write(out, text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    /** A class label as written in the data: 3 rather than 3.0. */
    private static String label(float c) {
        return c == Math.rint(c) && Math.abs(c) < 1e9 ? String.valueOf((long) c) : String.format(Locale.ROOT, "%s", c);
    }

}
