package dev.soma.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example is EmbeddingExample, whole and verbatim, so what a reader copies compiles (this module
 * compiles it) and runs (EmbeddingExampleTest runs it).
 */
class ReadmeExampleTest {

    @Test
    void theReadmeShowsTheEmbeddingExampleVerbatim() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String example = Files.readString(Path.of("examples/src/main/java/dev/soma/examples/EmbeddingExample.java"),
                StandardCharsets.UTF_8);
        assertTrue(readme.contains("```java\n" + example + "```"),
                "README.md's embedding block differs from EmbeddingExample.java: copy the file into it again");
    }
}
