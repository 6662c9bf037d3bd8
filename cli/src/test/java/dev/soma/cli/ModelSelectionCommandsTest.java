package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.Model;
import dev.soma.engine.select.Folds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code soma cv} and {@code soma tune}: output, JSON, folds files, the refit model, and refused input. */
class ModelSelectionCommandsTest {

    private static final String CANCER = "datasets/breast_cancer/train.csv";
    private static final String CREDIT = "datasets/credit_g/train.csv";

    @TempDir
    Path dir;

    @Test
    void cvPrintsEachFoldAndTheMeanOfEachMetric() {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("cv", "--data", CANCER, "--folds", "4", "--l2", "0.01");
        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].startsWith("logistic on train.csv: 4-fold cross-validation, 456 examples"), run.out());
        for (int f = 1; f <= 4; f++) {
            assertTrue(lines[f].startsWith("fold " + f + "/4: train 342, held out 114  accuracy "), lines[f]);
        }
        assertTrue(lines[5].startsWith("accuracy   0.9"), run.out());
        assertTrue(lines[10].matches("logLoss    0\\.\\d{4} ± 0\\.\\d{4}  \\(mean ± sd over 4 folds\\)"), lines[10]);
    }

    @Test
    void cvJsonFoldsOutAndFoldsInAgreeAndThreadsChangeNothing() throws IOException {
        Path folds = dir.resolve("folds.csv");
        ColumnPolicyTest.Run first = ColumnPolicyTest.run("cv", "--data", CREDIT, "--label", "class", "--l2", "0.002",
                "--folds-out", folds.toString(), "--json", "--threads", "1", "--seed", "4");
        assertEquals(0, first.exit(), first.err());
        JsonNode a = new ObjectMapper().readTree(first.out());
        assertEquals(5, a.get("folds").asInt());
        assertEquals(800, Folds.read(folds).size());
        assertEquals(5, a.get("perFold").size());
        ColumnPolicyTest.Run second = ColumnPolicyTest.run("cv", "--data", CREDIT, "--label", "class", "--l2", "0.002",
                "--folds-in", folds.toString(), "--json", "--threads", "2", "--seed", "4");
        assertEquals(0, second.exit(), second.err());
        JsonNode b = new ObjectMapper().readTree(second.out());
        assertEquals(a.get("perFold"), b.get("perFold"));
        assertEquals(a.get("mean"), b.get("mean"));
        assertEquals(0.5, a.get("mean").get("logLoss").asDouble(), 0.05);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --folds 1                          | 2 | --folds must be >= 2
            --folds 400                        | 1 | 400 folds, but the class '0' has only 170 examples
            --threads 0                        | 2 | --threads must be >= 1
            --l2 -1                            | 2 | --l2 must be a finite number >= 0
            --model logistic --hidden 8        | 2 | --hidden applies to --model mlp only
            """)
    void cvRefuses(String options, int exit, String message) {
        List<String> args = new ArrayList<>(List.of("cv", "--data", CANCER));
        args.addAll(List.of(options.split(" ")));
        ColumnPolicyTest.Run run = ColumnPolicyTest.run(args.toArray(String[]::new));
        assertEquals(exit, run.exit(), run.err());
        // A usage error (2) starts with its message, then the usage as for every command; a data error (1) is one line.
        assertTrue(run.err().startsWith(exit == 2 ? message : "soma cv: " + message), run.err());
        if (exit == 1) {
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
    }

    @Test
    void cvRefusesAFoldsFileOfAnotherRowCount() throws IOException {
        Path folds = dir.resolve("small.csv");
        Folds.plain(10, 2, 0).write(folds);
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("cv", "--data", CANCER, "--folds-in", folds.toString());
        assertEquals(1, run.exit(), run.err());
        assertEquals("soma cv: " + folds + " assigns folds to 10 rows, but the data has 456: folds are for the data"
                + " they were made for", run.err().strip());
    }

    @Test
    void tuneSortsTheGridByTheMetricAndWritesTheBestModel() throws IOException {
        Path best = dir.resolve("best.json");
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("tune", "--data", CANCER, "--folds", "3",
                "--grid", "l2=1e-4,1e-2,1", "--out", best.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(3, run.err().lines().filter(l -> l.matches("\\[\\d/3] l2=.*: logLoss .*")).count(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).contains("3 settings, 3-fold cross-validation, by logLoss (lower is better)"), run.out());
        double previous = Double.NEGATIVE_INFINITY;
        for (int r = 2; r < 5; r++) {
            String[] cells = lines.get(r).strip().split("\\s+");
            assertEquals(String.valueOf(r - 1), cells[0]);
            double value = Double.parseDouble(cells[2]);
            assertTrue(value >= previous, run.out());
            previous = value;
        }
        String winner = lines.get(2).strip().split("\\s+")[1];
        assertTrue(lines.get(5).startsWith("best: l2=" + winner + " (logLoss "), run.out());
        Model model = ModelFile.load(best);
        assertTrue(model instanceof LogisticRegression);
        assertEquals(Double.parseDouble(winner), model.summary().l2(), 0);
    }

    @Test
    void tuneCrossValidatesAnL2GridAlongThePathWithTheScoresOfColdCrossValidation() throws IOException {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("tune", "--data", CREDIT, "--label", "class", "--folds", "4",
                "--grid", "l2=1e-3,1e-1,1e-2", "--json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("[1/3] l2=1e-3: logLoss") && run.err().contains("along the l2 path with the next 2"),
                run.err());
        assertEquals(2, run.err().lines().filter(l -> l.endsWith("computed along the l2 path)")).count(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (JsonNode row : json.get("results")) {
            String l2 = row.get("settings").get("l2").asText();
            ColumnPolicyTest.Run cold = ColumnPolicyTest.run("cv", "--data", CREDIT, "--label", "class", "--folds", "4",
                    "--l2", l2, "--json");
            assertEquals(0, cold.exit(), cold.err());
            JsonNode coldMean = new ObjectMapper().readTree(cold.out()).get("mean");
            assertEquals(coldMean.get("logLoss").asDouble(), row.get("mean").asDouble(), 1e-6, "l2 " + l2);
            assertEquals(coldMean.get("accuracy").asDouble(), row.get("cv").get("mean").get("accuracy").asDouble(),
                    1e-9, "l2 " + l2);
        }
    }

    @Test
    void tuneRandomSearchAndJsonPicksTheHighestAccuracy() throws IOException {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("tune", "--data", CANCER, "--folds", "3", "--optimizer", "sgd",
                "--epochs", "5", "--grid", "learning-rate=0.001,0.01,0.1", "--grid", "l2=0,0.01", "--random", "3",
                "--seed", "2", "--metric", "accuracy", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("accuracy", json.get("metric").asText());
        assertEquals(3, json.get("results").size());
        double best = json.get("best").get("mean").asDouble();
        for (JsonNode row : json.get("results")) {
            assertTrue(row.get("mean").asDouble() <= best);
        }
        assertEquals(json.get("results").get(0).get("settings"), json.get("best").get("settings"));
    }

    @Test
    void aRegressionLikeLabelGetsTheLabelErrorOfTrainNotAFoldsError() {
        ColumnPolicyTest.Run train = ColumnPolicyTest.run("train", "--data", CANCER, "--label", "mean_radius",
                "--out", dir.resolve("m.json").toString());
        assertEquals(1, train.exit(), train.err());
        String message = train.err().strip().replaceFirst("^soma train: ", "");
        assertTrue(message.contains("takes a third value"), message);
        for (String command : List.of("cv", "tune")) {
            List<String> args = new ArrayList<>(List.of(command, "--data", CANCER, "--label", "mean_radius"));
            if (command.equals("tune")) {
                args.addAll(List.of("--grid", "l2=0,1"));
            }
            ColumnPolicyTest.Run run = ColumnPolicyTest.run(args.toArray(String[]::new));
            assertEquals(1, run.exit(), run.err());
            assertEquals("soma " + command + ": " + message, run.err().strip().lines().toList().getLast(), run.err());
        }
    }

    @Test
    void tuneJsonWritesNumbersAsNumbersInAFixedOrder() throws IOException {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("tune", "--data", CANCER, "--folds", "2",
                "--grid", "optimizer=lbfgs,newton", "--grid", "l2=1e-2,1", "--grid", "epochs=100", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(4, json.get("results").size());
        JsonNode best = json.get("best");
        assertEquals(List.of("settings", "mean", "sd"), iterable(best.fieldNames()));
        JsonNode settings = best.get("settings");
        assertEquals(List.of("optimizer", "l2", "epochs"), iterable(settings.fieldNames()));
        assertTrue(settings.get("optimizer").isTextual(), settings.toString());
        assertTrue(settings.get("l2").isDouble(), settings.toString());
        assertTrue(settings.get("epochs").isInt(), settings.toString());
        assertEquals(0.01, json.get("results").findValues("l2").stream().mapToDouble(JsonNode::asDouble).min()
                .orElseThrow(), 0);
    }

    /**
     * {@code --classes} on a table: a fractional label is refused by a classifier unless read as classes, which cv
     * and tune then do from the whole table (every fold codes its labels alike), as train does.
     */
    @Test
    void cvAndTuneReadATablesNumericLabelAsClassesWithClasses() throws IOException {
        Path grades = dir.resolve("grades.csv");
        StringBuilder csv = new StringBuilder("x,z,grade\n");
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 60; i++) {
            int c = i % 3;
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s%n", c + random.nextGaussian() * 0.3,
                    random.nextGaussian(), new String[] {"0.5", "1.5", "2.5"}[c]));
        }
        Files.writeString(grades, csv.toString());
        ColumnPolicyTest.Run refused = ColumnPolicyTest.run("cv", "--data", grades.toString(), "--model", "softmax");
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.err().contains("a fractional label looks like a regression target"), refused.err());
        ColumnPolicyTest.Run cv = ColumnPolicyTest.run("cv", "--data", grades.toString(), "--model", "softmax",
                "--classes", "--folds", "3", "--json");
        assertEquals(0, cv.exit(), cv.err());
        assertTrue(new ObjectMapper().readTree(cv.out()).get("mean").get("accuracy").asDouble() > 0.8, cv.out());
        ColumnPolicyTest.Run tune = ColumnPolicyTest.run("tune", "--data", grades.toString(), "--model", "softmax",
                "--classes", "--folds", "3", "--grid", "l2=0.1,0.01");
        assertEquals(0, tune.exit(), tune.err());
        assertTrue(tune.out().contains("best: l2="), tune.out());
    }

    @Test
    void cvJsonWritesAMetricThatIsNotANumberAsNull() throws IOException {
        Path small = dir.resolve("small.csv");
        Files.writeString(small, "x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n6,12.2\n");
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("cv", "--data", small.toString(), "--model", "linear",
                "--folds", "6", "--json");
        assertEquals(0, run.exit(), run.err());
        assertFalse(run.out().contains("NaN"), run.out());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertTrue(json.get("perFold").get(0).get("metrics").get("r2").isNull(), run.out());
        assertTrue(json.get("mean").get("r2").isNull(), run.out());
        assertTrue(json.get("mean").get("rmse").isDouble(), run.out());
    }

    @Test
    void aFoldsFileLineWithAThirdCellIsRefused() throws IOException {
        Path folds = dir.resolve("three.csv");
        StringBuilder csv = new StringBuilder("row,fold\n");
        for (int i = 0; i < 456; i++) {
            csv.append(i).append(',').append(i % 3).append(i == 7 ? ",1" : "").append('\n');
        }
        Files.writeString(folds, csv);
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("cv", "--data", CANCER, "--folds-in", folds.toString());
        assertEquals(1, run.exit(), run.err());
        assertEquals("soma cv: " + folds + " line 9: expected exactly 'row,fold' (two cells), got 3 cells in '7,1,1'",
                run.err().strip());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --grid l2=-1                        | --grid l2=-1: the value '-1' is not valid: l2 must be a finite number >= 0
            --grid learning-rate=abc            | --grid learning-rate=abc: the value 'abc' is not valid: learning-rate must be a number
            --grid momentum=0.9                 | --grid momentum=0.9: 'momentum' is not an option a grid can vary
            --grid batch-size=0                 | --grid batch-size=0: the value '0' is not valid: batch-size must be a whole number >= 1
            --grid hidden=8                     | --grid hidden=8: hidden layers are for --model mlp only
            --grid l2                           | --grid l2: expected NAME=V1,V2
            --grid optimizer=nope               | --grid optimizer=…: the value 'nope' is not valid: no such optimizer
            --grid l2=1 --metric rmse           | --metric rmse is a regression metric
            --grid l2=1 --metric bogus          | no metric 'bogus'
            --grid l2=1e-3,1e-2 --l2 0.5        | --l2 is given, but --grid l2=… varies it
            --grid epochs=5,9 --epochs 20       | --epochs is given, but --grid epochs=… varies it
            --model svm --grid optimizer=lbfgs,newton | --grid setting optimizer=newton: the 'newton' optimizer needs the cost's second derivatives (Hessian-vector products), which logistic and linear regression give with the log or mse loss; --model svm trains on the 'hinge' loss, which has none: use lbfgs
            --model mlp --optimizer newton --grid l2=0,1 | --grid setting l2=0: the 'newton' optimizer needs the cost's second derivatives
            --loss huber --model linear --label mean_radius --grid optimizer=lbfgs,newton | --grid setting optimizer=newton: the 'newton' optimizer needs
            --grid optimizer=adam,lbfgs --batch-size 10 | --grid setting optimizer=lbfgs: --batch-size does not apply to the optimizer 'lbfgs'
            """)
    void tuneRefuses(String options, String message) {
        List<String> args = new ArrayList<>(List.of("tune", "--data", CANCER));
        args.addAll(List.of(options.split(" ")));
        ColumnPolicyTest.Run run = ColumnPolicyTest.run(args.toArray(String[]::new));
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith(message), run.err());
        assertFalse(run.out().contains("best"), run.out());
    }
}
