package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The command line after the restructuring prints what it printed before: {@code predict --probabilities} and
 * {@code evaluate --json} on the version-1 model files of engine/src/test/resources/model-files-v1 give the
 * outputs recorded with the jar built before it (src/test/resources/v1-predictions). Labels and counts must be
 * equal; probabilities and scores equal within 1e-5, because this suite also runs on the scalar kernels, whose
 * sums round differently from the vector ones the recording was made on.
 */
class VersionOneOutputsTest {

    private static final Map<String, String> DATA = Map.of(
            "logistic", "datasets/breast_cancer/test.csv", "linear", "datasets/breast_cancer/test.csv",
            "svm", "datasets/breast_cancer/test.csv", "softmax", "datasets/digits/test.csv",
            "mlp", "datasets/digits/test.csv");

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SomaCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute(args), err.toString());
        return out.toString();
    }

    private static String recorded(String name) throws IOException {
        try (InputStream in = VersionOneOutputsTest.class.getResourceAsStream("/v1-predictions/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String modelFile(String name) {
        return "engine/src/test/resources/model-files-v1/" + name + ".json";
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "linear", "svm", "softmax", "mlp"})
    void predictWritesTheSameColumnsAndValues(String name) throws IOException {
        List<String> expected = recorded(name + ".csv").lines().toList();
        List<String> actual = run("predict", "--model", modelFile(name), "--data", DATA.get(name), "--probabilities")
                .lines().toList();
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.get(0), actual.get(0), "the header");
        for (int i = 1; i < expected.size(); i++) {
            String[] e = expected.get(i).split(",");
            String[] a = actual.get(i).split(",");
            assertEquals(e.length, a.length, "line " + (i + 1));
            if (!name.equals("linear")) {
                assertEquals(e[0], a[0], "the predicted class, line " + (i + 1));
            }
            for (int c = name.equals("linear") ? 0 : 1; c < e.length; c++) {
                assertEquals(Double.parseDouble(e[c]), Double.parseDouble(a[c]), 1e-5, "line " + (i + 1) + ", column " + c);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "linear", "svm", "softmax", "mlp"})
    void evaluateReportsTheSameMetrics(String name) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree(recorded(name + "-evaluate.json")).get("metrics");
        JsonNode actual = json.readTree(run("evaluate", "--model", modelFile(name), "--data", DATA.get(name), "--json"))
                .get("metrics");
        // Every metric printed before is printed, in the same order; later fields (classNames) may follow.
        List<String> before = iterable(expected.fieldNames());
        assertEquals(before, iterable(actual.fieldNames()).stream().filter(before::contains).toList(),
                "the same metrics, in order");
        for (String field : iterable(expected.fieldNames())) {
            JsonNode e = expected.get(field);
            if (e.isNumber() && !e.isIntegralNumber()) {
                assertEquals(e.asDouble(), actual.get(field).asDouble(), 1e-5, field);
            } else {
                assertEquals(e, actual.get(field), field);
            }
        }
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
