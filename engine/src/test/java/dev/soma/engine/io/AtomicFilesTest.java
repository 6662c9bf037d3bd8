package dev.soma.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output files appear whole or not at all, and with the permissions any new file gets. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenFileHasTheContentAndNothingIsLeftBeside() throws IOException {
        Path file = dir.resolve("model.json");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        AtomicFiles.write(file, new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("predictions.csv");
        AtomicFiles.write(file, new byte[] {7});
        assertThrows(IOException.class, () -> AtomicFiles.write(file, temporary -> {
            Files.write(temporary, new byte[] {8, 9});
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void theFileGetsTheUsualPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("written.txt");
        AtomicFiles.write(written, new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }
}
