package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model svm --calibrate}: an SVM with probabilities, its log loss in train and evaluate, the
 * reliability table and curve; and the errors.
 */
class CalibrationCommandTest {

    private static final String TRAIN = "datasets/breast_cancer/train.csv";
    private static final String TEST = "datasets/breast_cancer/test.csv";

    @TempDir
    Path dir;

    private static ColumnPolicyTest.Run run(String... args) {
        return ColumnPolicyTest.run(args);
    }

    @Test
    void aCalibratedSvmReportsLogLossAndAReliabilityTable() throws Exception {
        Path model = dir.resolve("svm.json");
        ColumnPolicyTest.Run train = run("train", "--data", TRAIN, "--test", TEST, "--model", "svm", "--l2", "0.01",
                "--calibrate", "--out", model.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("calibrated: Platt scaling on 5 held-out folds, p(1) = 1/(1 + exp("),
                train.out());
        assertTrue(train.out().lines().anyMatch(l -> l.startsWith("test:") && l.contains("logLoss")), train.out());

        Path png = dir.resolve("reliability.png");
        ColumnPolicyTest.Run evaluate = run("evaluate", "--model", model.toString(), "--data", TEST, "--plot",
                png.toString());
        assertEquals(0, evaluate.exit(), evaluate.err());
        assertTrue(evaluate.out().contains("logLoss"), evaluate.out());
        assertTrue(evaluate.out().contains("reliability (predicted probability of class 1 in 10 bins"), evaluate.out());
        assertTrue(evaluate.out().contains("expected calibration error"), evaluate.out());
        assertTrue(evaluate.out().contains("reliability curve written to " + png), evaluate.out());
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, header);

        ColumnPolicyTest.Run json = run("evaluate", "--model", model.toString(), "--data", TEST, "--json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        JsonNode bins = root.get("reliability").get("bins");
        int total = 0;
        for (JsonNode bin : bins) {
            total += bin.get("count").asInt();
        }
        assertEquals(113, total);
        assertTrue(root.get("metrics").get("logLoss").asDouble() < 0.2, json.out());

        ColumnPolicyTest.Run inspect = run("inspect", model.toString());
        assertTrue(inspect.out().contains("calibration: Platt scaling on 5 held-out folds, p(1) = 1/(1 + exp(a·score"
                + " + b)), a = -"), inspect.out());
        JsonNode inspected = new ObjectMapper().readTree(run("inspect", model.toString(), "--json").out());
        assertEquals("platt", inspected.get("calibration").get("method").asText());

        ColumnPolicyTest.Run trainJson = run("train", "--data", TRAIN, "--model", "svm", "--calibrate", "3", "--json");
        JsonNode calibration = new ObjectMapper().readTree(trainJson.out()).get("calibration");
        assertEquals("platt", calibration.get("method").asText());
        assertEquals(3, calibration.get("folds").asInt());
        assertTrue(calibration.get("a").asDouble() < 0, trainJson.out());
    }

    @Test
    void aPlainSvmHasNoProbabilitiesToPlot() {
        Path model = dir.resolve("plain.json");
        assertEquals(0, run("train", "--data", TRAIN, "--model", "svm", "--out", model.toString()).exit());
        ColumnPolicyTest.Run evaluate = run("evaluate", "--model", model.toString(), "--data", TEST, "--plot",
                dir.resolve("x.png").toString());
        assertEquals(1, evaluate.exit());
        assertTrue(evaluate.err().contains("gives scores, not probabilities (train it with --calibrate)"),
                evaluate.err());
        assertFalse(Files.exists(dir.resolve("x.png")));
        ColumnPolicyTest.Run text = run("evaluate", "--model", model.toString(), "--data", TEST);
        assertFalse(text.out().contains("reliability"), text.out());
        assertFalse(text.out().contains("logLoss"), text.out());
    }

