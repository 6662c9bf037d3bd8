package dev.soma.engine.data;

import dev.soma.engine.kernels.KernelSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a reader tells the kernels when it opens a large file: training on it will come, with kernel calls long
 * enough to run the Vector API code from the first pass, so that code should be compiled while the file is read
 * ({@link KernelSelection#expectLargeWork()}). Reading a CSV file of {@value #LARGE_FILE_BYTES} bytes takes a
 * second or more, about what C2 needs for the vector kernels; a first fit on 1,000,000 × 64 rows read from a file
 * then runs compiled code where it would otherwise spend its first passes in the interpreter.
 */
public final class LargeFileHint {

    /** 8 MiB: about a million numbers as text, past the size at which training calls go to the vector code. */
    public static final long LARGE_FILE_BYTES = 8L << 20;

    private LargeFileHint() {
    }

    /** Tells the kernels to get ready if {@code file} is large; a file it cannot measure is left to the reader. */
    public static void opening(Path file) {
        if (isLarge(file)) {
            KernelSelection.expectLargeWork();
        }
    }

    static boolean isLarge(Path file) {
        try {
            return Files.size(file) >= LARGE_FILE_BYTES;
        } catch (IOException | SecurityException e) {
            // The reader opens the file next and reports what is wrong with it, with its name.
            return false;
        }
    }
}
