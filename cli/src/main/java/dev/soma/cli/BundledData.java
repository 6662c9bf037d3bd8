package dev.soma.cli;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** The datasets bundled in the jar under {@code datasets/} (see datasets/README.md for provenance and licence). */
final class BundledData {

    private BundledData() {
    }

    /** Reads {@code datasets/<name>/<split>.csv} from the jar. */
    static Dataset load(String name, String split) throws IOException {
        String resource = "datasets/" + name + "/" + split + ".csv";
        InputStream in = BundledData.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("the bundled dataset " + resource + " is missing from the jar");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CsvDatasetReader.withLabelColumn("label").read(reader, split + ".csv");
        }
    }
}
