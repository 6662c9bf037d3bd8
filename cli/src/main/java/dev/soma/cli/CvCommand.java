package dev.soma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.engine.select.CrossValidationResult;
import dev.soma.engine.select.Folds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** k-fold cross-validation of a model's training options on a CSV table or LIBSVM file. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "Cross-validates: trains on k − 1 folds and scores the held-out one, k times (stratified by class"
                + " for classifiers), with the options of 'train'. Standardisation and the table's encoding (levels,"
                + " imputation) are learned inside each fold. Prints each fold's metrics and their mean ± sd.")
final class CvCommand implements Callable<Integer> {

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

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "the data: a CSV table, or a LIBSVM file (see --format)")
    Path data;

    @Mixin
    FoldOptions foldOptions;

    @Mixin
    CalibrationOption calibration;

    @Option(names = "--folds-out", paramLabel = "FILE",
            description = "write the fold of each row as a 'row,fold' CSV (for scikit-learn's PredefinedSplit)")
    Path foldsOut;

    @Option(names = "--json", description = "print one JSON object with the results on stdout, and nothing else")
    boolean json;

    @Override
    public Integer call() throws IOException {
        int threads = foldOptions.checkedThreads();
        Integer calibrate = calibration.checked(training.model);
        OutputFiles.requireWritable(spec.commandLine(), foldsOut, "--folds-out");
        CvData cvData = CvData.read(data, training, dialect, format);
        Folds given = foldOptions.readFolds(cvData.size());
        CrossValidationResult result;
        try (PluginRegistry registry = plugins.registry()) {
            result = cvData.crossValidate(training.settings(), registry, foldOptions.folds, training.seed, threads, given,
                    calibrate);
        }
        if (foldsOut != null) {
            result.folds().write(foldsOut);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", training.model.name());
            out.put("optimizer", training.optimizerOf(training.settings()));
            out.put("l2", training.l2);
            out.put("seed", training.seed);
            out.putAll(CvReport.json(result));
            if (foldsOut != null) {
                out.put("foldsFile", foldsOut.toString());
            }
            stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            stdout.println(training.model + " on " + data.getFileName() + ": " + result.folds().count() + "-fold"
                    + " cross-validation, " + result.folds().size() + " examples"
                    + (given != null ? " (folds from " + foldOptions.foldsIn + ")" : ", seed " + training.seed));
            CvReport.lines(result).forEach(stdout::println);
            if (foldsOut != null) {
                stdout.println("folds written to " + foldsOut);
            }
        }
        stdout.flush();
        return 0;
    }
}
