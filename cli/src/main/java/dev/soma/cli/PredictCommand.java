package dev.soma.cli;

import dev.soma.engine.model.Model;
import dev.soma.engine.model.Predictions;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.io.AtomicFiles;
import dev.soma.engine.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.soma.engine.table.EncodedTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Predicts with a model file for every row of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predicts for every row of a CSV file; the model's feature columns are read by name, in any order,"
                + " others ignored.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a model file from 'soma train --out'")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the rows to predict for: a CSV table, or a LIBSVM file (see --format; its labels are not read)")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "write the predictions here (CSV; default: stdout)")
    Path out;

    @Option(names = "--probabilities", description = "also write the probability of each class")
    boolean probabilities;

    @Option(names = "--layout", defaultValue = "rows",
            description = "rows: one example per CSV row (default); columns: one feature per row, one example per column")
    DataColumns.Layout layout;

    @Option(names = "--keep", split = ",", paramLabel = "COLUMNS",
            description = {"copy these input columns (any content, as written) into the output, first, to join the"
                + " predictions back; with --layout columns, rows (the header's first cell names the example ids)"})
    List<String> keep = List.of();

    @Option(names = "--unknown", defaultValue = "zeros", paramLabel = "POLICY",
            description = "a categorical level the model did not see in training: zeros (its column's one-hot block is"
                    + " all zeros, and the count is reported on stderr) or error (default: ${DEFAULT-VALUE})")
    UnknownPolicy unknown;

    @Mixin
    DialectOptions dialect;

    @Mixin
    FormatOptions format;


    @Override
    public Integer call() throws IOException {
        OutputFiles.requireWritable(spec.commandLine(), out, "--out");
        Model loaded = ModelFile.load(model);
        if (format.libsvm(data)) {
            format.refuseCsvOptions(List.of("--keep", "--layout", "--delimiter", "--encoding", "--unknown"));
            return predictSparse(loaded, format.readFor(loaded, data));
        }
        // The kept columns first: an unknown one fails before any prediction, naming it and the file's columns.
        String[][] kept;
        try {
            kept = keep.isEmpty() ? null : DataColumns.text(data, layout, keep, dialect.builder().build());
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("--keep: " + e.getMessage(), e);
        }
        EncodedTable encoded = DataColumns.features(data, layout, loaded, dialect.builder().build(), unknown.policy());
        Predictions predictions = loaded.predictions(encoded.data(), probabilities);
        StringWriter text = new StringWriter();
        PrintWriter csv = new PrintWriter(text);
        StringBuilder header = new StringBuilder();
        for (String name : keep) {
            header.append(quoted(name)).append(',');
        }
        csv.println(header + String.join(",", predictions.columns()));
        for (int i = 0; i < predictions.values().length; i++) {
            float[] values = predictions.values()[i];
            StringBuilder line = new StringBuilder();
            for (int k = 0; kept != null && k < kept[i].length; k++) {
                line.append(quoted(kept[i][k])).append(',');
            }
            // The prediction as the data spells it: the class (yes, -1, 3) or the predicted value.
            line.append(predictions.labels().get(i));
            for (int c = 1; c < values.length; c++) {
                line.append(',').append(values[c]);
            }
            csv.println(line);
        }
        csv.flush();
        writeOut(text);
        if (encoded.unknownCells() > 0) {
            // On stderr: stdout holds the predictions, which a pipe may be reading.
            spec.commandLine().getErr().println("note: " + encoded.unknownLevelsNote());
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    /** The predictions to {@code --out}, atomically, or to stdout. */
    private void writeOut(StringWriter text) throws IOException {
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.write(out, text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Predictions for the rows of a LIBSVM file, scored sparse by the model. */
    private int predictSparse(Model loaded, Dataset rows) throws IOException {
        Predictions predictions = loaded.predictions(rows, probabilities);
        StringWriter text = new StringWriter();
        PrintWriter csv = new PrintWriter(text);
        csv.println(String.join(",", predictions.columns()));
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder line = new StringBuilder(predictions.labels().get(i));
            float[] values = predictions.values()[i];
            for (int c = 1; c < values.length; c++) {
                line.append(',').append(values[c]);
            }
            csv.println(line);
        }
        csv.flush();
        writeOut(text);
        return 0;
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
    private static String quoted(String field) {
        boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }

}
