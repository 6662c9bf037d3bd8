package dev.soma.cli;

import dev.soma.engine.model.Model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.soma.engine.metrics.ReliabilityTable;
import java.util.concurrent.Callable;
import dev.soma.engine.table.EncodedTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores a model file on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Scores a model on a labelled CSV file (the model's feature columns are read by name, others"
                + " ignored): accuracy, precision, recall, F1, ROC AUC, log loss and the"
                + " confusion matrix for classifiers, and the reliability table of a binary classifier's probabilities"
                + " (logistic regression, a calibrated SVM); RMSE, MAE and R² for regression.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a model file from 'soma train --out'")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "labelled data: a CSV table, or a LIBSVM file (see --format)")
    Path data;

    @Option(names = "--label", paramLabel = "NAME",
            description = "the label column (default: the one the model was trained on; the last column, or row with"
                    + " --layout columns, for model files that did not record it)")
    String label;

    @Option(names = "--layout", defaultValue = "rows",
            description = "rows: one example per CSV row (default); columns: one feature per row, one example per column")
    DataColumns.Layout layout;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE", description = "write the reliability curve of a binary"
            + " classifier's probabilities (fraction of class 1 against mean predicted probability, per bin) as a PNG")
    Path plot;

    @Option(names = "--unknown", defaultValue = "zeros", paramLabel = "POLICY",
            description = "a categorical level the model did not see in training: zeros (its column's one-hot block is"
                    + " all zeros, and the count is reported) or error (default: ${DEFAULT-VALUE})")
    UnknownPolicy unknown;

    @Mixin
    DialectOptions dialect;

    @Mixin
    FormatOptions format;

    @Override
    public Integer call() throws IOException {
        OutputFiles.requireWritable(spec.commandLine(), plot, "--plot");
        Model loaded = ModelFile.load(model);
        if (format.libsvm(data)) {
            format.refuseCsvOptions(java.util.List.of("--label", "--layout", "--delimiter", "--encoding", "--unknown"));
        }
        EncodedTable encoded = DataColumns.labelled(data, layout, loaded, label, dialect.builder().build(),
                unknown.policy(), format);
        Dataset dataset = encoded.labelled();
        Map<String, Object> metrics = Evaluation.of(loaded, dataset);
        Optional<ReliabilityTable> reliability = Evaluation.reliability(loaded, dataset);
        if (plot != null) {
            ReliabilityTable table = reliability.orElseThrow(() -> new IllegalArgumentException("--plot draws the"
                    + " reliability curve of a binary classifier's probabilities, and this " + loaded.type()
                    + (loaded.isClassifier() && !loaded.hasProbabilities()
                    ? " gives scores, not probabilities (train it with --calibrate)"
                    : loaded.isClassifier() ? " has " + loaded.label().classes().size() + " classes" : " is a regression")));
            ReliabilityPlot.write(plot, loaded.type() + " on " + data.getFileName(), table);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", model.toString());
            result.put("data", data.toString());
            result.put("metrics", metrics);
            result.put("unknownLevels", Map.of("cells", encoded.unknownCells(), "byColumn", encoded.unknownByColumn()));
            reliability.ifPresent(table -> result.put("reliability", Evaluation.json(table)));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(JsonValues.finite(result)));
        } else {
            out.println(Evaluation.line(metrics));
            if (encoded.unknownCells() > 0) {
                out.println("note: " + encoded.unknownLevelsNote());
            }
            if (metrics.get("confusion") instanceof int[][] confusion) {
                out.println("confusion matrix (rows: true class, columns: predicted), classes "
                        + loaded.label().classes() + ":");
                for (int[] row : confusion) {
                    out.println("  " + Arrays.toString(row));
                }
            }
            reliability.ifPresent(table -> Evaluation.print(out, table, loaded.label().classes().get(1)));
            if (plot != null) {
                out.println("reliability curve written to " + plot);
            }
        }
        out.flush();
        return 0;
    }
}
