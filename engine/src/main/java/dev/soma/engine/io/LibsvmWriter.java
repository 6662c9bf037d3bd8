package dev.soma.engine.io;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.SparseRows;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link Dataset} as a LIBSVM (svmlight) file, {@code label index:value …} per example with 1-based
 * increasing indices and only the non-zeros (of a sparse dataset, or of a dense one), which
 * {@link dev.soma.engine.data.LibsvmReader} reads back to the same rows and labels. Labels are written as numbers
 * ({@link Dataset#spell}: {@code 1}, {@code -1}, {@code 0.25}); a dataset whose labels are text classes writes each
 * class's number {@code k} (its index in {@link Dataset#labelClasses()}), the only number LIBSVM can hold for it.
 * Values are written in the shortest decimal that reads back to the same float. The file is written atomically
 * (a temporary file renamed into place), and gzip-compressed when its name ends in {@code .gz}.
 */
public final class LibsvmWriter {

    private LibsvmWriter() {
    }

    /** Writes {@code data} to {@code file}. */
    public static void write(Dataset data, Path file) throws IOException {
        boolean gzip = file.getFileName() != null && file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, temporary -> {
            try (OutputStream raw = Files.newOutputStream(temporary);
                 OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                 Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16)) {
                write(data, text);
            }
        });
    }

    /** Writes {@code data} as LIBSVM text to {@code out} (not closed). */
    public static void write(Dataset data, Writer out) throws IOException {
        SparseRows sparse = data.isSparse() ? data.sparseRows() : null;
        float[] dense = sparse == null ? data.featureArray() : null;
        float[] labels = data.labelArray();
        int d = data.dimension();
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < data.size(); i++) {
            line.setLength(0);
            line.append(Dataset.spell(labels[i]));
            if (sparse != null) {
                int[] indices = sparse.indexArray();
                float[] values = sparse.valueArray();
                for (int k = sparse.start(i); k < sparse.end(i); k++) {
                    if (values[k] != 0) {
                        entry(line, indices[k], values[k]);
                    }
                }
            } else {
                for (int j = 0; j < d; j++) {
                    float v = dense[i * d + j];
                    if (v != 0) {
                        entry(line, j, v);
                    }
                }
            }
            line.append('\n');
            out.append(line);
        }
        out.flush();
    }

    private static void entry(StringBuilder line, int column, float value) {
        line.append(' ').append(column + 1).append(':').append(Dataset.spell(value));
    }
}
