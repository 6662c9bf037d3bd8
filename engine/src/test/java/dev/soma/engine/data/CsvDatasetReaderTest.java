package dev.soma.engine.data;

import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvDatasetReaderTest {

    private static Dataset read(String csv) throws IOException {
        return CsvDatasetReader.withLabelColumn(null).read(new StringReader(csv), "data.csv");
    }

    private static DataFormatException failure(String csv) {
        return assertThrows(DataFormatException.class, () -> read(csv));
    }

    @Test
    void readsFeaturesRowMajorAndTheLastColumnAsLabel() throws IOException {
        Dataset data = read("a,b,label\n1,2,0\n3.5,-4e2,1\n");
        assertEquals(2, data.size());
        assertEquals(2, data.dimension());
        assertEquals(List.of("a", "b"), data.featureNames());
        assertEquals("label", data.labelName());
        assertArrayEquals(new float[] {1, 2, 3.5f, -400}, data.featureArray());
        assertArrayEquals(new float[] {0, 1}, data.labels());
        assertEquals("data.csv line 3 (row 1)", data.describeRow(1));
    }

    @Test
    void theLabelColumnCanBeChosenByName() throws IOException {
        Dataset data = CsvDatasetReader.withLabelColumn("y").read(new StringReader("y,a,b\n1,2,3\n"), "f.csv");
        assertEquals(List.of("a", "b"), data.featureNames());
        assertArrayEquals(new float[] {2, 3}, data.row(0));
        assertEquals(1f, data.label(0));
    }

    @Test
    void toleratesByteOrderMarkCrlfQuotesSpacesAndBlankLines() throws IOException {
        Dataset data = read("\uFEFF\"a\", b ,label\r\n\"1.5\", 2 ,1\r\n\r\n3,4,0\r\n");
        assertEquals(List.of("a", "b"), data.featureNames());
        assertEquals(2, data.size());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4}, data.featureArray());
    }

    @Test
    void raggedRowNamesTheLine() {
        DataFormatException e = failure("a,b,label\n1,2,0\n1,2\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("data.csv line 3: the row has 2 fields, but the header has 3"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc       | not a number",
        "NaN       | not a finite number",
        "nan       | not a finite number",
        "Infinity  | not a finite number",
        "-Infinity | not a finite number",
        "1e39      | beyond the float range",
        "1f        | not a decimal number",
        "0x1p3     | not a decimal number",
    })
    void badCellsNameLineColumnAndValue(String cell, String problem) {
        DataFormatException e = failure("a,b,label\n1,2,0\n3," + cell + ",1\n");
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().startsWith("data.csv line 3, column 2: 'b' is '" + cell + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void anEmptyCellIsAnError() {
        DataFormatException e = failure("a,b,label\n1,,0\n");
        assertTrue(e.getMessage().contains("line 2, column 2: 'b' is empty"), e.getMessage());
    }

    @Test
    void wordsInTheLabelColumnAreTextClassesInSortedOrder() throws IOException {
        Dataset data = read("a,label\n1,yes\n2,no\n3,yes\n");
        assertEquals(java.util.List.of("no", "yes"), data.labelClasses());
        assertArrayEquals(new float[] {1, 0, 1}, data.labels());
        Dataset booleans = read("a,label\n1,True\n2,False\n");
        assertEquals(java.util.List.of("False", "True"), booleans.labelClasses());
        assertArrayEquals(new float[] {1, 0}, booleans.labels());
        Dataset mixed = read("a,label\n1,1\n2,setosa\n");
        assertEquals(java.util.List.of("1", "setosa"), mixed.labelClasses(), "once a label is a word, all are text");
        assertTrue(read("a,label\n1,0\n2,1\n").labelClasses().isEmpty(), "numbers stay numbers");
    }

    @Test
    void aLabelThatIsNeitherANumberNorAWordIsStillAnError() {
        for (String cell : new String[] {"NaN", "inf", "-Infinity", "1e39", "0x1F", "#1", ""}) {
            DataFormatException e = failure("a,label\n1,0\n2," + cell + "\n");
            assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("'label'"), cell + ": " + e.getMessage());
        }
    }

    @Test
    void emptyFileAndHeaderOnlyAreErrors() {
        assertTrue(failure("").getMessage().contains("the file is empty"));
        assertTrue(failure("a,b,label\n").getMessage().contains("has a header but no data rows"));
    }

    @Test
    void aHeaderWithOnlyTheLabelHasNoFeatures() {
        assertTrue(failure("label\n1\n").getMessage().contains("there are no features"));
    }

    @Test
    void duplicateColumnNamesAreAnError() {
        DataFormatException e = failure("a,a,label\n1,2,0\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void aMissingLabelColumnListsTheColumns() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.withLabelColumn("target").read(new StringReader("a,b\n1,2\n"), "x.csv"));
        assertTrue(e.getMessage().contains("there is no label column 'target'; the columns are [a, b]"), e.getMessage());
    }

    @Test
    void anUnclosedQuoteIsReportedNotSwallowed() {
        DataFormatException e = failure("a,label\n\"1,0\n");
        assertTrue(e.getMessage().contains("data.csv"), e.getMessage());
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> Dataset.readCsv(dir.resolve("nope.csv")));
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.csv");
        Files.writeString(file, "x,label\n1,1\n2,0\n");
        Dataset data = Dataset.readCsv(file);
        assertEquals("small.csv", data.source());
        assertEquals(2, data.size());
    }

    @Test
    void theColumnLayoutReadsOneFeaturePerRow(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("columns.csv");
        Files.writeString(file, "feature,e1,e2,e3\nheight,1,2,3\nweight,4,5,6\nlabel,0,1,1\n");
        Dataset data = CsvDatasetReader.readColumnLayout(file, null);
        assertEquals(3, data.size());
        assertEquals(List.of("height", "weight"), data.featureNames());
        assertArrayEquals(new float[] {2, 5}, data.row(1));
        assertArrayEquals(new float[] {0, 1, 1}, data.labels());
        Files.writeString(file, "feature,e1,e2\nheight,1,x\nlabel,0,1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvDatasetReader.readColumnLayout(file, null));
        assertTrue(e.getMessage().startsWith("columns.csv line 2, column 3: 'height' is 'x'"), e.getMessage());
        Files.writeString(file, "feature,e1\nheight,1\nlabel,0\n");
        assertTrue(assertThrows(DataFormatException.class, () -> CsvDatasetReader.readColumnLayout(file, "target"))
                .getMessage().contains("there is no label row 'target'"));
    }

    @Test
    void predictionReadsTheModelsColumnsByName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("new.csv");
        Files.writeString(file, "id,b,a\n7,2,1\n8,4,3\n");
        float[][] rows = CsvDatasetReader.readFeatures(file, List.of("a", "b"));
        assertArrayEquals(new float[] {1, 2}, rows[0]);
        assertArrayEquals(new float[] {3, 4}, rows[1]);
        assertTrue(assertThrows(DataFormatException.class, () -> CsvDatasetReader.readFeatures(file, List.of("a", "c")))
                .getMessage().contains("the model needs the columns [c]"));
    }

    @Test
    void dataLargerThanTheHeapFailsEarlyNamingTheSizeNeeded() {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i).append(',').append(i).append(",1\n");
        }
        MemoryBudget tiny = new MemoryBudget(() -> 20_000); // 20 kB "free"
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.withBudget(null, tiny).read(new StringReader(csv.toString()), "big.csv"));
        assertTrue(e.getMessage().startsWith("big.csv: the data does not fit in the heap"), e.getMessage());
        assertTrue(e.getMessage().contains("start java with a larger -Xmx"), e.getMessage());
    }

    @Test
    void readsTheBundledBreastCancerSplit() throws IOException {
        Dataset train = TestData.breastCancerTrain();
        assertEquals(456, train.size());
        assertEquals(30, train.dimension());
        assertEquals("mean_radius", train.featureNames().get(0));
        assertEquals(17.99f, train.feature(0, 0));
        assertEquals(0f, train.label(0));
    }
}
