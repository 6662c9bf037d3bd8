package dev.soma.cli;

import dev.soma.engine.model.Model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores a model file on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Scores a model on a labelled CSV file: accuracy, precision, recall, F1, ROC AUC, log loss and the"
                + " confusion matrix for classifiers; RMSE, MAE and R² for regression.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a model file from 'soma train --out'")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "labelled data (CSV)")
    Path data;

    @Option(names = "--label", paramLabel = "NAME",
            description = "the label column (default: the one the model was trained on; the last column for model files "
                    + "that did not record it)")
    String label;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Model loaded = ModelFile.load(model);
        // The model knows its label column; by position only for model files written before labels were recorded.
        String labelColumn = label != null ? label : loaded.label().name();
        Dataset dataset = CsvDatasetReader.withLabelColumn(labelColumn).read(data);
        Map<String, Object> metrics = Evaluation.of(loaded, dataset);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", model.toString());
            result.put("data", data.toString());
            result.put("metrics", metrics);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            out.println(Evaluation.line(metrics));
            if (metrics.get("confusion") instanceof int[][] confusion) {
                out.println("confusion matrix (rows: true class, columns: predicted), classes "
                        + loaded.label().classes() + ":");
                for (int[] row : confusion) {
                    out.println("  " + Arrays.toString(row));
                }
            }
        }
        out.flush();
        return 0;
    }
}
