package dev.soma.cli;

import dev.soma.engine.select.Folds;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The fold options {@code cv} and {@code tune} share (a picocli mixin), and their checks. */
final class FoldOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "the number of folds (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--threads", paramLabel = "N",
            description = "folds trained at once; the results are the same for any count (default: 2 with 2 or more cores)")
    Integer threads;

    @Option(names = "--folds-in", paramLabel = "FILE",
            description = "use the folds of a 'row,fold' CSV (as cv's --folds-out writes) instead of dealing them")
    Path foldsIn;

    /**
     * Refuses fewer than 2 folds, --folds beside --folds-in, or threads below 1, as usage errors; returns the threads
     * to train folds on.
     */
    int checkedThreads() {
        if (folds < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--folds must be >= 2 (each fold is held out once while the others train), but was " + folds);
        }
        if (foldsIn != null && spec.commandLine().getParseResult().hasMatchedOption("--folds")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--folds-in gives the folds (and their count): leave --folds out");
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, but was " + threads);
        }
        return threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
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
