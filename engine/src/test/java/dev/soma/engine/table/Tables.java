package dev.soma.engine.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small tables written to a test's temporary folder. */
final class Tables {

    private Tables() {
    }

    /** Writes {@code lines} (each ended by a line break) as UTF-8 to {@code dir/name}. */
    static Path write(Path dir, String name, String... lines) {
        return bytes(dir, name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Path bytes(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The column of feature {@code name} of every row of {@code x} (row-major, {@code d} features). */
    static float[] column(float[] x, int d, int j) {
        float[] out = new float[x.length / d];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i * d + j];
        }
        return out;
    }
}
