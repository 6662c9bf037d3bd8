package dev.soma.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.Model;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.table.ColumnEncoding;
import dev.soma.engine.table.EncodedTable;
import dev.soma.engine.table.Impute;
import dev.soma.engine.table.TableEncoding;
import dev.soma.engine.table.TableReader;
import dev.soma.engine.table.TableSpec;
import dev.soma.engine.table.UnknownLevels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model files of format 2 keep the table encoding; format 1 files read as plain numeric tables; damage is named. */
class TableModelFileTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path dir;

    private Path trainingTable() throws IOException {
        return Files.writeString(dir.resolve("train.csv"), String.join("\n",
                "id,age,job,region,income,y",
                "1,30,clerk,2,1000.5,good",
                "2,41,manager,10,,bad",
                "3,25,,2,800.25,good",
                "4,52,clerk,3,1200,bad",
                "5,38,manager,10,950,good",
                "6,47,N/A,3,NA,bad",
                "7,33,clerk,2,1010,good",
                "8,29,driver,3,700.125,bad") + "\n");
    }

    private Dataset train() throws IOException {
        return TableReader.read(trainingTable(), TableSpec.builder().label("y").ignore("id").categorical("region")
                .impute(Impute.MEDIAN).missingIndicator(true).build());
    }

    @Test
    void aTableModelRoundTripsWithItsEncodingAndPredictsTheSameBits() throws IOException {
        Dataset train = train();
        TableEncoding encoding = train.encoding().orElseThrow();
        assertEquals(List.of("age", "job=clerk", "job=driver", "job=manager", "job=<missing>", "region=2", "region=3",
                "region=10", "income", "income=<missing>"), encoding.featureNames());
        assertEquals(new ColumnEncoding.Numeric("income", 975.25, true), encoding.columns().get(3));
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(0.05).maxEpochs(200).fit(train);
        Path file = dir.resolve("model.json");
        ModelFile.save(model, file);
        assertTrue(Files.readString(file).contains("\"version\" : 2"));

        LogisticRegression back = ModelFile.load(file, LogisticRegression.class);
        assertEquals(encoding, back.encoding());
        assertEquals(model.encoding(), back.encoding());
        assertEquals(List.of("id"), back.encoding().ignored());
        assertEquals(model.featureNames(), back.featureNames());
        assertEquals(model.label(), back.label());
        assertArrayEquals(model.weights(), back.weights(), 0f);

        EncodedTable rows = TableReader.readRows(trainingTable(), back.encoding(), TableSpec.inferred(),
                UnknownLevels.ERROR);
        assertArrayEquals(train.featureArray(), rows.features(), 0f, "the loaded encoding reads the raw rows the same");
        float[][] a = model.predictions(rows.rowArrays(), true).values();
        float[][] b = back.predictions(rows.rowArrays(), true).values();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f, "row " + i);
        }
        var record = java.util.Map.of("age", "44", "job", "clerk", "region", "10", "income", "");
        assertEquals(model.predictions(record, true).labels(), back.predictions(record, true).labels());
        assertArrayEquals(model.predictions(record, true).values()[0], back.predictions(record, true).values()[0], 0f);
        // saved twice, the same bytes
        ModelFile.save(back, dir.resolve("again.json"));
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("again.json")));
    }

    @Test
    void anMlpKeepsItsEncodingAndAMeanThatIsNotAShortDecimal() throws IOException {
        Dataset train = TableReader.read(trainingTable(), TableSpec.builder().label("y").ignore("id")
                .impute(Impute.MEAN).build());
        double mean = (1000.5 + 800.25 + 1200 + 950 + 1010 + 700.125) / 6;
        assertEquals(new ColumnEncoding.Numeric("income", mean, false), train.encoding().orElseThrow().columns().get(3));
        MlpClassifier mlp = MlpClassifier.trainer(Architecture.hidden(4)).maxEpochs(3).seed(1).fit(train);
        ModelFile.save(mlp, dir.resolve("mlp.json"));
        Model back = ModelFile.load(dir.resolve("mlp.json"));
        assertEquals(train.encoding().orElseThrow(), back.encoding());
        assertEquals(mean, ((ColumnEncoding.Numeric) back.encoding().columns().get(3)).fill(), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "linear", "svm", "softmax", "mlp"})
    void aFormatOneFileReadsAPlainNumericTableOfItsFeatureNames(String name) throws IOException {
        Model model;
        try (InputStream in = getClass().getResourceAsStream("/model-files-v1/" + name + ".json")) {
            model = ModelFile.load(in);
        }
        assertEquals(TableEncoding.numeric(model.featureNames()), model.encoding());
        assertTrue(model.encoding().isPlainNumeric());
        // and it predicts a raw record by column name as it predicts the row
        List<String> names = model.featureNames();
        var record = new java.util.HashMap<String, String>();
        float[] row = new float[names.size()];
        for (int j = 0; j < row.length; j++) {
            row[j] = j * 0.25f;
            record.put(names.get(j), Float.toString(row[j]));
        }
        assertArrayEquals(model.predictions(new float[][] {row}, true).values()[0],
                model.predictions(record, true).values()[0], 0f);
    }

    /** A saved table model with its "table" changed by {@code damage}, re-signed so that it passes the checksum. */
    private Path resigned(Consumer<ObjectNode> damage) throws IOException {
        LogisticRegression model = LogisticRegression.trainer().maxEpochs(3).fit(train());
        Path file = dir.resolve("m.json");
        ModelFile.save(model, file);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode body = (ObjectNode) root.get("model");
        damage.accept((ObjectNode) body.get("table"));
        root.put("checksum", checksum(body));
        Files.write(file, JSON.writeValueAsBytes(root));
        return file;
    }

    private IOException loadDamaged(Consumer<ObjectNode> damage) throws IOException {
        Path file = resigned(damage);
        return assertThrows(IOException.class, () -> ModelFile.load(file));
    }

    private static String checksum(JsonNode body) throws IOException {
        JsonNode canonical = JSON.readTree(JSON.writeValueAsBytes(body));
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(canonical)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode column(ObjectNode table, int index) {
        return (ObjectNode) table.get("columns").get(index);
    }

    @Test
    void aResignedUndamagedFileLoads() throws IOException {
        assertEquals(train().encoding().orElseThrow(), ModelFile.load(resigned(table -> { })).encoding());
    }

    @Test
    void anUnknownColumnTypeIsNamed() throws IOException {
        IOException e = loadDamaged(table -> column(table, 1).put("type", "ordinal"));
        assertTrue(e.getMessage().contains("\"table\".\"columns\"[1] has the unknown type 'ordinal'"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("m.json").toString()), e.getMessage());
    }

    @Test
    void levelsThatAreNotTextAreNamed() throws IOException {
        IOException e = loadDamaged(table -> {
            ArrayNode levels = (ArrayNode) column(table, 2).get("levels");
            levels.removeAll();
            levels.add(2).add(3).add(10);
        });
        assertTrue(e.getMessage().contains("\"table\".\"columns\"[2].\"levels\" holds 2, not text"), e.getMessage());
    }

    @Test
    void columnsThatDoNotMakeTheFeatureNamesAreNamed() throws IOException {
        IOException renamed = loadDamaged(table -> ((ArrayNode) column(table, 1).get("levels")).set(0, "cashier"));
        assertTrue(renamed.getMessage().contains("job=cashier"), renamed.getMessage());
        assertTrue(renamed.getMessage().contains("not the model's"), renamed.getMessage());
        IOException dropped = loadDamaged(table -> ((ArrayNode) table.get("columns")).remove(0));
        assertTrue(dropped.getMessage().contains("not the model's"), dropped.getMessage());
        IOException noIndicator = loadDamaged(table -> column(table, 3).put("indicator", false));
        assertTrue(noIndicator.getMessage().contains("not the model's"), noIndicator.getMessage());
    }

    @Test
    void otherDamageToTheTableIsNamed() throws IOException {
        assertTrue(loadDamaged(table -> column(table, 3).put("impute", "975.25")).getMessage()
                .contains("\"impute\" is not a number"));
        assertTrue(loadDamaged(table -> column(table, 0).remove("name")).getMessage()
                .contains("\"table\".\"columns\"[0] has no text \"name\""));
        assertTrue(loadDamaged(table -> table.remove("naValues")).getMessage()
                .contains("has no array \"naValues\""));
        assertTrue(loadDamaged(table -> ((ArrayNode) column(table, 1).get("levels")).add("clerk")).getMessage()
                .contains("the level 'clerk' twice"));
    }
}
