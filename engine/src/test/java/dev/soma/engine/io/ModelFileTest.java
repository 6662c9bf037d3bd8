package dev.soma.engine.io;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading gives a model that predicts bit for bit as the saved one; damage is detected and named. */
class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void aLogisticRegressionRoundTrips() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(0.01).maxEpochs(50)
                .fit(TestData.breastCancerTrain());
        Path file = dir.resolve("logistic.json");
        ModelFile.save(model, file);
        LogisticRegression loaded = ModelFile.load(file, LogisticRegression.class);
        assertArrayEquals(model.weights(), loaded.weights(), 0f);
        assertEquals(model.bias(), loaded.bias(), 0f);
        Dataset test = TestData.breastCancerTest();
        assertArrayEquals(model.predictProbability(test), loaded.predictProbability(test), 0f);
        assertEquals(model.featureNames(), loaded.featureNames());
        assertArrayEquals(model.standardizer().means(), loaded.standardizer().means(), 0);
        assertEquals(model.summary().optimizer(), loaded.summary().optimizer());
        assertEquals(model.summary().epochs(), loaded.summary().epochs());
        assertEquals(model.summary().kernels(), loaded.summary().kernels());
        String json = Files.readString(file);
        assertTrue(json.contains("\"format\" : \"soma-model\""), json.substring(0, 200));
        assertTrue(json.contains("\"checksum\" : \"sha256:"));
    }

    @Test
    void linearModelsAndAnMlpRoundTrip() throws IOException {
        Dataset data = TestData.linear(200, new float[] {1.5f, -0.25f}, 0.3f, 0.1, 3);
        LinearRegression linear = LinearRegression.trainer().optimizer("lbfgs").fit(data);
        ModelFile.save(linear, dir.resolve("linear.json"));
        LinearRegression linearBack = ModelFile.load(dir.resolve("linear.json"), LinearRegression.class);
        assertArrayEquals(linear.predict(data), linearBack.predict(data), 0f);

        LinearSvm svm = LinearSvm.trainer().optimizer("lbfgs").l2(0.01).maxEpochs(50).fit(TestData.breastCancerTrain());
        ModelFile.save(svm, dir.resolve("svm.json"));
        assertArrayEquals(svm.predict(TestData.breastCancerTest()),
                ModelFile.load(dir.resolve("svm.json"), LinearSvm.class).predict(TestData.breastCancerTest()));

        MlpClassifier mlp = MlpClassifier.trainer(Architecture.hidden(16, 8).activation(Activation.RELU))
                .optimizer("adam", Options.of("learningRate", 0.01)).maxEpochs(5).seed(2).fit(TestData.digitsTrain());
        ModelFile.save(mlp, dir.resolve("mlp.json"));
        MlpClassifier mlpBack = ModelFile.load(dir.resolve("mlp.json"), MlpClassifier.class);
        assertEquals("0.01", mlpBack.summary().optimizerOptions().get("learningRate"), "the training options are kept");
        assertEquals(mlp.architecture(), mlpBack.architecture());
        assertArrayEquals(mlp.classes(), mlpBack.classes(), 0f);
        assertArrayEquals(mlp.parameters(), mlpBack.parameters(), 0f);
        Dataset test = TestData.digitsTest();
        float[][] before = mlp.predictProbabilities(test);
        float[][] after = mlpBack.predictProbabilities(test);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0f, "example " + i);
        }
    }

    @Test
    void aChangedFileFailsItsChecksum() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().maxEpochs(5).fit(TestData.breastCancerTrain());
        Path file = dir.resolve("m.json");
        ModelFile.save(model, file);
        String json = Files.readString(file);
        String tampered = json.replaceFirst("\"bias\" : ([-0-9.E]+)", "\"bias\" : 42.0");
        assertTrue(!tampered.equals(json));
        Files.writeString(file, tampered);
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
    }

    @Test
    void otherFilesAreNamedForWhatTheyAre() throws IOException {
        Path notJson = dir.resolve("a.json");
        Files.writeString(notJson, "{ \"format\": ");
        assertTrue(assertThrows(IOException.class, () -> ModelFile.load(notJson)).getMessage().contains("is not valid JSON"));
        Path other = dir.resolve("b.json");
        Files.writeString(other, "{\"hello\": 1}");
        assertTrue(assertThrows(IOException.class, () -> ModelFile.load(other)).getMessage().contains("is not a Soma model file"));
        Path onnx = Files.write(dir.resolve("m.onnx"), new byte[] {8, 8, 18, 4, 83, 111, 109, 97});
        String binary = assertThrows(IOException.class, () -> ModelFile.load(onnx)).getMessage();
        assertTrue(binary.contains("is not a Soma model file") && binary.contains("0x8")
                && binary.contains("an ONNX file is an export"), binary);
        Path empty = Files.write(dir.resolve("e.json"), new byte[0]);
        assertTrue(assertThrows(IOException.class, () -> ModelFile.load(empty)).getMessage().contains("is empty"));
        assertTrue(assertThrows(IOException.class, () -> ModelFile.load(dir)).getMessage().contains("is a folder"));
        Path future = dir.resolve("c.json");
        Files.writeString(future, "{\"format\": \"soma-model\", \"version\": 3, \"model\": {}}");
        assertTrue(assertThrows(IOException.class, () -> ModelFile.load(future)).getMessage()
                .contains("format version 3; this Soma reads versions 1 to 2"));
        LogisticRegression model = LogisticRegression.trainer().maxEpochs(2).fit(TestData.breastCancerTrain());
        Path file = dir.resolve("d.json");
        ModelFile.save(model, file);
        assertTrue(assertThrows(IOException.class, () -> ModelFile.load(file, MlpClassifier.class)).getMessage()
                .contains("holds a LogisticRegression, not a MlpClassifier"));
    }

    /**
     * The training time round-trips to the nanosecond, so a loaded model saves to the same bytes: about 2 % of
     * durations (1,000,001 ns among them) came back a nanosecond short when the seconds were truncated.
     */
    @Test
    void theTrainingTimeRoundTripsToTheNanosecond() throws IOException {
        long nanos = 1_000_001;
        assertTrue((long) (nanos / 1e9 * 1e9) != nanos, "a duration that truncation loses");
        var summary = new dev.soma.engine.train.TrainingSummary(3, dev.soma.engine.train.StopReason.MAX_EPOCHS, 0.5,
                0.5, 0.1, "log", "lbfgs", java.util.Map.of(), 1, 1, 0, 0, Double.NaN, 0, 3, "scalar", 1,
                java.time.Duration.ofNanos(nanos));
        LogisticRegression model = new LogisticRegression(new dev.soma.engine.model.LinearParameters(
                new float[] {1, 2}, 0.5f, java.util.List.of("a", "b")),
                dev.soma.engine.data.Standardizer.identity(2), summary);
        Path file = dir.resolve("timed.json");
        ModelFile.save(model, file);
        assertEquals(summary.elapsed(), ModelFile.load(file).summary().elapsed());
        ModelFile.save(ModelFile.load(file), dir.resolve("again.json"));
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("again.json")));
    }
}
