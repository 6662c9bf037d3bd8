package dev.soma.engine.table;

import static dev.soma.engine.table.Tables.bytes;
import static dev.soma.engine.table.Tables.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LogisticRegression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables Soma cannot train on fail with a message that names the file, where, and what to do. */
class BadTablesTest {

    @TempDir
    Path dir;

    private Path small() {
        return write(dir, "t.csv", "id,city,x,y", "1,Paris,0.5,yes", "2,Rome,1.5,no", "3,Paris,2.5,yes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"categorical", "numeric", "ignore"})
    void anUnknownColumnInADeclarationIsNamedWithTheColumnsOfTheFile(String option) {
        TableSpec.Builder b = TableSpec.builder();
        switch (option) {
            case "categorical" -> b.categorical("town");
            case "numeric" -> b.numeric("town");
            default -> b.ignore("town");
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.read(small(), b.build()));
        assertTrue(e.getMessage().startsWith("t.csv line 1: --" + option + " names [town], which is not a column"),
                e.getMessage());
        assertTrue(e.getMessage().contains("[id, city, x, y]"), e.getMessage());
    }

    @Test
    void aLabelThatIsAlsoIgnoredIsRefused() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReader.read(small(), TableSpec.builder().label("y").ignore("id", "y").build()));
        assertTrue(e.getMessage().contains("the label column 'y' is also ignored"), e.getMessage());
        DataFormatException unknown = assertThrows(DataFormatException.class,
                () -> TableReader.read(small(), TableSpec.builder().label("outcome").build()));
        assertTrue(unknown.getMessage().contains("no label column 'outcome'"), unknown.getMessage());
    }

    @Test
    void aColumnWithTooManyLevelsIsNamedWithWhatToDo() throws IOException {
        Path file = write(dir, "t.csv", "id,city,y", "a1,Paris,0", "a2,Rome,1", "a3,Oslo,0", "a4,Paris,1");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReader.read(file, TableSpec.builder().maxLevels(3).build()));
        assertTrue(e.getMessage().contains("'id'"), e.getMessage());
        assertTrue(e.getMessage().contains("--ignore id"), e.getMessage());
        assertTrue(e.getMessage().contains("--max-levels"), e.getMessage());
        assertEquals(List.of("city=Oslo", "city=Paris", "city=Rome"),
                TableReader.read(file, TableSpec.builder().maxLevels(3).ignore("id").build()).featureNames(),
                "three levels are within a limit of three");
        // a missing cell is a level too
        Path withMissing = write(dir, "m.csv", "city,y", "Paris,0", "Rome,1", "Oslo,0", ",1");
        DataFormatException m = assertThrows(DataFormatException.class,
                () -> TableReader.read(withMissing, TableSpec.builder().maxLevels(3).build()));
        assertTrue(m.getMessage().contains("'city'") && m.getMessage().contains("--max-levels"), m.getMessage());
    }

    @Test
    void oneClassOnlyIsAClearErrorForLogisticRegression() throws IOException {
        Path file = write(dir, "t.csv", "x,y", "1,yes", "2,yes", "3,yes");
        Dataset data = TableReader.read(file, TableSpec.inferred());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.trainer().maxEpochs(5).fit(data));
        assertTrue(e.getMessage().contains("yes"), e.getMessage());
        assertTrue(e.getMessage().contains("needs examples of both classes"), e.getMessage());
    }

    @Test
    void aStringLabelForLinearRegressionIsAClearError() throws IOException {
        Dataset data = TableReader.read(small(), TableSpec.inferred());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.trainer().maxEpochs(5).fit(data));
        assertTrue(e.getMessage().contains("number"), e.getMessage());
        assertTrue(e.getMessage().contains("no") && e.getMessage().contains("yes"), e.getMessage());
    }

    private static void assertNamedTextFailure(DataFormatException e, String file) {
        assertEquals(file, e.source());
        assertTrue(e.line() >= 1, e.getMessage());
        assertTrue(e.getMessage().startsWith(file + " line "), e.getMessage());
        assertFalse(e.getMessage().contains("Input length"), e.getMessage());
    }

    @Test
    void randomBinaryBytesFailNamingTheFileAndALine() {
        byte[] binary = new byte[4096];
        new Random(16).nextBytes(binary);
        binary[0] = 'P'; // not gzip's magic bytes
        binary[100] = 0;
        Path file = bytes(dir, "image.png", binary);
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.read(file, TableSpec.inferred()));
        assertNamedTextFailure(e, "image.png");
    }

    @Test
    void aNulByteInOtherwiseGoodTextIsABinaryFile() {
        byte[] text = "x,y\n1,0\n2,1\n3\u0000,0\n".getBytes(StandardCharsets.UTF_8);
        Path file = bytes(dir, "nul.csv", text);
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.read(file, TableSpec.inferred()));
        assertNamedTextFailure(e, "nul.csv");
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void invalidUtf8FailsNamingTheFileAndTheLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("x,city,y\n1,Paris,0\n2,Rome,1\n3,".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {(byte) 0xC3, 0x28});
        out.write(",0\n4,Oslo,1\n".getBytes(StandardCharsets.UTF_8));
        Path file = bytes(dir, "bad.csv", out.toByteArray());
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.read(file, TableSpec.inferred()));
        assertNamedTextFailure(e, "bad.csv");
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void invalidUtf8FarIntoALargeFileIsPlacedOnItsLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("x,y\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5000; i++) {
            out.write((i + ",1\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(new byte[] {'7', (byte) 0xFF, ',', '0', '\n'});
        Path file = bytes(dir, "big.csv", out.toByteArray());
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.read(file, TableSpec.inferred()));
        assertNamedTextFailure(e, "big.csv");
        assertEquals(5002, e.line(), e.getMessage());
    }

    @Test
    void aLatin1FileFailsAsUtf8ButReadsRightWithItsCharset() throws IOException {
        String text = "city,x,y\nZürich,1,0\nBern,2,1\nZürich,3,1\n";
        Path file = bytes(dir, "latin1.csv", text.getBytes(StandardCharsets.ISO_8859_1));
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.read(file, TableSpec.inferred()));
        assertNamedTextFailure(e, "latin1.csv");
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("--encoding"), e.getMessage());
        Dataset data = TableReader.read(file, TableSpec.builder().charset(StandardCharsets.ISO_8859_1).build());
        assertEquals(List.of("city=Bern", "city=Zürich", "x"), data.featureNames());
    }

    @Test
    void aFileWithAHeaderOnlyOrNothingIsNamed() {
        Path header = write(dir, "h.csv", "x,y");
        assertTrue(assertThrows(DataFormatException.class, () -> TableReader.read(header, TableSpec.inferred()))
                .getMessage().contains("no data rows"));
        Path empty = bytes(dir, "e.csv", new byte[0]);
        assertTrue(assertThrows(DataFormatException.class, () -> TableReader.read(empty, TableSpec.inferred()))
                .getMessage().startsWith("e.csv"));
    }

    @Test
    void aRowOfTheWrongWidthIsNamed() {
        Path file = write(dir, "w.csv", "x,z,y", "1,2,0", "1,2", "3,4,1");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.read(file, TableSpec.inferred()));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("2 fields, but the header has 3"), e.getMessage());
    }

    @Test
    void aMissingLabelIsNamed() {
        Path file = write(dir, "l.csv", "x,y", "1,a", "2,", "3,b");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.read(file, TableSpec.inferred()));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("every row needs a label"), e.getMessage());
    }
}
