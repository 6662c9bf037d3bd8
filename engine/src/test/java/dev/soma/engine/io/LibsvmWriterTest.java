package dev.soma.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.LibsvmReader;
import dev.soma.engine.data.SparseRows;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmWriterTest {

    @TempDir
    Path dir;

    /** Random sparse rows whose values are any float (tiny, huge, negative), some rows empty. */
    private static Dataset randomSparse(long seed, int rows, int columns) {
        Random random = new Random(seed);
        int[] start = new int[rows + 1];
        int[] index = new int[rows * columns];
        float[] value = new float[rows * columns];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                if (random.nextInt(4) == 0) {
                    float v;
                    do {
                        v = Float.intBitsToFloat(random.nextInt());
                    } while (!Float.isFinite(v) || v == 0);
                    index[k] = j;
                    value[k++] = random.nextBoolean() ? v : (float) random.nextGaussian();
                }
            }
            start[i + 1] = k;
        }
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextBoolean() ? 1 : -1;
        }
        labels[0] = 0.25f;
        SparseRows sparse = SparseRows.of(start, java.util.Arrays.copyOf(index, k), java.util.Arrays.copyOf(value, k),
                columns);
        return Dataset.sparse(sparse, labels);
    }

    @Test
    void writingThenReadingGivesTheSameRowsAndLabels() throws IOException {
        Dataset data = randomSparse(3, 400, 37);
        for (String name : List.of("out.svm", "out.svm.gz")) {
            Path file = dir.resolve(name);
            LibsvmWriter.write(data, file);
            Dataset back = LibsvmReader.create().features(37).read(file);
            SparseRows a = data.sparseRows();
            SparseRows b = back.sparseRows();
            assertArrayEquals(a.rowStartArray(), b.rowStartArray(), name);
            assertArrayEquals(a.indexArray(), b.indexArray(), name);
            for (int k = 0; k < a.nonZeros(); k++) {
                assertEquals(Float.floatToIntBits(a.valueArray()[k]), Float.floatToIntBits(b.valueArray()[k]),
                        name + " value " + k + " " + a.valueArray()[k]);
            }
            assertArrayEquals(data.labels(), back.labels(), name);
        }
        assertTrue(Files.readString(dir.resolve("out.svm")).startsWith("0.25 "));
    }

    @Test
    void denseDataIsWrittenAsItsNonZerosWithOneBasedIndices() throws IOException {
        Dataset dense = Dataset.fromRows(new float[][] {{0, 1.5f, 0}, {2, 0, -3e-7f}, {0, 0, 0}},
                new float[] {1, 0, 3});
        StringWriter out = new StringWriter();
        LibsvmWriter.write(dense, out);
        assertEquals("1 2:1.5\n0 1:2 3:-3.0E-7\n3\n", out.toString());
        Path file = dir.resolve("dense.svm");
        LibsvmWriter.write(dense, file);
        Dataset back = LibsvmReader.create().features(3).read(file);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(dense.row(i), back.row(i));
        }
    }

    @Test
    void textClassesAreWrittenAsTheirNumbers() throws IOException {
        Dataset named = Dataset.fromRows(new float[][] {{1}, {2}}, new float[] {0, 1}).withLabels(new float[] {1, 0},
                List.of("bad", "good"));
        StringWriter out = new StringWriter();
        LibsvmWriter.write(named, out);
        assertEquals("1 1:1\n0 1:2\n", out.toString());
    }
}
