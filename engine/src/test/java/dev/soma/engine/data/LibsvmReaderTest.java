package dev.soma.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibsvmReaderTest {

    @TempDir
    Path dir;

    private static Dataset read(String text) throws IOException {
        return LibsvmReader.create().read(new StringReader(text), "train.svm");
    }

    private static DataFormatException failure(String text) {
        return assertThrows(DataFormatException.class, () -> read(text));
    }

    @Test
    void readsRowsIntoCsrArraysWithOneBasedIndicesShiftedToZero() throws IOException {
        Dataset data = read("+1 1:0.5 3:-2\n-1 2:1.25\n+1 1:1 2:2 4:4e-1\n");
        assertTrue(data.isSparse());
        assertEquals(3, data.size());
        assertEquals(4, data.dimension(), "the largest index");
        SparseRows rows = data.sparseRows();
        assertArrayEquals(new int[] {0, 2, 3, 6}, rows.rowStartArray());
        assertArrayEquals(new int[] {0, 2, 1, 0, 1, 3}, rows.indexArray());
        assertArrayEquals(new float[] {0.5f, -2, 1.25f, 1, 2, 0.4f}, rows.valueArray());
        assertArrayEquals(new float[] {1, -1, 1}, data.labels(), "±1 labels stay numbers");
        assertTrue(data.labelClasses().isEmpty());
        assertEquals(List.of("f1", "f2", "f3", "f4"), data.featureNames());
        assertEquals("label", data.labelName());
        assertEquals("train.svm", data.source());
        assertEquals("train.svm line 2 (row 1)", data.describeRow(1));
    }

    @Test
    void commentsQidAndBlankLinesAreSkippedAndLinesStillCounted() throws IOException {
        Dataset data = read("# a header comment\n\n1 qid:3 1:1 2:2 # trailing comment 7:7\n   \n"
                + "0 qid:4 2:5\t3:6\r\n#last\n0 1:1#no space before the comment\n");
        assertEquals(3, data.size());
        assertEquals(3, data.dimension(), "the 7:7 in the comment is not a feature");
        assertArrayEquals(new float[] {1, 2, 5, 6, 1}, data.sparseRows().valueArray());
        assertEquals("train.svm line 3 (row 0)", data.describeRow(0));
        assertEquals("train.svm line 5 (row 1)", data.describeRow(1));
        assertEquals("train.svm line 7 (row 2)", data.describeRow(2));
    }

    @Test
    void explicitZerosAreDroppedButTheirIndexCountsAsAFeature() throws IOException {
        Dataset data = read("1 1:0 2:3 5:0.0\n-1 3:-0\n");
        assertArrayEquals(new int[] {1}, data.sparseRows().indexArray());
        assertArrayEquals(new float[] {3}, data.sparseRows().valueArray());
        assertArrayEquals(new int[] {0, 1, 1}, data.sparseRows().rowStartArray(), "a row with no non-zero is kept");
        assertEquals(5, data.dimension());
    }

    @Test
    void labelsAreAnyDecimalNumber() throws IOException {
        Dataset data = read("0 1:1\n1 1:1\n3 1:1\n-2.5 1:1\n1e1 1:1\n+7 1:1\n");
        assertArrayEquals(new float[] {0, 1, 3, -2.5f, 10, 7}, data.labels());
        assertTrue(data.labelClasses().isEmpty());
    }

    @Test
    void featuresGivenWidensTheRowsAndRefusesAnIndexAboveIt() throws IOException {
        Dataset wide = LibsvmReader.create().features(10).read(new StringReader("1 2:1\n0 4:1\n"), "test.svm");
        assertEquals(10, wide.dimension());
        assertEquals(10, wide.featureNames().size());
        assertEquals("f10", wide.featureNames().get(9));
        DataFormatException e = assertThrows(DataFormatException.class, () -> LibsvmReader.create().features(3)
                .read(new StringReader("1 2:1\n0 1:2 4:1\n"), "test.svm"));
        assertEquals("test.svm", e.source());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("'4:1'") && e.getMessage().contains("above the 3 features"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LibsvmReader.create().features(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "out of order    | 1 1:1 3:1 2:1  | 2:1  | comes after 3",
            "repeated        | 1 1:1 3:1 3:2  | 3:2  | repeated",
            "zero            | 1 0:1 3:1      | 0:1  | zero",
            "negative        | 1 -2:1         | -2:1 | negative",
            "not an integer  | 1 1.5:1        | 1.5:1| not an integer",
            "empty index     | 1 :1           | :1   | not an integer",
            "signed index    | 1 +3:1         | +3:1 | not an integer",
            "huge index      | 1 99999999999:1| 99999999999:1 | too large",
            "text value      | 1 1:abc        | 1:abc  | not a number",
            "empty value     | 1 2:1 3:       | 3:     | not a number",
            "hex value       | 1 1:0x1p3      | 1:0x1p3| not a number",
            "suffixed value  | 1 1:2f         | 1:2f   | not a number",
            "two points      | 1 1:1.2.3      | 1:1.2.3| not a number",
            "bare exponent   | 1 1:1e         | 1:1e   | not a number",
            "lone point      | 1 1:.          | 1:.    | not a number",
            "nan value       | 1 1:nan        | 1:nan  | not a finite number",
            "infinite value  | 1 1:-Infinity  | 1:-Infinity | not a finite number",
            "overflow value  | 1 1:1e39       | 1:1e39 | beyond the float range",
            "no colon        | 1 1:1 7        | 7      | has no ':'",
            "missing label   | 1:1 2:1        | 1:1  | the label is missing",
            "text label      | yes 1:1        | yes  | not a number",
            "nan label       | NaN 1:1        | NaN  | not a finite number",
    })
    void badTokensNameFileLineAndToken(String what, String line, String token, String problem) {
        DataFormatException e = failure("1 1:1\n# comment\n" + line + "\n1 2:2\n");
        assertEquals("train.svm", e.source(), what);
        assertEquals(3, e.line(), what);
        String quoted = "'" + token + "'";
        assertTrue(e.getMessage().startsWith("train.svm line 3: "), e.getMessage());
        assertTrue(e.getMessage().contains(quoted), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), what + ": " + e.getMessage());
    }

    @Test
    void aFileWithoutExamplesOrWithoutFeaturesIsRefused() {
        assertTrue(failure("# nothing\n\n").getMessage().contains("no examples"));
        assertTrue(failure("1\n-1\n").getMessage().contains("--features"));
    }

    @Test
    void aLabelOnlyLineIsARowWithNoFeatures() throws IOException {
        Dataset data = LibsvmReader.create().features(2).read(new StringReader("1\n-1 2:3\n"), "f");
        assertArrayEquals(new int[] {0, 0, 1}, data.sparseRows().rowStartArray());
        assertArrayEquals(new float[] {1, -1}, data.labels());
    }

    @Test
    void numbersReadAsFloatParseFloatDoes() throws IOException {
        // The fast path (short decimals) and the slow one (long ones, big exponents) must both round correctly.
        Random random = new Random(17);
        StringBuilder text = new StringBuilder();
        float[] expected = new float[3000];
        for (int k = 0; k < expected.length; k++) {
            String spelled = switch (k % 6) {
                case 0 -> String.valueOf(random.nextFloat());
                case 1 -> String.format(java.util.Locale.ROOT, "%.6f", random.nextGaussian());
                case 2 -> String.format(java.util.Locale.ROOT, "%.3e", random.nextGaussian() * 1e-12);
                case 3 -> Integer.toString(random.nextInt(40_000_000) - 20_000_000);
                case 4 -> String.format(java.util.Locale.ROOT, "%.17f", random.nextDouble());
                default -> random.nextInt(1000) + "e" + (random.nextInt(21) - 10);
            };
            expected[k] = Float.parseFloat(spelled);
            if (expected[k] == 0) {
                expected[k] = 1;
                spelled = "1";
            }
            text.append("1 1:").append(spelled).append('\n');
        }
        float[] values = read(text.toString()).sparseRows().valueArray();
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Float.floatToIntBits(expected[k]), Float.floatToIntBits(values[k]), "value " + k);
        }
    }

    @Test
    void readsGzipFilesByTheirBytesAndPlainFilesAlike() throws IOException {
        String text = "1 1:0.5 3:2\n-1 2:1\n";
        Path plain = Files.writeString(dir.resolve("a.svm"), text);
        Path gz = dir.resolve("a.svm.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        Dataset fromPlain = LibsvmReader.create().read(plain);
        Dataset fromGz = Dataset.readLibsvm(gz);
        assertEquals("a.svm.gz", fromGz.source());
        assertArrayEquals(fromPlain.sparseRows().valueArray(), fromGz.sparseRows().valueArray());
        assertArrayEquals(fromPlain.sparseRows().indexArray(), fromGz.sparseRows().indexArray());
        assertArrayEquals(fromPlain.labels(), fromGz.labels());
    }

    @Test
    void binaryFilesAndMissingFilesFailClearly() throws IOException {
        Path binary = Files.write(dir.resolve("b.svm"), new byte[] {'1', ' ', '1', ':', '1', '\n', 0, 0});
        DataFormatException e = assertThrows(DataFormatException.class, () -> LibsvmReader.create().read(binary));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> LibsvmReader.create().read(dir.resolve("none")));
    }

    @Test
    void longLinesAndManyRowsGrowTheArrays() throws IOException {
        StringBuilder text = new StringBuilder();
        int rows = 3000;
        int perRow = 50;
        for (int i = 0; i < rows; i++) {
            text.append(i % 2 == 0 ? "+1" : "-1");
            for (int k = 1; k <= (i == 7 ? 20_000 : perRow); k++) {
                text.append(' ').append(k * 3).append(":").append(k % 7 + 1);
            }
            text.append('\n');
        }
        Dataset data = read(text.toString());
        assertEquals(rows, data.size());
        assertEquals((rows - 1) * perRow + 20_000, data.sparseRows().nonZeros());
        assertEquals(60_000, data.dimension());
        assertEquals(20_000 % 7 + 1, data.feature(7, 59_999));
    }

    @Test
    void entriesAcrossManyChunksComeBackInOrder() throws IOException {
        // About 180,000 non-zeros: past five chunk boundaries (4096, 8192, … entries), ending inside a chunk.
        StringBuilder text = new StringBuilder();
        int rows = 40_000;
        for (int i = 0; i < rows; i++) {
            text.append(i % 2 == 0 ? "+1" : "-1");
            for (int k = 0; k < i % 10; k++) {
                text.append(' ').append(k * 7 + i % 7 + 1).append(':').append(i % 1000 + k + 1);
            }
            text.append('\n');
        }
        SparseRows sparse = read(text.toString()).sparseRows();
        int[] start = sparse.rowStartArray();
        int[] index = sparse.indexArray();
        float[] value = sparse.valueArray();
        for (int i = 0; i < rows; i++) {
            assertEquals(i % 10, start[i + 1] - start[i], "row " + i);
            for (int k = 0; k < i % 10; k++) {
                int at = start[i] + k;
                assertEquals(k * 7 + i % 7, index[at], "row " + i);
                assertEquals(i % 1000 + k + 1, value[at], "row " + i);
            }
        }
        assertEquals(start[rows], index.length);
        assertEquals(index.length, value.length);
    }

    @Test
    void growingBeyondTheHeapFailsEarlyNamingTheFile() {
        MemoryBudget tiny = new MemoryBudget(() -> 100_000);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            text.append("1 1:1 2:2 3:3\n");
        }
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> LibsvmReader.create().budget(tiny).read(new StringReader(text.toString()), "big.svm"));
        assertTrue(e.getMessage().startsWith("big.svm: the data does not fit in the heap"), e.getMessage());
    }
}
