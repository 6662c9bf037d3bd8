package dev.soma.engine.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableRowsTest {

    @TempDir
    Path dir;

    private static void assertSame(Dataset expected, Dataset actual) {
        assertEquals(expected.encoding(), actual.encoding());
        assertEquals(expected.featureNames(), actual.featureNames());
        assertEquals(expected.labelClasses(), actual.labelClasses());
        assertArrayEquals(expected.labelArray(), actual.labelArray());
        if (expected.isSparse()) {
            assertArrayEquals(expected.sparseRows().rowStartArray(), actual.sparseRows().rowStartArray());
            assertArrayEquals(expected.sparseRows().indexArray(), actual.sparseRows().indexArray());
            assertArrayEquals(expected.sparseRows().valueArray(), actual.sparseRows().valueArray());
        } else {
            assertArrayEquals(expected.featureArray(), actual.featureArray());
        }
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.describeRow(i), actual.describeRow(i));
        }
    }

    /**
     * {@link TableRows#labelsAsClasses}: numeric labels read as classes from the whole table, so that a subset
     * without some value still codes its labels as the whole table does — what {@link Dataset#asClasses()} gives on
     * every row.
     */
    @Test
    void numericLabelsReadAsClassesAreCodedByTheWholeTable() throws IOException {
        Path file = Tables.write(dir, "grades.csv", "a,grade", "1,2.5", "2,0.5", "3,10", "4,2.5", "5,0.5", "6,10.0");
        TableSpec spec = TableSpec.builder().build();
        TableRows rows = TableRows.read(file, spec).labelsAsClasses();
        assertSame(TableReader.read(file, spec).asClasses(), rows.fitAll());
        assertEquals(java.util.List.of("0.5", "2.5", "10"), rows.fitAll().labelClasses());
        // Rows 1 and 2 (0.5 and 10) alone: the classes are still the table's three, 10 still class 2.
        Dataset two = rows.fit(new int[] {1, 2});
        assertEquals(java.util.List.of("0.5", "2.5", "10"), two.labelClasses());
        assertArrayEquals(new float[] {0, 2}, two.labelArray());
        Dataset heldOut = rows.encode(two.encoding().orElseThrow(), new int[] {5, 0}).data();
        assertArrayEquals(new float[] {2, 1}, heldOut.labelArray());
        // Text labels are classes already.
        Path words = Tables.write(dir, "words.csv", "a,y", "1,no", "2,yes");
        TableRows text = TableRows.read(words, spec);
        org.junit.jupiter.api.Assertions.assertSame(text, text.labelsAsClasses());
    }

    @Test
    void everyRowGivesWhatTableReaderGives() throws IOException {
        for (String[] t : new String[][] {{"credit_g", "class"}, {"vote", "Class"}}) {
            Path file = TestData.datasets().resolve(t[0]).resolve("train.csv");
            TableSpec spec = TableSpec.builder().label(t[1]).build();
            assertSame(TableReader.read(file, spec), TableRows.read(file, spec).fitAll());
        }
        Path mixed = Tables.write(dir, "mixed.csv", "a,b,c,y", "1,x,,0", ",y,2,1", "3,,4,0", "5,x,6,1");
        TableSpec imputed = TableSpec.builder().impute(Impute.MEDIAN).missingIndicator(true).build();
        assertSame(TableReader.read(mixed, imputed), TableRows.read(mixed, imputed).fitAll());
        TableSpec hashed = TableSpec.builder().impute(Impute.MEAN).hashBits(4).build();
        assertSame(TableReader.read(mixed, hashed), TableRows.read(mixed, hashed).fitAll());
    }

    @Test
    void heldOutRowsAreReadThroughAnotherEncodingWithUnseenLevelsAsZeros() throws IOException {
        Path file = Tables.write(dir, "t.csv", "c,n,y", "x,1,a", "y,2,b", "z,3,a", "x,4,b");
        TableRows table = TableRows.read(file, TableSpec.inferred());
        Dataset first = table.fit(new int[] {0, 1, 3});
        assertEquals(java.util.List.of("c=x", "c=y", "n"), first.featureNames());
        EncodedTable held = table.encode(first.encoding().orElseThrow(), new int[] {2});
        assertArrayEquals(new float[] {0, 0, 3}, held.data().row(0));
        assertEquals(1, held.unknownCells());
        assertEquals(java.util.List.of("a", "b"), held.data().labelClasses());
        assertEquals(0f, held.data().label(0));
    }

    @Test
    void errorsAreTableReadersErrors() {
        Path file = Tables.write(dir, "bad.csv", "a,y", "1,0", "2,");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableRows.read(file, TableSpec.inferred()));
        DataFormatException r = assertThrows(DataFormatException.class, () -> TableReader.read(file, TableSpec.inferred()));
        assertEquals(r.getMessage(), e.getMessage());
    }
}
