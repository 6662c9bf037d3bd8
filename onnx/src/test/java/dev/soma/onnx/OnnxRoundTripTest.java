package dev.soma.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.Model;
import dev.soma.engine.model.Predictions;
import dev.soma.engine.model.SoftmaxRegression;
import dev.soma.engine.network.Activation;
import dev.soma.engine.select.SvmCalibration;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.table.Impute;
import dev.soma.engine.table.TableReader;
import dev.soma.engine.table.TableSpec;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every model type, exported and run in ONNX Runtime on the bundled test data, gives Soma's own predictions:
 * identical labels and probabilities (and scores) within 1e-5. This class runs in both test runs, vector kernels and
 * the scalar fallback, so the export is checked against both.
 */
class OnnxRoundTripTest {

    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    private static Dataset breastCancer(String file) throws IOException {
        return CsvDatasetReader.withLabelColumn("label").read(Datasets.file("breast_cancer", file));
    }

    private static Dataset digits(String file) throws IOException {
        return CsvDatasetReader.withLabelColumn(null).read(Datasets.file("digits", file));
    }

    private static float[][] rows(Dataset data) {
        float[][] rows = new float[data.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = data.row(i);
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void logisticRegressionGivesSomasLabelsAndProbabilities(boolean standardize) throws Exception {
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(1e-3).maxEpochs(300)
                .standardize(standardize).fit(breastCancer("train.csv"));
        float[][] test = rows(breastCancer("test.csv"));
        OnnxModel onnx = OnnxExport.of(model);
        assertEquals(List.of("features"), onnx.inputs().stream().map(TensorInfo::name).toList());
        assertEquals(List.of("N", "30"), onnx.inputs().getFirst().shape());
        try (OnnxRunner runner = new OnnxRunner(onnx)) {
            assertSameClassifications(model.predictions(test, true), runner.runFeatures(test));
        }
    }

    @Test
    void linearSvmGivesSomasLabelsAndScores() throws Exception {
        LinearSvm model = LinearSvm.trainer().optimizer("lbfgs").l2(1e-2).maxEpochs(300).fit(breastCancer("train.csv"));
        float[][] test = rows(breastCancer("test.csv"));
        try (OnnxRunner runner = new OnnxRunner(OnnxExport.of(model))) {
            OnnxRunner.Outputs onnx = runner.runFeatures(test);
            Predictions soma = model.predictions(test, true);
            assertEquals(soma.labels(), List.of(onnx.labels()));
            float[] scores = onnx.vector("score");
            for (int i = 0; i < test.length; i++) {
                float expected = soma.values()[i][1];
                assertEquals(expected, scores[i], TOLERANCE * Math.max(1, Math.abs(expected)), "row " + i);
            }
        }
    }

    @Test
    void calibratedSvmGivesSomasLabelsScoresAndProbabilities() throws Exception {
        LinearSvm model = SvmCalibration.fit(LinearSvm.trainer().optimizer("lbfgs").l2(1e-2).maxEpochs(300),
                breastCancer("train.csv"), 5, 3);
        float[][] test = rows(breastCancer("test.csv"));
        OnnxModel onnx = OnnxExport.of(model);
        assertEquals(List.of("label", "score", "probabilities"), onnx.outputs().stream().map(TensorInfo::name).toList());
        try (OnnxRunner runner = new OnnxRunner(onnx)) {
            OnnxRunner.Outputs out = runner.runFeatures(test);
            Predictions soma = model.predictions(test, true);
            assertEquals(soma.labels(), List.of(out.labels()));
            for (int i = 0; i < test.length; i++) {
                float p1 = soma.values()[i][2];
                assertArrayEquals(new float[] {1 - p1, p1}, out.probabilities()[i], (float) TOLERANCE, "row " + i);
                assertEquals(soma.values()[i][1], out.vector("score")[i], TOLERANCE * Math.max(1, Math.abs(p1)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void linearRegressionGivesSomasPredictions(boolean standardize) throws Exception {
        // A real regression: the mean radius of a tumour from the 29 other measurements (and the diagnosis).
        CsvDatasetReader reader = CsvDatasetReader.withLabelColumn("mean_radius");
        LinearRegression model = LinearRegression.trainer().optimizer("lbfgs").maxEpochs(500).standardize(standardize)
                .fit(reader.read(Datasets.file("breast_cancer", "train.csv")));
        float[][] test = rows(reader.read(Datasets.file("breast_cancer", "test.csv")));
        try (OnnxRunner runner = new OnnxRunner(OnnxExport.of(model))) {
            float[] onnx = runner.runFeatures(test).vector("prediction");
            Predictions soma = model.predictions(test, true);
            for (int i = 0; i < test.length; i++) {
                float expected = soma.values()[i][0];
                assertEquals(expected, onnx[i], TOLERANCE * Math.max(1, Math.abs(expected)), "row " + i);
            }
        }
    }

    @Test
    void softmaxRegressionOnDigits() throws Exception {
        MlpClassifier model = SoftmaxRegression.trainer().optimizer("lbfgs").l2(1e-3).maxEpochs(100)
                .fit(digits("train.csv"));
        checkDigits(model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TANH", "RELU", "SIGMOID"})
    void mlpOnDigits(String activation) throws Exception {
        MlpClassifier model = MlpClassifier.trainer(Architecture.hidden(24, 12).activation(Activation.valueOf(activation)))
                .optimizer("adam", Options.of("learningRate", 0.01)).maxEpochs(15).seed(7).fit(digits("train.csv"));
        checkDigits(model);
    }

    @Test
    void mlpWithoutStandardisation() throws Exception {
        MlpClassifier model = MlpClassifier.trainer(Architecture.hidden(16)).standardize(false)
                .optimizer("adam", Options.of("learningRate", 0.01)).maxEpochs(10).seed(3).fit(digits("train.csv"));
        assertTrue(model.standardizer().isIdentity());
        checkDigits(model);
    }

    private static void checkDigits(MlpClassifier model) throws IOException, OrtException {
        float[][] test = rows(digits("test.csv"));
        OnnxModel onnx = OnnxExport.of(model);
        assertEquals(List.of("N", "10"), onnx.outputs().get(1).shape());
        try (OnnxRunner runner = new OnnxRunner(onnx)) {
            assertSameClassifications(model.predictions(test, true), runner.runFeatures(test));
        }
    }

    @Test
    void creditTableWithStringAndNumericColumns() throws Exception {
        TableSpec spec = TableSpec.builder().label("class").build();
        Model logistic = LogisticRegression.trainer().optimizer("lbfgs").l2(1.25e-3).maxEpochs(500)
                .fit(TableReader.read(Datasets.file("credit_g", "train.csv"), spec));
        checkTable(logistic, Datasets.file("credit_g", "test.csv"), "class");
        Model mlp = MlpClassifier.trainer(Architecture.hidden(8)).optimizer("adam", Options.of("learningRate", 0.01))
                .maxEpochs(20).seed(5).fit(TableReader.read(Datasets.file("credit_g", "train.csv"), spec));
        checkTable(mlp, Datasets.file("credit_g", "test.csv"), "class");
    }

    @Test
    void voteTableWithMissingCellsAsALevel() throws Exception {
        TableSpec spec = TableSpec.builder().label("Class").build();
        Path train = Datasets.file("vote", "train.csv");
        Model logistic = LogisticRegression.trainer().optimizer("lbfgs").l2(1.0 / 348).maxEpochs(500)
                .fit(TableReader.read(train, spec));
        assertTrue(logistic.featureNames().contains("crime=<missing>"));
        checkTable(logistic, Datasets.file("vote", "test.csv"), "Class");
        Model svm = LinearSvm.trainer().optimizer("lbfgs").l2(1e-2).maxEpochs(300).fit(TableReader.read(train, spec));
        checkTable(svm, Datasets.file("vote", "test.csv"), "Class");
        Model softmax = SoftmaxRegression.trainer().optimizer("lbfgs").l2(1e-2).maxEpochs(200)
                .fit(TableReader.read(train, spec));
        checkTable(softmax, Datasets.file("vote", "test.csv"), "Class");
    }

    /**
     * Numeric cells missing (every 5th duration, every 7th credit amount, blanked or spelled NA or ?), filled with the
     * training mean or median and flagged by the missing indicator — in training and in the test rows.
     */
    @ParameterizedTest
    @ValueSource(strings = {"MEAN", "MEDIAN"})
    void imputedNumericCellsAndMissingIndicators(String impute) throws Exception {
        Path train = withMissingNumbers(Datasets.file("credit_g", "train.csv"), "train.csv");
        Path test = withMissingNumbers(Datasets.file("credit_g", "test.csv"), "test.csv");
        TableSpec spec = TableSpec.builder().label("class").impute(Impute.valueOf(impute))
                .missingIndicator(impute.equals("MEAN")).build();
        Model model = LogisticRegression.trainer().optimizer("lbfgs").l2(1e-3).maxEpochs(500)
                .fit(TableReader.read(train, spec));
        assertEquals(impute.equals("MEAN"), model.featureNames().contains("duration=<missing>"));
        checkTable(model, test, "class");
        Model mlp = MlpClassifier.trainer(Architecture.hidden(6)).optimizer("adam", Options.of("learningRate", 0.01))
                .maxEpochs(10).seed(2).fit(TableReader.read(train, spec));
        checkTable(mlp, test, "class");
    }

    @Test
    void unseenLevelsEncodeAsZerosAsInSoma() throws Exception {
        Path train = Datasets.file("credit_g", "train.csv");
        Model model = LogisticRegression.trainer().optimizer("lbfgs").l2(1e-3).maxEpochs(500)
                .fit(TableReader.read(train, TableSpec.builder().label("class").build()));
        List<String> lines = new ArrayList<>(Files.readAllLines(Datasets.file("credit_g", "test.csv")));
        for (int i = 1; i < lines.size(); i += 3) {
            String[] cells = lines.get(i).split(",", -1);
            cells[3] = "space travel"; // purpose: a level training never saw
            lines.set(i, String.join(",", cells));
        }
        Path test = Files.write(dir.resolve("unseen.csv"), lines);
        checkTable(model, test, "class");
    }

    /**
     * A missing number the model does not impute has no answer: Soma's predict refuses the cell; the graph gives NaN
     * probabilities and an empty label rather than a class.
     */
    @Test
    void aNaNTheModelDoesNotImputeGivesNoLabel() throws Exception {
        float[][] test = rows(breastCancer("test.csv"));
        test[3][5] = Float.NaN;
        Model logistic = LogisticRegression.trainer().optimizer("lbfgs").l2(1e-3).fit(breastCancer("train.csv"));
        Model svm = SvmCalibration.fit(LinearSvm.trainer().optimizer("lbfgs").l2(1e-2).maxEpochs(100),
                breastCancer("train.csv"), 3, 0);
        for (Model model : List.of(logistic, svm)) {
            try (OnnxRunner runner = new OnnxRunner(OnnxExport.of(model))) {
                OnnxRunner.Outputs out = runner.runFeatures(test);
                assertEquals("", out.labels()[3], model.type());
                assertTrue(Float.isNaN(out.probabilities()[3][1]), model.type());
                assertTrue(!out.labels()[2].isEmpty() && !out.labels()[4].isEmpty(), model.type());
            }
        }
        float[][] digits = rows(digits("test.csv"));
        digits[0][10] = Float.NaN;
        MlpClassifier mlp = MlpClassifier.trainer(Architecture.hidden(8)).optimizer("adam", Options.of("learningRate", 0.01))
                .maxEpochs(3).fit(digits("train.csv"));
        try (OnnxRunner runner = new OnnxRunner(OnnxExport.of(mlp))) {
            OnnxRunner.Outputs out = runner.runFeatures(digits);
            assertEquals("", out.labels()[0]);
            assertEquals(mlp.predictions(new float[][] {digits[1]}, false).labels().getFirst(), out.labels()[1]);
        }
    }

    private Path withMissingNumbers(Path source, String name) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(source));
        List<String> header = Arrays.asList(lines.getFirst().split(","));
        int duration = header.indexOf("duration");
        int amount = header.indexOf("credit_amount");
        String[] spellings = {"", "NA", "?"};
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (i % 5 == 0) {
                cells[duration] = spellings[i % 3];
            }
            if (i % 7 == 0) {
                cells[amount] = spellings[(i + 1) % 3];
            }
            lines.set(i, String.join(",", cells));
        }
        return Files.write(dir.resolve(name), lines);
    }

    /** Soma's predictions for a CSV file of raw rows against ONNX Runtime's for the same cells. */
    private static void checkTable(Model model, Path file, String label) throws IOException, OrtException {
        List<String> columns = new ArrayList<>(model.encoding().columnNames());
        String[][] cells = TableReader.readText(file, columns, TableSpec.inferred());
        var encoder = model.encoding().bind(columns);
        float[][] encoded = new float[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            encoded[i] = encoder.encode(cells[i]);
        }
        Predictions soma = model.predictions(encoded, true);
        OnnxModel onnx = OnnxExport.of(model);
        assertEquals(columns, onnx.inputs().stream().map(TensorInfo::name).toList());
        try (OnnxRunner runner = new OnnxRunner(onnx)) {
            OnnxRunner.Outputs out = runner.runTable(model.encoding(), columns, cells);
            if (model.hasProbabilities()) {
                assertSameClassifications(soma, out);
            } else {
                assertEquals(soma.labels(), List.of(out.labels()));
                float[] scores = out.vector("score");
                for (int i = 0; i < cells.length; i++) {
                    assertEquals(soma.values()[i][1], scores[i], TOLERANCE * Math.max(1, Math.abs(scores[i])), "row " + i);
                }
            }
        }
    }

    /** Identical labels; each class's probability within 1e-5 of Soma's ({@code p_<class>} or logistic's p1). */
    private static void assertSameClassifications(Predictions soma, OnnxRunner.Outputs onnx) {
        assertEquals(soma.labels(), List.of(onnx.labels()));
        float[][] p = onnx.probabilities();
        assertEquals(soma.values().length, p.length);
        for (int i = 0; i < p.length; i++) {
            float[] expected = soma.values()[i];
            if (expected.length == 2 && p[i].length == 2) {
                // logistic regression: prediction, p(class 1)
                assertArrayEquals(new float[] {1 - expected[1], expected[1]}, p[i], (float) TOLERANCE, "row " + i);
            } else {
                assertArrayEquals(Arrays.copyOfRange(expected, 1, expected.length), p[i], (float) TOLERANCE, "row " + i);
            }
        }
    }
}
