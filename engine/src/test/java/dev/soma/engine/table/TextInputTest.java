package dev.soma.engine.table;

import static dev.soma.engine.table.Tables.bytes;
import static dev.soma.engine.table.Tables.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV dialects as people have them: comma, semicolon or tab; gzip; a byte-order mark. */
class TextInputTest {

    private static final String[] ROWS = {"age,city,y", "30,Paris,yes", "41,\"Rome, Lazio\",no", "25,Paris,yes"};

    @TempDir
    Path dir;

    private Dataset commaTable() throws IOException {
        return TableReader.read(write(dir, "comma.csv", ROWS), TableSpec.inferred());
    }

    private static void assertSameTable(Dataset expected, Dataset actual) {
        assertEquals(expected.featureNames(), actual.featureNames());
        assertArrayEquals(expected.featureArray(), actual.featureArray(), 0f);
        assertArrayEquals(expected.labels(), actual.labels(), 0f);
        assertEquals(expected.labelClasses(), actual.labelClasses());
        assertEquals(expected.encoding(), actual.encoding());
    }

    private static String[] withDelimiter(char delimiter) {
        return java.util.Arrays.stream(ROWS).map(r -> r.replace("\"Rome, Lazio\"", "@")
                .replace(',', delimiter).replace("@", "\"Rome, Lazio\"")).toArray(String[]::new);
    }

    @Test
    void theCommaTableIsAsExpected() throws IOException {
        Dataset data = commaTable();
        assertEquals(List.of("age", "city=Paris", "city=Rome, Lazio"), data.featureNames());
        assertEquals(List.of("no", "yes"), data.labelClasses());
    }

    @Test
    void semicolonAndTabSeparatedFilesAreDetected() throws IOException {
        Dataset expected = commaTable();
        assertEquals("30;Paris;yes", withDelimiter(';')[1]);
        assertSameTable(expected, TableReader.read(write(dir, "semi.csv", withDelimiter(';')), TableSpec.inferred()));
        assertSameTable(expected, TableReader.read(write(dir, "tab.tsv", withDelimiter('\t')), TableSpec.inferred()));
    }

    @Test
    void aGivenDelimiterIsUsed() throws IOException {
        // a header with more commas than semicolons would be sniffed as comma-separated
        Path file = write(dir, "s.csv", "a,b,c;d;y", "1;2;0", "3;4;1");
        DataFormatException sniffed = assertThrows(DataFormatException.class,
                () -> TableReader.read(file, TableSpec.inferred()));
        assertTrue(sniffed.getMessage().contains("--delimiter"), sniffed.getMessage());
        Dataset data = TableReader.read(file, TableSpec.builder().delimiter(';').build());
        assertEquals(List.of("a,b,c", "d"), data.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, data.featureArray(), 0f);
        assertSameTable(commaTable(), TableReader.read(write(dir, "given.csv", withDelimiter(';')),
                TableSpec.builder().delimiter(';').build()));
    }

    @Test
    void aGzipFileReadsAsThePlainOneWhateverItsName() throws IOException {
        byte[] plain = Files.readAllBytes(write(dir, "plain.csv", withDelimiter(';')));
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            gz.write(plain);
        }
        Dataset expected = commaTable();
        assertSameTable(expected, TableReader.read(bytes(dir, "t.csv.gz", packed.toByteArray()), TableSpec.inferred()));
        assertSameTable(expected, TableReader.read(bytes(dir, "named-plain.csv", packed.toByteArray()),
                TableSpec.inferred()));
    }

    @Test
    void aTruncatedGzipFileIsNamed() throws IOException {
        byte[] plain = Files.readAllBytes(write(dir, "plain.csv", ROWS));
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            gz.write(plain);
        }
        byte[] cut = java.util.Arrays.copyOf(packed.toByteArray(), packed.size() - 12);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReader.read(bytes(dir, "cut.csv.gz", cut), TableSpec.inferred()));
        assertTrue(e.getMessage().startsWith("cut.csv.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() throws IOException {
        String text = "\uFEFF" + String.join("\n", ROWS) + "\n";
        Dataset data = TableReader.read(bytes(dir, "bom.csv", text.getBytes(StandardCharsets.UTF_8)),
                TableSpec.builder().label("y").build());
        assertSameTable(commaTable(), data);
        assertEquals("age", data.featureNames().get(0));
        String semicolons = "\uFEFF" + String.join("\n", withDelimiter(';')) + "\n";
        assertSameTable(commaTable(), TableReader.read(bytes(dir, "bom2.csv", semicolons.getBytes(StandardCharsets.UTF_8)),
                TableSpec.inferred()));
    }

    @Test
    void windowsLineEndingsReadAsUnixOnes() throws IOException {
        String text = String.join("\r\n", ROWS) + "\r\n";
        assertSameTable(commaTable(), TableReader.read(bytes(dir, "crlf.csv", text.getBytes(StandardCharsets.UTF_8)),
                TableSpec.inferred()));
    }
}
