package dev.soma.engine.table;

import static dev.soma.engine.table.Tables.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.Predictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw rows for a trained encoding: bound layouts, unseen levels, records by name, prediction on raw rows. */
class RecordEncoderTest {

    @TempDir
    Path dir;

    private Dataset train;
    private TableEncoding encoding;

    @BeforeEach
    void readTraining() throws IOException {
        Path file = write(dir, "train.csv",
                "id,age,color,income,y",
                "1,30,red,100,yes",
                "2,41,blue,,no",
                "3,25,,80,yes",
                "4,52,green,120,no",
                "5,38,red,95,yes",
                "6,47,blue,70,no");
        train = TableReader.read(file, TableSpec.builder().ignore("id").impute(Impute.MEAN).missingIndicator(true)
                .build());
        encoding = train.encoding().orElseThrow();
        assertEquals(List.of("age", "color=blue", "color=green", "color=red", "color=<missing>", "income",
                "income=<missing>"), encoding.featureNames());
    }

    @Test
    void aBoundLayoutEncodesAsTrainingDid() {
        RecordEncoder encoder = encoding.bind(List.of("age", "color", "income"));
        assertArrayEquals(train.row(0), encoder.encode("30", "red", "100"), 0f);
        assertArrayEquals(train.row(1), encoder.encode("41", "blue", ""), 0f, "imputed with the training mean");
        assertArrayEquals(train.row(2), encoder.encode("25", "NA", "80"), 0f, "a missing level");
        assertEquals(0, encoder.unknownCells());
        assertEquals(93f, encoder.encode("41", "blue", "?")[5], 0f, "the mean of 100, 80, 120, 95, 70");
    }

    @Test
    void anUnseenLevelEncodesAsZerosAndIsCounted() {
        RecordEncoder encoder = encoding.bind(List.of("color", "age", "income"));
        float[] row = encoder.encode("purple", "30", "100");
        assertArrayEquals(new float[] {30, 0, 0, 0, 0, 100, 0}, row, 0f);
        encoder.encode("purple", "31", "100");
        encoder.encode("red", "31", "100");
        assertEquals(2, encoder.unknownCells());
        assertEquals(Map.of("color", 2L), encoder.unknownByColumn());
    }

    @Test
    void unseenLevelsInAFileAreCountedOrRefusedNamingLineColumnAndLevel() throws IOException {
        Path file = write(dir, "score.csv", "age,color,income", "30,red,100", "31,purple,90", "32,teal,90",
                "33,purple,90");
        EncodedTable rows = TableReader.readRows(file, encoding, TableSpec.inferred(), UnknownLevels.ZEROS);
        assertEquals(4, rows.rows());
        assertEquals(3, rows.unknownCells());
        assertEquals(Map.of("color", 3L), rows.unknownByColumn());
        assertTrue(rows.unknownLevelsNote().startsWith("3 cells had levels not seen in training"), rows.unknownLevelsNote());

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReader.readRows(file, encoding, TableSpec.inferred(), UnknownLevels.ERROR));
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().startsWith("score.csv line 3, column 2: 'color' is 'purple'"), e.getMessage());
    }

    @Test
    void aReorderedFileWithExtraColumnsGivesTheSameFeatures() throws IOException {
        Path file = write(dir, "reordered.csv",
                "note,income,y,color,extra,age",
                "a,100,yes,red,x,30",
                "b,,no,blue,x,41",
                "c,80,yes,,x,25",
                "d,120,no,green,x,52",
                "e,95,yes,red,x,38",
                "f,70,no,blue,x,47");
        EncodedTable rows = TableReader.readRows(file, encoding, TableSpec.inferred(), UnknownLevels.ERROR);
        assertArrayEquals(train.featureArray(), rows.features(), 0f);
        EncodedTable labelled = TableReader.readLabelled(file, encoding, "y", true, TableSpec.inferred(),
                UnknownLevels.ERROR);
        assertArrayEquals(train.labels(), labelled.labelled().labels(), 0f);
        assertEquals(train.labelClasses(), labelled.labelled().labelClasses());
        RecordEncoder encoder = encoding.bind(List.of("note", "income", "color", "age"));
        assertArrayEquals(train.row(3), encoder.encode("d", "120", "green", "52"), 0f);
    }

    @Test
    void aTestFileWithOneClassIsScoredByClassNameNotByPosition() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(0.1).maxEpochs(100).fit(train);
        Path file = write(dir, "no.csv", "age,color,income,y", "41,blue,70,no", "52,green,120,no");
        EncodedTable test = TableReader.readLabelled(file, encoding, "y", true, TableSpec.inferred(),
                UnknownLevels.ERROR);
        assertEquals(List.of("no"), test.labelled().labelClasses());
        List<String> predicted = model.predictions(test.rowArrays(), false).labels();
        double expected = predicted.stream().filter("no"::equals).count() / 2.0;
        assertEquals(expected, ((dev.soma.engine.metrics.ClassificationReport) model.report(test.labelled())).accuracy(),
                1e-12, predicted.toString());
    }

    @Test
    void aLayoutWithoutAColumnOfTheModelIsRefused() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> encoding.bind(List.of("age", "income")));
        assertTrue(e.getMessage().contains("[color]"), e.getMessage());
        RecordEncoder encoder = encoding.bind(List.of("age", "color", "income"));
        assertThrows(DataFormatException.class, () -> encoder.encode("30", "red"), "too few cells");
        assertEquals(38.833332f, encoder.encode("", "red", "1")[0], 0f,
                "trained with an impute strategy, every numeric column fills a missing cell with its statistic");
        TableEncoding strict = new TableEncoding(List.of(new ColumnEncoding.Numeric("age", Double.NaN, false),
                new ColumnEncoding.Categorical("color", List.of("red"))), TableSpec.DEFAULT_NA_VALUES, List.of());
        DataFormatException missing = assertThrows(DataFormatException.class,
                () -> strict.bind(List.of("color", "age")).encode("red", "NA"));
        assertTrue(missing.getMessage().startsWith("record column 2: 'age' is 'NA'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("train with --impute"), missing.getMessage());
    }

    @Test
    void predictionsOnAMapEqualPredictionsOnTheEncodedRow() {
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(0.1).maxEpochs(100).fit(train);
        assertEquals(encoding, model.encoding());
        Map<String, String> record = Map.of("age", "44", "color", "green", "income", "", "ignored", "zzz");
        Predictions fromMap = model.predictions(record, true);
        float[] encoded = encoding.bind(List.of("age", "color", "income")).encode("44", "green", "");
        Predictions fromRow = model.predictions(new float[][] {encoded}, true);
        assertEquals(fromRow.columns(), fromMap.columns());
        assertArrayEquals(fromRow.values()[0], fromMap.values()[0], 0f);
        assertEquals(fromRow.labels(), fromMap.labels());
        assertArrayEquals(encoded, encoding.encode(record), 0f);

        Map<String, String> lacking = new HashMap<>(record);
        lacking.remove("color");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predictions(lacking, true));
        assertTrue(e.getMessage().contains("[color]"), e.getMessage());
        assertTrue(e.getMessage().contains("[age, color, income]"), e.getMessage());
    }
}
