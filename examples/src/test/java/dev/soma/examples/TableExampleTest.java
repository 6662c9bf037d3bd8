package dev.soma.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table example runs, and is in the README whole and verbatim. */
class TableExampleTest {

    @Test
    void theTableExampleTrainsAndPredictsRawRecords() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            TableExample.main(new String[0]);
        } finally {
            System.setOut(stdout);
        }
        var printed = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("INFO ") && !l.startsWith("[WARN]") && !l.startsWith("WARN ")).toList();
        assertEquals("61 features from 20 columns", printed.get(0));
        assertTrue(printed.get(1).startsWith("good ") || printed.get(1).startsWith("bad "), printed.toString());
        // The map and the bound layout encode the record identically.
        assertEquals(printed.get(1), printed.get(2));
    }

    @Test
    void theReadmeShowsTheTableExampleVerbatim() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String example = Files.readString(Path.of("examples/src/main/java/dev/soma/examples/TableExample.java"),
                StandardCharsets.UTF_8);
        assertTrue(readme.contains("```java\n" + example + "```"),
                "README.md's table block differs from TableExample.java: copy the file into it again");
    }
}
