package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line uses the label the model recorded, speaks the data's class spelling, and says when a run went badly. */
class LabelAndEndingsTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run soma(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SomaCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The breast-cancer split with its label moved to the first column and spelled benign/malignant. */
    private Path labelFirst(String split) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("datasets/breast_cancer/" + split + ".csv"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.lastIndexOf(',');
            String label = line.substring(comma + 1);
            label = i == 0 ? "diagnosis" : label.equals("1") ? "malignant" : "benign";
            out.add(label + "," + line.substring(0, comma));
        }
        Path file = dir.resolve(split + "-label-first.csv");
        Files.write(file, out);
        return file;
    }

    @Test
    void evaluateFindsTheRecordedLabelAndMatchesTrainTest() throws IOException {
        Path train = labelFirst("train");
        Path test = labelFirst("test");
        Path model = dir.resolve("model.json");
        Run trained = soma("train", "--data", train.toString(), "--test", test.toString(), "--label", "diagnosis",
                "--l2", "0.002", "--out", model.toString(), "--json");
        assertEquals(0, trained.exit(), trained.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode result = json.readTree(trained.out());
        assertEquals("binary", result.at("/label/task").asText());
        assertEquals("[\"benign\",\"malignant\"]", result.at("/label/classes").toString());

        // No --label: the model knows its column, which is not the last one.
        Run evaluated = soma("evaluate", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, evaluated.exit(), evaluated.err());
        JsonNode metrics = json.readTree(evaluated.out()).get("metrics");
        for (String metric : new String[] {"accuracy", "f1", "auc", "logLoss"}) {
            assertEquals(result.at("/test/" + metric).asDouble(), metrics.get(metric).asDouble(), 1e-12, metric);
        }

        Run predicted = soma("predict", "--model", model.toString(), "--data", test.toString());
        assertEquals(0, predicted.exit(), predicted.err());
        assertTrue(predicted.out().lines().skip(1).allMatch(l -> l.equals("benign") || l.equals("malignant")),
                "predictions in the data's spelling: " + predicted.out());
    }

    @Test
    void aFileWithoutTheRecordedLabelIsNamed() throws IOException {
        Path model = dir.resolve("model.json");
        assertEquals(0, soma("train", "--data", labelFirst("train").toString(), "--label", "diagnosis", "--out",
                model.toString()).exit());
        // The original file has the same features but calls its label 'label', in the last column.
        Run evaluated = soma("evaluate", "--model", model.toString(), "--data", "datasets/breast_cancer/test.csv");
        assertEquals(1, evaluated.exit());
        assertTrue(evaluated.err().contains("no label column 'diagnosis'"), evaluated.err());
    }

    @Test
    void aTooLargeLearningRateEndsWithAWarningAndStrictFails() {
        String[] args = {"train", "--data", "datasets/breast_cancer/train.csv", "--optimizer", "adam",
                "--learning-rate", "10"};
        Run run = soma(args);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("stopped after") && run.out().contains("worse than start"), run.out());
        assertTrue(run.out().contains("warning: the training cost ended at"), run.out());
        assertTrue(run.out().contains("try a smaller learning rate than 10"), run.out());
        String[] strict = java.util.Arrays.copyOf(args, args.length + 1);
        strict[args.length] = "--strict";
        assertEquals(3, soma(strict).exit());
    }

    @Test
    void aContinuousLabelIsRefusedBySoftmax() throws IOException {
        StringBuilder csv = new StringBuilder("width,length\n");
        for (int i = 0; i < 40; i++) {
            csv.append(0.1 * (i % 22) + 0.05).append(',').append(i).append('\n');
        }
        Path file = dir.resolve("continuous.csv");
        Files.writeString(file, csv.toString().replace("width,length", "length,width")
                .lines().skip(1).map(l -> l.split(",")[1] + "," + l.split(",")[0]).reduce("length,width", (a, b) -> a + "\n" + b));
        Run run = soma("train", "--model", "softmax", "--data", file.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("looks like a regression target"), run.err());
        Run saidSo = soma("train", "--model", "softmax", "--data", file.toString(), "--classes", "--epochs", "5");
        assertEquals(0, saidSo.exit(), saidSo.err());
        assertTrue(saidSo.out().contains("label: 'width', 22 classes [0.05, 0.15"), saidSo.out());
    }
}
