package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LIBSVM files through the command line: heart_scale trained to scikit-learn's float64 optimum (datasets/README.md),
 * the format guessed or given, standardisation off by default, predict and evaluate read with the model's features.
 */
class LibsvmCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEART = "datasets/heart_scale/heart_scale";
    /** datasets/README.md: the float64 optimum's mean training log loss (C = 1, no standardisation). */
    private static final double HEART_OPTIMUM = 0.3365637218;
    private static final String L2 = String.valueOf(1.0 / 270);

    @TempDir
    static Path dir;

    static Path heartModel;
    static JsonNode heartTrain;

    @BeforeAll
    static void trainHeart() throws IOException {
        heartModel = dir.resolve("heart.json");
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("train", "--data", HEART, "--format", "libsvm", "--optimizer",
                "lbfgs", "--l2", L2, "--json", "--out", heartModel.toString());
        assertEquals(0, run.exit(), run.err());
        heartTrain = JSON.readTree(run.out());
    }

    private static JsonNode trainJson(String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", HEART, "--optimizer", "lbfgs", "--l2",
                L2, "--json"));
        args.addAll(List.of(extra));
        ColumnPolicyTest.Run run = ColumnPolicyTest.run(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out());
    }

    @Test
    void heartScaleReachesScikitLearnsFloat64Optimum() {
        assertEquals(HEART_OPTIMUM, heartTrain.at("/train/logLoss").asDouble(), 1e-6);
        assertEquals(270, heartTrain.at("/train/examples").asInt());
        assertEquals("[\"-1\",\"1\"]", heartTrain.at("/label/classes").toString());
        assertEquals(0.8444, heartTrain.at("/train/accuracy").asDouble(), 0.5 / 270);
    }

    @Test
    void theFormatIsGuessedFromTheFirstLineOfAFileWithoutExtension() throws IOException {
        JsonNode guessed = trainJson();
        assertEquals(heartTrain.at("/train/logLoss").asDouble(), guessed.at("/train/logLoss").asDouble(), 0);
    }

    @Test
    void standardisationIsOffByDefaultForLibsvmAndScalesWhenAskedFor() throws IOException {
        double off = trainJson("--no-standardize").at("/train/logLoss").asDouble();
        double scaled = trainJson("--standardize").at("/train/logLoss").asDouble();
        assertEquals(off, heartTrain.at("/train/logLoss").asDouble(), 0, "the default is --no-standardize");
        // With a penalty, scaling the features moves the optimum: the scaled run is a different model.
        assertNotEquals(off, scaled, 1e-4);
    }

    @Test
    void evaluateAndPredictReadALibsvmFileWithTheModelsFeatures() throws IOException {
        ColumnPolicyTest.Run evaluate = ColumnPolicyTest.run("evaluate", "--model", heartModel.toString(), "--data",
                HEART, "--json");
        assertEquals(0, evaluate.exit(), evaluate.err());
        JsonNode metrics = JSON.readTree(evaluate.out()).get("metrics");
        assertEquals(heartTrain.at("/train/logLoss").asDouble(), metrics.get("logLoss").asDouble(), 1e-9);
        assertEquals(heartTrain.at("/train/accuracy").asDouble(), metrics.get("accuracy").asDouble(), 0);

        // A test file using fewer features than the model still reads with the model's 13.
        Path few = Files.writeString(dir.resolve("few.svm"), "+1 1:0.5 2:1\n-1 3:-1\n");
        ColumnPolicyTest.Run predict = ColumnPolicyTest.run("predict", "--model", heartModel.toString(), "--data",
                few.toString(), "--probabilities");
        assertEquals(0, predict.exit(), predict.err());
        List<String> lines = predict.out().lines().toList();
        assertEquals(3, lines.size(), predict.out());
        assertEquals("prediction,probability", lines.get(0));
        for (String line : lines.subList(1, 3)) {
            String[] cells = line.split(",");
            assertTrue(cells[0].equals("1") || cells[0].equals("-1"), line);
            float p = Float.parseFloat(cells[1]);
            assertEquals(p >= 0.5f ? "1" : "-1", cells[0], line);
        }

        ColumnPolicyTest.Run whole = ColumnPolicyTest.run("predict", "--model", heartModel.toString(), "--data",
                HEART);
        assertEquals(0, whole.exit(), whole.err());
        assertEquals(271, whole.out().lines().count());
    }

    @Test
    void aFileWithMoreFeaturesThanTheModelIsAClearError() throws IOException {
        Path wide = Files.writeString(dir.resolve("wide.svm"), "+1 1:0.5\n-1 2:1 14:0.25\n");
        for (String command : List.of("evaluate", "predict")) {
            ColumnPolicyTest.Run run = ColumnPolicyTest.run(command, "--model", heartModel.toString(), "--data",
                    wide.toString());
            assertEquals(1, run.exit(), command);
            assertTrue(run.err().contains("wide.svm line 2") && run.err().contains("'14:0.25'")
                    && run.err().contains("trained on 13 features"), run.err());
        }
    }

    @Test
    void featuresGivenInTrainingSetTheModelsWidth() throws IOException {
        Path model = dir.resolve("wide-model.json");
        ColumnPolicyTest.Run train = ColumnPolicyTest.run("train", "--data", HEART, "--features", "20", "--l2", L2,
                "--out", model.toString());
        assertEquals(0, train.exit(), train.err());
        Path test = Files.writeString(dir.resolve("test20.svm"), "+1 1:0.5 20:1\n-1 2:1 14:0.25\n");
        ColumnPolicyTest.Run evaluate = ColumnPolicyTest.run("evaluate", "--model", model.toString(), "--data",
                test.toString(), "--json");
        assertEquals(0, evaluate.exit(), evaluate.err());
        assertEquals(2, JSON.readTree(evaluate.out()).at("/metrics/examples").asInt());
        ColumnPolicyTest.Run narrow = ColumnPolicyTest.run("train", "--data", HEART, "--features", "12");
        assertEquals(1, narrow.exit());
        assertTrue(narrow.err().contains("heart_scale line 1") && narrow.err().contains("above the 12 features"),
                narrow.err());
    }

    @Test
    void tableOptionsAndFeaturesForCsvAreUsageErrors() {
        ColumnPolicyTest.Run label = ColumnPolicyTest.run("train", "--data", HEART, "--label", "y");
        assertEquals(2, label.exit());
        assertTrue(label.err().contains("--label applies to CSV files"), label.err());
        ColumnPolicyTest.Run keep = ColumnPolicyTest.run("predict", "--model", heartModel.toString(), "--data", HEART,
                "--keep", "id");
        assertEquals(2, keep.exit());
        assertTrue(keep.err().contains("--keep applies to CSV files"), keep.err());
        ColumnPolicyTest.Run features = ColumnPolicyTest.run("train", "--data", "datasets/vote/train.csv",
                "--features", "3");
        assertEquals(2, features.exit());
        assertTrue(features.err().contains("--features applies to LIBSVM data"), features.err());
    }

    @Test
    void badLinesNameTheFileLineAndToken() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.svm"), "+1 1:0.5 3:1\n-1 3:1 2:1\n");
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("train", "--data", bad.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("bad.svm line 2: the index 2 in '2:1' comes after 3"), run.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a.svm          | x,y                       | libsvm",
            "a.libsvm       | x,y                       | libsvm",
            "a.SVMLIGHT     | x,y                       | libsvm",
            "a.svm.gz       | x,y                       | libsvm",
            "a.txt          | +1 1:0.5 3:2              | libsvm",
            "noextension    | # comment\\n\\n-1 qid:2 4:1e-3 # c | libsvm",
            "b.txt.gz       | 0 7:1                     | libsvm",
            "a.txt          | a,b,label\\n1,2,0         | csv",
            "noext2         | a;b\\n1;2                 | csv",
            "c.txt          | 1\\n2                     | csv",
            "a.csv          | +1 1:0.5 3:2              | csv",
            "a.data         | +1 1:0.5                  | csv",
    })
    void theFormatIsGuessedFromTheNameThenTheFirstLine(String name, String content, String expected)
            throws IOException {
        Path file = dir.resolve("guess").resolve(name);
        Files.createDirectories(file.getParent());
        byte[] bytes = content.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        assertEquals(FormatOptions.Format.valueOf(expected), FormatOptions.guess(file), name);
    }
}
