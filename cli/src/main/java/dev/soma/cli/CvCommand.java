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
import picocli.CommandLine;
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

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "the number of folds (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--threads", paramLabel = "N",
            description = "folds trained at once; the results are the same for any count (default: 2 with 2 or more cores)")
    Integer threads;

    @Option(names = "--folds-out", paramLabel = "FILE",
            description = "write the fold of each row as a 'row,fold' CSV (for scikit-learn's PredefinedSplit)")
    Path foldsOut;

    @Option(names = "--folds-in", paramLabel = "FILE",
            description = "use the folds of a 'row,fold' CSV (as --folds-out writes) instead of dealing them")
    Path foldsIn;

    @Option(names = "--json", description = "print one JSON object with the results on stdout, and nothing else")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CvSetup setup = CvSetup.check(spec, folds, threads, foldsIn);
        OutputFiles.requireWritable(spec.commandLine(), foldsOut, "--folds-out");
        CvData cvData = CvData.read(data, training, dialect, format);
        Folds given = setup.readFolds(cvData.size());
        CrossValidationResult result;
        try (PluginRegistry registry = plugins.registry()) {
            result = cvData.crossValidate(training.settings(), registry, folds, training.seed, setup.threads(), given);
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
                    + (given != null ? " (folds from " + foldsIn + ")" : ", seed " + training.seed));
            CvReport.lines(result).forEach(stdout::println);
            if (foldsOut != null) {
                stdout.println("folds written to " + foldsOut);
            }
        }
        stdout.flush();
        return 0;
    }

    /** The checks and fold options that {@code cv} and {@code tune} share. */
    record CvSetup(CommandSpec spec, int threads, Path foldsIn) {

        /** Refuses fewer than 2 folds or threads below 1, as usage errors. */
        static CvSetup check(CommandSpec spec, int folds, Integer threads, Path foldsIn) {
            CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            if (folds < 2) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--folds must be >= 2 (each fold is held out once while the others train), but was " + folds);
            }
            if (foldsIn != null && parsed.hasMatchedOption("--folds")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--folds-in gives the folds (and their count): leave --folds out");
            }
            if (threads != null && threads < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, but was " + threads);
            }
            int t = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
            return new CvSetup(spec, t, foldsIn);
        }

        /** The folds of {@code --folds-in}, checked against the data's row count; null without it. */
        Folds readFolds(int rows) throws IOException {
            if (foldsIn == null) {
                return null;
            }
            Folds given = Folds.read(foldsIn);
            if (given.size() != rows) {
                throw new IllegalArgumentException(foldsIn + " assigns folds to " + given.size() + " rows, but the data"
                        + " has " + rows + ": folds are for the data they were made for");
            }
            return given;
        }
    }
}