    @Test
    void withoutAPenaltyTheCalibrationWarns() {
        ColumnPolicyTest.Run run = run("train", "--data", TRAIN, "--model", "svm", "--calibrate");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("warning: calibrated without --l2"), run.out());
    }

    @Test
    void outputsAreWrittenWhereAskedAndCheckedBeforeTheWork() throws Exception {
        Path model = dir.resolve("svm.json");
        assertEquals(0, run("train", "--data", TRAIN, "--model", "svm", "--l2", "0.01", "--calibrate", "--out",
                model.toString()).exit());
        // A plot named without .png is a PNG under that name, and nothing else is left in the folder.
        Path plot = dir.resolve("reliability.txt");
        assertEquals(0, run("evaluate", "--model", model.toString(), "--data", TEST, "--plot", plot.toString()).exit());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(Files.readAllBytes(plot), 4));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("partial")));
        }
        // A folder, or a path under a file, is refused before training (exit 2), naming the option.
        ColumnPolicyTest.Run folder = run("train", "--data", TRAIN, "--out", dir.toString());
        assertEquals(2, folder.exit());
        assertTrue(folder.err().contains("--out " + dir + " is a folder"), folder.err());
        ColumnPolicyTest.Run underFile = run("evaluate", "--model", model.toString(), "--data", TEST, "--plot",
                model.resolve("x.png").toString());
        assertEquals(2, underFile.exit());
        assertTrue(underFile.err().contains("is a file, so the folder"), underFile.err());
        ColumnPolicyTest.Run modelFolder = run("evaluate", "--model", dir.toString(), "--data", TEST);
        assertEquals(1, modelFolder.exit());
        assertTrue(modelFolder.err().contains(dir + " is a folder, not a model file"), modelFolder.err());
    }

    /**
     * {@code cv} and {@code tune} take {@code --calibrate}: each fold's SVM is calibrated on inner folds of its own
     * training rows, so the held-out folds have a log loss (which an uncalibrated SVM's do not), tune ranks by it,
     * and tune's model is the calibrated SVM.
     */
    @Test
    void crossValidationAndTuningCalibrateEachFoldsSvm() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ColumnPolicyTest.Run plain = run("cv", "--data", TRAIN, "--model", "svm", "--l2", "0.01", "--folds", "4",
                "--json");
        assertEquals(0, plain.exit(), plain.err());
        assertFalse(mapper.readTree(plain.out()).get("mean").has("logLoss"), plain.out());
        ColumnPolicyTest.Run cv = run("cv", "--data", TRAIN, "--model", "svm", "--l2", "0.01", "--folds", "4",
                "--calibrate", "3", "--json");
        assertEquals(0, cv.exit(), cv.err());
        double logLoss = mapper.readTree(cv.out()).get("mean").get("logLoss").asDouble();
        assertTrue(logLoss > 0 && logLoss < 0.2, cv.out());

        Path model = dir.resolve("best.json");
        ColumnPolicyTest.Run tune = run("tune", "--data", TRAIN, "--model", "svm", "--calibrate", "3", "--folds", "4",
                "--grid", "l2=0.1,0.01", "--out", model.toString());
        assertEquals(0, tune.exit(), tune.err());
        assertTrue(tune.out().contains("by logLoss (lower is better)"), tune.out());
        ColumnPolicyTest.Run evaluate = run("evaluate", "--model", model.toString(), "--data", TEST);
        assertEquals(0, evaluate.exit(), evaluate.err());
        assertTrue(evaluate.out().contains("logLoss"), "the tuned SVM is calibrated: " + evaluate.out());

        ColumnPolicyTest.Run logistic = run("cv", "--data", TRAIN, "--calibrate");
        assertEquals(2, logistic.exit());
        assertTrue(logistic.err().contains("--calibrate applies to --model svm only"), logistic.err());
        ColumnPolicyTest.Run uncalibrated = run("tune", "--data", TRAIN, "--model", "svm", "--metric", "logLoss",
                "--grid", "l2=0.1,0.01");
        assertEquals(2, uncalibrated.exit());
        assertTrue(uncalibrated.err().contains("only with --calibrate"), uncalibrated.err());
    }

    @Test
    void calibrationOptionsThatCannotApplyAreRefused() {
        ColumnPolicyTest.Run logistic = run("train", "--data", TRAIN, "--calibrate");
        assertEquals(2, logistic.exit());
        assertTrue(logistic.err().contains("--calibrate applies to --model svm only"), logistic.err());
        ColumnPolicyTest.Run one = run("train", "--data", TRAIN, "--model", "svm", "--calibrate", "1");
        assertEquals(2, one.exit());
        assertTrue(one.err().contains("at least 2 folds"), one.err());
        ColumnPolicyTest.Run tooMany = run("train", "--data", "datasets/vote/train.csv", "--label", "Class",
                "--model", "svm", "--calibrate", "150");
        assertEquals(1, tooMany.exit());
        assertTrue(tooMany.err().contains("150 folds, but the class"), tooMany.err());
    }
}
