package dev.soma.cli;

import dev.soma.engine.model.Model;
import dev.soma.engine.model.Predictions;

import dev.soma.engine.io.AtomicFiles;
import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        Model loaded = ModelFile.load(model);
        float[][] rows = CsvDatasetReader.readFeatures(data, loaded.featureNames());
        Predictions predictions = loaded.predictions(rows, probabilities);
        StringWriter text = new StringWriter();
        PrintWriter csv = new PrintWriter(text);
        csv.println(String.join(",", predictions.columns()));
        for (int i = 0; i < predictions.values().length; i++) {
            float[] values = predictions.values()[i];
            // The prediction as the data spells it: the class (yes, -1, 3) or the predicted value.
            StringBuilder line = new StringBuilder(predictions.labels().get(i));
            for (int c = 1; c < values.length; c++) {
                line.append(',').append(values[c]);
            }
            csv.println(line);
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


}
