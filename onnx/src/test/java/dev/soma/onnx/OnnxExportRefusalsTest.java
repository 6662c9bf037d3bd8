package dev.soma.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.Model;
import dev.soma.engine.table.TableReader;
import dev.soma.engine.table.TableSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What cannot be exported says why and writes nothing; the metadata; and the README's ONNX Runtime snippet, run as
 * written.
 */
class OnnxExportRefusalsTest {

    @TempDir
    Path dir;

    @Test
    void aHashedModelIsRefusedWithTheReasonAndNoFile() throws Exception {
        Model model = LogisticRegression.trainer().optimizer("lbfgs").maxEpochs(50).fit(TableReader.read(
                Datasets.file("credit_g", "train.csv"),
                TableSpec.builder().label("class").categorical("purpose").hashBits(8).build()));
        Path file = dir.resolve("hashed.onnx");
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExport.write(model, file));
        assertTrue(e.getMessage().contains("hashes the columns"), e.getMessage());
        assertTrue(e.getMessage().contains("purpose"), e.getMessage());
        assertTrue(e.getMessage().contains("no such hash"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aColumnNamedLikeAnOutputIsRefusedByName() throws Exception {
        StringBuilder csv = new StringBuilder("x,label,target\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append(i % 3 == 0 ? "red" : "blue").append(',').append(i % 2).append('\n');
        }
        Path table = Files.writeString(dir.resolve("t.csv"), csv);
        Model model = LogisticRegression.trainer().optimizer("lbfgs").maxEpochs(20)
                .fit(TableReader.read(table, TableSpec.builder().label("target").build()));
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExport.of(model));
        assertTrue(e.getMessage().contains("'label'"), e.getMessage());
        assertTrue(e.getMessage().contains("rename the table column"), e.getMessage());
    }

    @Test
    void theMetadataNamesTheVersionFeaturesClassesAndTraining() throws Exception {
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(1e-3)
                .fit(CsvDatasetReader.withLabelColumn("label").read(Datasets.file("breast_cancer", "train.csv")));
        try (OnnxRunner runner = new OnnxRunner(OnnxExport.of(model))) {
            var meta = runner.session().getMetadata();
            Map<String, String> props = meta.getCustomMetadata();
            assertEquals("Soma", meta.getProducerName());
            assertEquals("logistic-regression", props.get("soma.type"));
            assertEquals("label", props.get("soma.label"));
            assertEquals("[\"0\",\"1\"]", props.get("soma.classes"));
            assertTrue(props.get("soma.feature_names").startsWith("[\"mean_radius\",\"mean_texture\""));
            assertTrue(props.get("soma.training").contains("\"optimizer\":\"lbfgs\""), props.get("soma.training"));
            assertTrue(props.get("soma.preprocessing").contains("folded into the weights"));
            assertTrue(props.containsKey("soma.version"));
        }
    }

    @Test
    void theReadmeSnippetRunsAsWritten() throws Exception {
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(1e-3)
                .fit(CsvDatasetReader.withLabelColumn("label").read(Datasets.file("breast_cancer", "train.csv")));
        Path path = dir.resolve("model.onnx");
        OnnxExport.write(model, path);
        float[][] rows = {CsvDatasetReader.withLabelColumn("label").read(Datasets.file("breast_cancer", "test.csv")).row(0)};
        String[] labels;
        float[][] probabilities;
        // README "Export to ONNX", with the file's path for "model.onnx":
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(path.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, rows);               // float[n][30], the raw features
             OrtSession.Result result = session.run(Map.of("features", x))) {
            labels = (String[]) result.get("label").orElseThrow().getValue();
            probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
        }
        var soma = model.predictions(rows, true);
        assertEquals(soma.labels().getFirst(), labels[0]);
        assertEquals(soma.values()[0][1], probabilities[0][1], 1e-5);
    }
}
