package dev.soma.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading only the columns (or, in the column layout, the rows) a model needs, and others as text. */
class CsvColumnSelectionTest {

    @TempDir
    Path dir;

    private Path file(String name, String csv) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void labelledDataIsReadByNameIgnoringOtherColumnsEvenText() throws IOException {
        Path file = file("eval.csv", "name,b,y,a\nann,2,1,1\nbob,4,0,3\n");
        Dataset data = CsvDatasetReader.withLabelColumn("y").read(file, List.of("a", "b"));
        assertEquals(List.of("a", "b"), data.featureNames());
        assertEquals("y", data.labelName());
        assertArrayEquals(new float[] {1, 2}, data.row(0));
        assertArrayEquals(new float[] {3, 4}, data.row(1));
        assertArrayEquals(new float[] {1, 0}, data.labels());
        assertEquals("eval.csv line 3 (row 1)", data.describeRow(1));
        // The same file read whole fails on the text column.
        assertThrows(DataFormatException.class, () -> CsvDatasetReader.withLabelColumn("y").read(file));
    }

    @Test
    void aMissingFeatureOrALabelThatIsAFeatureIsNamed() throws IOException {
        Path file = file("eval.csv", "a,b,y\n1,2,1\n");
        String missing = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.withLabelColumn("y").read(file, List.of("a", "c"))).getMessage();
        assertTrue(missing.contains("the model needs the columns [c]") && missing.contains("[a, b, y]"), missing);
        // Without a label name the last column is the label; here it is one of the model's features.
        String clash = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.withLabelColumn(null).read(file, List.of("a", "y"))).getMessage();
        assertTrue(clash.contains("the label column 'y' is also one of the features"), clash);
    }

    @Test
    void textColumnsAreReadAsWritten() throws IOException {
        Path file = file("new.csv", "id,x,name\n007,1.5,\"Doe, Jane\"\n8,2,bob\n");
        String[][] rows = CsvDatasetReader.readText(file, List.of("name", "id"));
        assertArrayEquals(new String[] {"Doe, Jane", "007"}, rows[0]);
        assertArrayEquals(new String[] {"bob", "8"}, rows[1]);
        String message = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.readText(file, List.of("id", "nmae"))).getMessage();
        assertTrue(message.contains("there is no column [nmae]; the columns are [id, x, name]"), message);
    }

    @Test
    void theColumnLayoutReadsNamedRowsAndIgnoresOthers() throws IOException {
        Path file = file("columns.csv", "feature,e1,e2\nname,ann,bob\nb,2,4\na,1,3\nlabel,1,0\n");
        Dataset data = CsvDatasetReader.readColumnLayout(file, null, List.of("a", "b"));
        assertEquals(List.of("a", "b"), data.featureNames());
        assertArrayEquals(new float[] {1, 2}, data.row(0));
        assertArrayEquals(new float[] {1, 0}, data.labels());
        Dataset named = CsvDatasetReader.readColumnLayout(file, "b", List.of("a"));
        assertArrayEquals(new float[] {2, 4}, named.labels());

        float[][] examples = CsvDatasetReader.readColumnLayoutFeatures(file, List.of("a", "b"));
        assertArrayEquals(new float[] {1, 2}, examples[0]);
        assertArrayEquals(new float[] {3, 4}, examples[1]);

        String[][] text = CsvDatasetReader.readColumnLayoutText(file, List.of("feature", "name"));
        assertArrayEquals(new String[] {"e1", "ann"}, text[0]);
        assertArrayEquals(new String[] {"e2", "bob"}, text[1]);

        String missing = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.readColumnLayoutFeatures(file, List.of("a", "c"))).getMessage();
        assertTrue(missing.contains("the model needs the rows [c]") && missing.contains("[name, b, a, label]"), missing);
        String clash = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.readColumnLayout(file, null, List.of("a", "label"))).getMessage();
        assertTrue(clash.contains("the label row 'label' is also one of the features"), clash);
        String noRow = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.readColumnLayoutText(file, List.of("id"))).getMessage();
        assertTrue(noRow.contains("there is no row [id]"), noRow);
    }
}
