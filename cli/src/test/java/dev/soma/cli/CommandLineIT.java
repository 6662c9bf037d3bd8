package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command, run from the built jar in a JVM of its own on the shipped datasets, as the README shows. */
class CommandLineIT {

    private static final String TRAIN = "datasets/breast_cancer/train.csv";
    private static final String TEST = "datasets/breast_cancer/test.csv";
    private static final String INCUBATOR = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    @TempDir
    Path dir;

    @Test
    void trainEvaluatePredict() throws Exception {
        Path model = dir.resolve("model.json");
        Path plot = dir.resolve("loss.png");
        JarRunner.Result train = JarRunner.soma("train", "--data", TRAIN, "--test", TEST, "--l2", "0.002",
                "--out", model.toString(), "--plot", plot.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertEquals(INCUBATOR, train.err());
        assertTrue(train.out().contains("test:  accuracy 1.0000"), train.out());
        assertTrue(train.out().lines().anyMatch(l -> l.matches("kernels: vector, \\d+ lanes")), train.out());
        assertTrue(Files.size(model) > 0);
        byte[] png = Files.readAllBytes(plot);
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG file");

        JarRunner.Result evaluate = JarRunner.soma("evaluate", "--model", model.toString(), "--data", TEST);
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.out().startsWith("accuracy 1.0000  precision 1.0000  recall 1.0000  f1 1.0000  auc 1.0000"),
                evaluate.out());
        assertTrue(evaluate.out().contains("[42, 0]") && evaluate.out().contains("[0, 71]"), evaluate.out());

        Path predictions = dir.resolve("predictions.csv");
        JarRunner.Result predict = JarRunner.soma("predict", "--model", model.toString(), "--data", TEST,
                "--out", predictions.toString(), "--probabilities");
        assertEquals(0, predict.exitCode(), predict.err());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("prediction,probability", lines.getFirst());
        assertEquals(114, lines.size());
    }

    @Test
    void jsonOutputIsOneObjectWithTheDocumentedKeys() throws Exception {
        JarRunner.Result run = JarRunner.soma("train", "--data", "datasets/digits/train.csv", "--test",
                "datasets/digits/test.csv", "--model", "mlp", "--hidden", "32", "--activation", "tanh",
                "--learning-rate", "0.01", "--epochs", "30", "--validation", "0.2", "--seed", "3", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (String key : List.of("model", "optimizer", "options", "epochs", "stopReason", "seconds", "train",
                "validation", "test", "kernels")) {
            assertTrue(json.has(key), key + " in " + run.out());
        }
        assertEquals("mlp", json.get("model").asText());
        assertEquals("adam", json.get("optimizer").asText());
        assertEquals(0.01, json.get("options").get("learningRate").asDouble());
        assertEquals("vector", json.get("kernels").get("path").asText());
        assertTrue(json.get("kernels").get("lanes").asInt() >= 4);
        assertTrue(json.get("test").get("accuracy").asDouble() >= 0.9, run.out());
        for (String metric : List.of("precision", "recall", "f1", "auc", "logLoss", "confusion")) {
            assertTrue(json.get("test").has(metric), metric);
        }
    }

    @Test
    void jsonOnTheScalarFallbackIsStillOnlyJson() throws Exception {
        // Without --add-modules Soma warns that it runs its scalar kernels; with --json that line must not reach stdout.
        JarRunner.Result run = JarRunner.run(List.of(), "train", "--data", "datasets/breast_cancer/train.csv",
                "--epochs", "3", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("scalar", json.get("kernels").get("path").asText());
        assertTrue(run.err().contains("Soma runs its scalar kernels"), run.err());
    }

    @Test
    void errorsAreOneLineWithExitCodes() throws Exception {
        JarRunner.Result missing = JarRunner.soma("train", "--data", dir.resolve("nope.csv").toString());
        assertEquals(1, missing.exitCode());
        assertEquals(INCUBATOR + "soma train: no such file: " + dir.resolve("nope.csv") + "\n", missing.err());

        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b,label\n1,2,0\n3,1\n");
        JarRunner.Result bad = JarRunner.soma("train", "--data", ragged.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("soma train: ragged.csv line 3: the row has 2 fields, but the header has 3"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace without --verbose");

        JarRunner.Result verbose = JarRunner.soma("train", "--data", ragged.toString(), "--verbose");
        assertEquals(1, verbose.exitCode());
        assertTrue(verbose.err().contains("\tat "), "--verbose prints the stack trace");

        JarRunner.Result unknown = JarRunner.soma("train", "--data", TRAIN, "--optimizer", "adamax");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("there is no optimizer named 'adamax'"), unknown.err());

        JarRunner.Result usage = JarRunner.soma("train", "--data", TRAIN, "--epochs", "many");
        assertEquals(2, usage.exitCode());
        assertTrue(usage.err().contains("--epochs"), usage.err());

        Path notModel = dir.resolve("x.json");
        Files.writeString(notModel, "{}");
        JarRunner.Result notAModel = JarRunner.soma("evaluate", "--model", notModel.toString(), "--data", TEST);
        assertEquals(1, notAModel.exitCode());
        assertTrue(notAModel.err().contains("is not a Soma model file"), notAModel.err());
    }

    @Test
    void theColumnLayoutAndThreadsTrainTheSameModel() throws Exception {
        // The breast-cancer training split, transposed: one feature per row, one example per column.
        List<String> lines = Files.readAllLines(Path.of(TRAIN));
        String[][] cells = lines.stream().map(l -> l.split(",")).toArray(String[][]::new);
        StringBuilder transposed = new StringBuilder("feature");
        for (int e = 1; e < cells.length; e++) {
            transposed.append(",e").append(e);
        }
        transposed.append('\n');
        for (int c = 0; c < cells[0].length; c++) {
            transposed.append(cells[0][c]);
            for (int e = 1; e < cells.length; e++) {
                transposed.append(',').append(cells[e][c]);
            }
            transposed.append('\n');
        }
        Path columns = dir.resolve("columns.csv");
        Files.writeString(columns, transposed);
        JarRunner.Result byRows = JarRunner.soma("train", "--data", TRAIN, "--json", "--threads", "2");
        JarRunner.Result byColumns = JarRunner.soma("train", "--data", columns.toString(), "--layout", "columns",
                "--json");
        assertEquals(0, byRows.exitCode(), byRows.err());
        assertEquals(0, byColumns.exitCode(), byColumns.err());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(byRows.out()).get("train"), json.readTree(byColumns.out()).get("train"));
    }

    @Test
    void helpVersionAndPlugins() throws Exception {
        for (String command : List.of("train", "predict", "evaluate", "plugins", "quickstart")) {
            JarRunner.Result help = JarRunner.soma(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().startsWith("Usage: soma " + command), help.out());
        }
        JarRunner.Result version = JarRunner.soma("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("soma "), version.out());
        JarRunner.Result plugins = JarRunner.soma("plugins");
        assertTrue(plugins.out().contains("lbfgs") && plugins.out().contains("huber"), plugins.out());
    }
}
