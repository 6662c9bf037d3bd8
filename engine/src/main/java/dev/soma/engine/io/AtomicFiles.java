package dev.soma.engine.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees half of one: the content goes to a temporary file in the same folder,
 * which is then renamed over the target (atomically where the file system can). Models, checkpoints,
 * predictions and plots are all written this way.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Something that writes a file's content to the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, temporary -> Files.write(temporary, bytes));
    }

    /** Lets {@code writer} fill a temporary file beside {@code file}, then renames it into place. */
    public static void write(Path file, Writer writer) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("cannot write " + file + ": it is a folder; give a file name");
        }
        try {
            writeAtomically(file, writer);
        } catch (java.nio.file.FileSystemException e) {
            // Name the file the caller asked for, not the temporary one beside it.
            String reason = e.getReason() != null ? e.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such folder"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
            throw new IOException("cannot write " + file + ": " + reason, e);
        }
    }

    private static void writeAtomically(Path file, Writer writer) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // Keep the extension last: some writers (image encoders) decide the format from it.
        Path temporary = createTemporary(directory, (dot > 0 ? name.substring(0, dot) : name) + ".",
                dot > 0 ? ".partial" + name.substring(dot) : ".partial");
        try {
            writer.writeTo(temporary);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new empty file {@code prefix + random + suffix} in {@code directory}, with the permissions any program's
     * new file gets there (the umask's). {@code Files.createTempFile} would make it owner-only, and the rename
     * would carry that onto models and predictions that other users or services must read.
     */
    private static Path createTemporary(Path directory, String prefix, String suffix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve(prefix + Long.toUnsignedString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + suffix);
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }
}
