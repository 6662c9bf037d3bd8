package dev.soma.onnx;

import java.nio.file.Files;
import java.nio.file.Path;

/** The bundled datasets folder, found from the module's directory upwards (tests run in onnx/). */
final class Datasets {

    private Datasets() {
    }

    static Path file(String dataset, String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("datasets").resolve(dataset).resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no datasets/" + dataset + "/" + file + " above " + Path.of("").toAbsolutePath());
    }
}
