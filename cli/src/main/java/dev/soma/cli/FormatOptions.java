package dev.soma.cli;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.LibsvmReader;
import dev.soma.engine.model.Model;
import dev.soma.engine.table.TextInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The format of the data files of train, predict and evaluate: CSV tables, or LIBSVM (svmlight) sparse files —
 * given with {@code --format}, else guessed from each file: {@code .svm}, {@code .libsvm}, {@code .svmlight} are
 * LIBSVM; a {@code .txt} file or one without extension is LIBSVM when its first line that is not a comment looks
 * like {@code label index:value …}; anything else is CSV. {@code .gz} is looked through.
 */
final class FormatOptions {

    /** A data file's format. */
    enum Format { csv, libsvm }

    /** A number (the label), an optional qid, then at least one index:value pair, and perhaps a comment. */
    private static final Pattern LIBSVM_LINE = Pattern.compile(
            "\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?((\\s+qid:\\S+)?(\\s+\\d+:\\S+)+)\\s*(#.*)?");
    /** The most characters read to guess a file's format. */
    private static final int PEEK_LIMIT = 1 << 16;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", paramLabel = "csv|libsvm",
            description = "the data files' format: csv (a table with a header row) or libsvm ('label index:value …',"
                    + " 1-based indices, sparse). Default: guessed from each file — .svm, .libsvm, .svmlight are"
                    + " libsvm; .txt or no extension is libsvm when its first line looks like 'label index:value';"
                    + " else csv")
    Format format;

    @Option(names = "--features", paramLabel = "N",
            description = "libsvm: the number of features (default: the training file's largest index), so that a"
                    + " training and a test file agree; predict and evaluate read a file with the model's count")
    Integer features;

    /** The format of {@code file}: {@code --format}, else guessed. */
    Format of(Path file) throws IOException {
        return format != null ? format : guess(file);
    }

    /** True when {@code file} is read as LIBSVM. */
    boolean libsvm(Path file) throws IOException {
        return of(file) == Format.libsvm;
    }

    /**
     * {@code file}'s format from its name, or for a {@code .txt} file or one without an extension, from its first
     * line that is neither blank nor a comment.
     */
    static Format guess(Path file) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        switch (extension) {
            case "svm", "libsvm", "svmlight" -> {
                return Format.libsvm;
            }
            case "", "txt" -> {
                return looksLibsvm(file) ? Format.libsvm : Format.csv;
            }
            default -> {
                return Format.csv;
            }
        }
    }

    /** True when the first line of {@code file} that is not blank nor a comment reads as a LIBSVM example. */
    static boolean looksLibsvm(Path file) throws IOException {
        try (Reader in = TextInput.open(file, StandardCharsets.UTF_8);
             BufferedReader lines = new BufferedReader(in)) {
            char[] head = new char[PEEK_LIMIT];
            int n = 0;
            for (int r; n < head.length && (r = lines.read(head, n, head.length - n)) > 0; ) {
                n += r;
            }
            for (String line : new String(head, 0, n).split("\r?\n", -1)) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    return LIBSVM_LINE.matcher(line).matches();
                }
            }
            return false;
        } catch (DataFormatException e) {
            return false; // not text: the CSV reader says what is wrong with it
        }
    }

    /** Training data in LIBSVM form, with {@code --features} when given. */
    Dataset readTraining(Path file) throws IOException {
        LibsvmReader reader = LibsvmReader.create();
        if (features != null) {
            if (features < 1) {
                throw usage("--features must be >= 1, but was " + features);
            }
            reader = reader.features(features);
        }
        return reader.read(file);
    }

    /**
     * Data for {@code model} in LIBSVM form, read with the model's number of features: an index above it is an
     * error saying so.
     */
    Dataset readFor(Model model, Path file) throws IOException {
        int count = model.featureNames().size();
        if (features != null && features != count) {
            throw usage("--features " + features + " differs from the model's " + count + " features: a file is read"
                    + " with the model's count (leave --features out)");
        }
        try {
            return LibsvmReader.create().features(count).read(file);
        } catch (DataFormatException e) {
            if (e.getMessage().contains("features asked for")) {
                throw new IllegalArgumentException(e.getMessage() + ": the model was trained on " + count
                        + " features (indices 1 to " + count + ")", e);
            }
            throw e;
        }
    }

    /** Refuses, as a usage error, each option of {@code csvOnly} that was given, as it means nothing to LIBSVM data. */
    void refuseCsvOptions(List<String> csvOnly) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : csvOnly) {
            if (parsed.hasMatchedOption(option)) {
                throw usage(option + " applies to CSV files, not to LIBSVM data (sparse 'label index:value' lines,"
                        + " the label first)");
            }
        }
    }

    /** Refuses {@code --features} for CSV data. */
    void refuseFeaturesForCsv() {
        if (features != null) {
            throw usage("--features applies to LIBSVM data (--format libsvm), not to CSV files");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
