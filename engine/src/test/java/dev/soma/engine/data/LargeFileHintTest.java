package dev.soma.engine.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeFileHintTest {

    @Test
    void aFileIsLargeFromEightMebibytes(@TempDir Path folder) throws Exception {
        Path small = folder.resolve("small.csv");
        Files.writeString(small, "a,label\n1,0\n");
        Path large = folder.resolve("large.csv");
        try (RandomAccessFile f = new RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(LargeFileHint.LARGE_FILE_BYTES); // sparse: no 8 MiB written
        }
        Path almost = folder.resolve("almost.csv");
        try (RandomAccessFile f = new RandomAccessFile(almost.toFile(), "rw")) {
            f.setLength(LargeFileHint.LARGE_FILE_BYTES - 1);
        }
        assertFalse(LargeFileHint.isLarge(small));
        assertFalse(LargeFileHint.isLarge(almost));
        assertTrue(LargeFileHint.isLarge(large));
        assertFalse(LargeFileHint.isLarge(folder.resolve("missing.csv")), "left to the reader to report");
        LargeFileHint.opening(folder.resolve("missing.csv")); // no exception: the reader names the missing file
    }
}
