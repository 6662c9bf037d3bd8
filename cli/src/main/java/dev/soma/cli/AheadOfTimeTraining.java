package dev.soma.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the ahead-of-time cache ({@code cli/pom.xml} runs it at {@code package} with
 * {@code -XX:AOTCacheOutput}): the JVM records the classes this run loads and links and the profiles of the methods
 * it runs, and {@code ./soma} starts from them. A cache trained on the quickstart alone left {@code train},
 * {@code predict} and {@code evaluate} on a table to load, link and profile their own classes (the CSV reader, the
 * table encoding, the reports, the model file) at every start, so this run goes through the commands of the
 * README's first steps once each, in one JVM, on the bundled data, writing its files into a temporary folder that
 * it deletes. Not a command: run it as {@code java -cp soma.jar dev.soma.cli.AheadOfTimeTraining} from the
 * repository root.
 */
public final class AheadOfTimeTraining {

    private AheadOfTimeTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Files.createTempDirectory("soma-aot-training");
        try {
            String model = folder.resolve("model.json").toString();
            String table = folder.resolve("table.json").toString();
            for (List<String> command : List.of(
                    List.of("quickstart"),
                    List.of("train", "--data", "datasets/breast_cancer/train.csv", "--test",
                            "datasets/breast_cancer/test.csv", "--l2", "0.002", "--out", model, "--plot",
                            folder.resolve("loss.png").toString()),
                    List.of("evaluate", "--model", model, "--data", "datasets/breast_cancer/test.csv"),
                    List.of("predict", "--model", model, "--data", "datasets/breast_cancer/test.csv",
                            "--probabilities", "--out", folder.resolve("predictions.csv").toString()),
                    List.of("train", "--data", "datasets/credit_g/train.csv", "--label", "class", "--out", table),
                    List.of("inspect", model, "--top", "5"))) {
                System.out.println("$ soma " + String.join(" ", command));
                String[] arguments = command.toArray(String[]::new);
                int exit = SomaCommand.commandLine(arguments).execute(arguments);
                if (exit != 0) {
                    throw new IllegalStateException("the ahead-of-time training run failed at 'soma "
                            + String.join(" ", command) + "' (exit " + exit + ")");
                }
            }
        } finally {
            delete(folder);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
