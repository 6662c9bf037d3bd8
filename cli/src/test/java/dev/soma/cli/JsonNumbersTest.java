package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A metric that is not a number is null in {@code --json}, never the string "NaN". */
class JsonNumbersTest {

    @TempDir
    Path dir;

    @Test
    void anAucWithOneClassAbsentIsNull() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, ColumnPolicyTest.run("train", "--data", "datasets/breast_cancer/train.csv", "--out",
                model.toString()).exit());
        List<String> lines = Files.readAllLines(Path.of("datasets/breast_cancer/test.csv"));
        List<String> ones = new java.util.ArrayList<>(List.of(lines.getFirst()));
        lines.stream().skip(1).filter(l -> l.endsWith(",1")).forEach(ones::add);
        Path oneClass = Files.write(dir.resolve("ones.csv"), ones);
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("evaluate", "--model", model.toString(), "--data",
                oneClass.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        assertFalse(run.out().contains("NaN"), run.out());
        JsonNode metrics = new ObjectMapper().readTree(run.out()).get("metrics");
        assertTrue(metrics.get("auc").isNull(), run.out());
        assertTrue(metrics.get("accuracy").isNumber(), run.out());
    }
}
