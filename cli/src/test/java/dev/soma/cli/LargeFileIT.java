package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file of several GB, trained from the command line in a JVM whose heap cannot hold it: Soma stops early
 * with one line that names the size it needed, not with an {@code OutOfMemoryError} after a long read.
 *
 * <p>The file is 3 GB as the file system sees it: 64 MB of real rows, then a sparse tail (nothing written, so the
 * test costs seconds and no disk). The reader must give up inside the real rows — reaching the tail would mean
 * it had read past the heap.
 */
class LargeFileIT {

    private static final long SIZE = 3L << 30;

    @TempDir
    Path dir;

    @Test
    void aFileFarLargerThanTheHeapFailsEarlyNamingTheSize() throws Exception {
        Path big = dir.resolve("big.csv");
        writeRows(big, 64L << 20);
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(SIZE);
        }
        assertEquals(SIZE, Files.size(big));

        long start = System.nanoTime();
        JarRunner.Result result = JarRunner.run(List.of("--add-modules", "jdk.incubator.vector", "-Xmx32m"),
                "train", "--data", big.toString());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains("soma train: big.csv: the data does not fit in the heap"), result.err());
        assertTrue(result.err().contains("-Xmx"), "it says what to do: " + result.err());
        assertFalse(result.err().contains("OutOfMemoryError"), result.err());
        assertTrue(seconds < 60, "it fails early, in " + seconds + " s");
    }

    /** Rows of 16 features and a 0/1 label up to about {@code bytes}. */
    private static void writeRows(Path file, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < 16; j++) {
                header.append('x').append(j).append(',');
            }
            out.write(header.append("label\n").toString());
            long written = 0;
            StringBuilder row = new StringBuilder();
            while (written < bytes) {
                row.setLength(0);
                for (int j = 0; j < 16; j++) {
                    row.append(random.nextInt(-99_999, 100_000) / 10_000.0).append(',');
                }
                row.append(random.nextInt(2)).append('\n');
                out.write(row.toString());
                written += row.length();
            }
        }
    }
}
