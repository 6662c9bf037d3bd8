package dev.soma.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.Model;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of format version 1, written by the command line before the engine was split into packages
 * (src/test/resources/model-files-v1, one per model type), keep loading as the same kind of model, and the stream
 * API reads and writes exactly the bytes of the file API.
 */
class ModelFileCompatibilityTest {

    private static final Map<String, Class<? extends Model>> TYPES = Map.of(
            "logistic", LogisticRegression.class, "linear", LinearRegression.class, "svm", LinearSvm.class,
            "softmax", MlpClassifier.class, "mlp", MlpClassifier.class);

    private static Model fixture(String name) throws IOException {
        try (InputStream in = ModelFileCompatibilityTest.class.getResourceAsStream("/model-files-v1/" + name + ".json")) {
            return ModelFile.load(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "linear", "svm", "softmax", "mlp"})
    void versionOneFilesLoadAsTheirModelType(String name) throws IOException {
        Model model = fixture(name);
        assertInstanceOf(TYPES.get(name), model);
        assertEquals(name.equals("linear") ? 30 : name.equals("svm") || name.equals("logistic") ? 30 : 64,
                model.featureNames().size());
        assertEquals(5, model.summary().epochs(), "the fixtures were trained for 5 epochs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "linear", "svm", "softmax", "mlp"})
    void theStreamApiWritesTheBytesOfTheFileApiAndReadsThemBack(String name, @TempDir Path dir) throws IOException {
        Model model = fixture(name);
        Path file = dir.resolve("m.json");
        ModelFile.save(model, file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.save(model, out);
        assertArrayEquals(Files.readAllBytes(file), out.toByteArray());

        Model back = ModelFile.load(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(model.type(), back.type());
        float[][] rows = {new float[model.featureNames().size()]};
        assertArrayEquals(model.predictions(rows, true).values()[0], back.predictions(rows, true).values()[0]);
    }

    @Test
    void aDamagedStreamIsNamedInTheMessage() {
        byte[] notJson = "{\"format\": \"soma-model\", \"version\": 1, \"model\": ".getBytes();
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(new ByteArrayInputStream(notJson)));
        assertTrue(e.getMessage().startsWith("the model stream is not valid JSON"), e.getMessage());
    }
}
