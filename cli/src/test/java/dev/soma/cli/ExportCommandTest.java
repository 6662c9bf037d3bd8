package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soma export}: a model trained by {@code soma train} becomes an ONNX file that ONNX Runtime runs with the
 * labels {@code soma predict} prints; what the command prints; and the errors a user can make.
 */
class ExportCommandTest {

    @TempDir
    Path dir;

    private static ColumnPolicyTest.Run run(String... args) {
        return ColumnPolicyTest.run(args);
    }

    @Test
    void exportsATrainedModelThatOnnxRuntimeRunsWithSomasLabels() throws Exception {
        Path model = dir.resolve("model.json");
        Path onnx = dir.resolve("model.onnx");
        assertEquals(0, run("train", "--data", "datasets/breast_cancer/train.csv", "--l2", "0.002", "--out",
                model.toString()).exit());
        ColumnPolicyTest.Run export = run("export", "--model", model.toString(), "--format", "onnx", "--out",
                onnx.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("features: float[N, 30]"), export.out());
        assertTrue(export.out().contains("label: string[N]"), export.out());
        assertTrue(export.out().contains("probabilities: float[N, 2]"), export.out());

        ColumnPolicyTest.Run predict = run("predict", "--model", model.toString(), "--data",
                "datasets/breast_cancer/test.csv");
        assertEquals(0, predict.exit(), predict.err());
        List<String> somaLabels = predict.out().lines().skip(1).map(line -> line.split(",")[0]).toList();

        List<String> lines = Files.readAllLines(Path.of("datasets/breast_cancer/test.csv"));
        float[][] rows = new float[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            rows[i - 1] = new float[cells.length - 1];
            for (int j = 0; j < cells.length - 1; j++) {
                rows[i - 1][j] = Float.parseFloat(cells[j]);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, rows);
             OrtSession.Result result = session.run(Map.of("features", x))) {
            String[] labels = (String[]) result.get("label").orElseThrow().getValue();
            assertEquals(somaLabels, Arrays.asList(labels));
            Map<String, String> metadata = session.getMetadata().getCustomMetadata();
            assertEquals("logistic-regression", metadata.get("soma.type"));
            assertTrue(metadata.get("soma.feature_names").startsWith("[\"mean_radius\""), metadata.toString());
            assertEquals("[\"0\",\"1\"]", metadata.get("soma.classes"));
            assertTrue(metadata.get("soma.training").contains("\"optimizer\""), metadata.get("soma.training"));
            assertEquals("Soma", session.getMetadata().getProducerName());
        }
    }

    @Test
    void aTableModelTakesOneNamedInputPerColumn() throws Exception {
        Path model = dir.resolve("credit.json");
        Path onnx = dir.resolve("credit.onnx");
        assertEquals(0, run("train", "--data", "datasets/credit_g/train.csv", "--label", "class", "--optimizer",
                "lbfgs", "--out", model.toString()).exit());
        ColumnPolicyTest.Run export = run("export", "--model", model.toString(), "--out", onnx.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("checking_status: string[N, 1]"), export.out());
        assertTrue(export.out().contains("duration: float[N, 1]"), export.out());
        assertFalse(export.out().contains("class:"), export.out());

        ColumnPolicyTest.Run predict = run("predict", "--model", model.toString(), "--data",
                "datasets/credit_g/test.csv");
        List<String> somaLabels = predict.out().lines().skip(1).map(line -> line.split(",")[0]).toList();
        List<String> lines = Files.readAllLines(Path.of("datasets/credit_g/test.csv"));
        List<String> header = List.of(lines.getFirst().split(","));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            List<OnnxTensor> tensors = new ArrayList<>();
            Map<String, OnnxTensor> inputs = new java.util.HashMap<>();
            int n = lines.size() - 1;
            for (String column : session.getInputNames()) {
                int c = header.indexOf(column);
                boolean text = session.getInputInfo().get(column).getInfo().toString().contains("STRING");
                String[] strings = new String[n];
                float[][] numbers = new float[n][1];
                for (int i = 0; i < n; i++) {
                    String cell = lines.get(i + 1).split(",", -1)[c];
                    strings[i] = cell;
                    numbers[i][0] = text ? 0 : Float.parseFloat(cell);
                }
                OnnxTensor t = text ? OnnxTensor.createTensor(env, strings, new long[] {n, 1})
                        : OnnxTensor.createTensor(env, numbers);
                tensors.add(t);
                inputs.put(column, t);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                String[] labels = (String[]) result.get("label").orElseThrow().getValue();
                assertEquals(somaLabels, Arrays.asList(labels));
                float[][] p = (float[][]) result.get("probabilities").orElseThrow().getValue();
                for (float[] row : p) {
                    assertEquals(1f, row[0] + row[1], 1e-6f);
                }
            } finally {
                tensors.forEach(OnnxTensor::close);
            }
        }
    }

    @Test
    void aHashedModelCannotBeExportedAndNothingIsWritten() {
        Path model = dir.resolve("hashed.json");
        Path onnx = dir.resolve("hashed.onnx");
        assertEquals(0, run("train", "--data", "datasets/credit_g/train.csv", "--label", "class", "--hash", "10",
                "--categorical", "purpose", "--out", model.toString()).exit());
        ColumnPolicyTest.Run export = run("export", "--model", model.toString(), "--out", onnx.toString());
        assertEquals(1, export.exit());
        assertTrue(export.err().contains("soma export: the model hashes the columns"), export.err());
        assertTrue(export.err().contains("train without --hash"), export.err());
        assertFalse(Files.exists(onnx));
    }

    @Test
    void badInvocationsSayWhatIsWrong() throws Exception {
        ColumnPolicyTest.Run missing = run("export", "--model", dir.resolve("none.json").toString(), "--out",
                dir.resolve("x.onnx").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());

        ColumnPolicyTest.Run format = run("export", "--model", "m.json", "--format", "pmml", "--out", "x");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("--format"), format.err());
        assertTrue(format.err().contains("onnx"), format.err());

        Path notAModel = Files.writeString(dir.resolve("data.json"), "{\"rows\": [1, 2]}");
        ColumnPolicyTest.Run bad = run("export", "--model", notAModel.toString(), "--out", dir.resolve("y.onnx").toString());
        assertEquals(1, bad.exit());
        assertFalse(Files.exists(dir.resolve("y.onnx")));

        ColumnPolicyTest.Run noOut = run("export", "--model", notAModel.toString());
        assertEquals(2, noOut.exit());
        assertTrue(noOut.err().contains("--out"), noOut.err());
    }
}
