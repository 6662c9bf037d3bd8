package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.SoftmaxRegression;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.table.TableReader;
import dev.soma.engine.table.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soma inspect}: the credit model's 61 coefficients by name, largest standardised first, with their raw values
 * and odds ratios; the schema; a softmax model's column per class; an MLP's architecture; a format-1 file; bad files.
 */
class InspectCommandTest {

    @TempDir
    static Path dir;
    private static LogisticRegression credit;
    private static Path creditFile;
    private static Path softmaxFile;
    private static Path mlpFile;

    @BeforeAll
    static void train() throws IOException {
        var data = TableReader.read(Path.of("datasets/credit_g/train.csv"), TableSpec.builder().label("class").build());
        credit = LogisticRegression.trainer().optimizer("lbfgs").l2(1.0 / 800).fit(data);
        creditFile = dir.resolve("credit.json");
        ModelFile.save(credit, creditFile);

        // Three colours from a number and a shade: class names as text, one categorical column.
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("x,shade,colour\n");
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 300; i++) {
            int c = i % 3;
            csv.append(String.format(java.util.Locale.ROOT, "%.3f", c * 2 + random.nextGaussian())).append(',')
                    .append(random.nextInt(3) == c ? "dark" : "light").append(',').append(colours[c]).append('\n');
        }
        Path colourCsv = dir.resolve("colours.csv");
        Files.writeString(colourCsv, csv);
        var colours3 = TableReader.read(colourCsv, TableSpec.builder().label("colour").build());
        softmaxFile = dir.resolve("softmax.json");
        ModelFile.save(SoftmaxRegression.trainer().optimizer("lbfgs").maxEpochs(50).fit(colours3), softmaxFile);
        mlpFile = dir.resolve("mlp.json");
        ModelFile.save(MlpClassifier.trainer(Architecture.hidden(5).activation(Activation.TANH)).optimizer("adam")
                .maxEpochs(3).fit(colours3), mlpFile);
    }

    /** The coefficient lines of the text output: those after the "feature" header, before the intercept. */
    private static List<String> coefficientLines(String out) {
        List<String> lines = out.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  feature ")) {
                start = i + 1;
            }
        }
        List<String> rows = new ArrayList<>();
        for (int i = start; i < lines.size() && !lines.get(i).startsWith("  (intercept)"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }

    @Test
    void theCreditModelListsItsSixtyOneCoefficientsByNameLargestStandardisedFirst() {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("inspect", "--model", creditFile.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> rows = coefficientLines(run.out());
        assertEquals(61, rows.size(), run.out());
        assertTrue(run.out().contains(
                "coefficients: 61, largest first by |standardised|; a positive coefficient favours 'good'"), run.out());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("  purpose=new car ")), run.out());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("  duration ")), run.out());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("  checking_status=no checking ")), run.out());
        double previous = Double.POSITIVE_INFINITY;
        for (String row : rows) {
            String[] cells = row.trim().split("\\s{2,}");
            assertEquals(4, cells.length, row);
            double standardised = Math.abs(Double.parseDouble(cells[1]));
            assertTrue(standardised <= previous, "not sorted by |standardised| at " + row);
            previous = standardised;
        }
        assertTrue(run.out().contains("label:       'class', binary, classes [bad, good] (positive: good)"), run.out());
        assertTrue(run.out().contains("training:    lbfgs"), run.out());
        assertTrue(run.out().contains("schema:      20 columns, 7 numeric and 13 categorical"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("  purpose +categorical +10 levels: .*")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("  duration +numeric +missing → error")), run.out());
        assertTrue(run.out().contains("  (intercept) "), run.out());
    }

    @Test
    void aModelFromSomaTrainOnTheCreditTableShowsItsSixtyOneCoefficients() {
        Path file = dir.resolve("trained-by-cli.json");
        ColumnPolicyTest.Run train = ColumnPolicyTest.run("train", "--data", "datasets/credit_g/train.csv", "--label",
                "class", "--optimizer", "lbfgs", "--l2", "0.00125", "--out", file.toString());
        assertEquals(0, train.exit(), train.err());
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("inspect", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(61, coefficientLines(run.out()).size(), run.out());
        assertTrue(coefficientLines(run.out()).stream().anyMatch(r -> r.startsWith("  purpose=new car ")), run.out());
    }

    @Test
    void jsonGivesEachCoefficientsStandardisedRawAndOddsRatio() throws Exception {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("inspect", creditFile.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("logistic-regression", json.get("type").asText());
        assertEquals(61, json.get("features").asInt());
        assertEquals("good", json.get("label").get("positiveClass").asText());
        assertEquals("lbfgs", json.get("training").get("optimizer").asText());
        assertEquals(1.0 / 800, json.get("training").get("l2").asDouble(), 1e-12);
        assertEquals(2, json.get("formatVersion").asInt());

        JsonNode schema = json.get("schema");
        assertEquals(7, schema.get("numericColumns").asInt());
        assertEquals(13, schema.get("categoricalColumns").asInt());
        assertEquals(20, schema.get("columns").size());

        List<String> names = credit.featureNames();
        float[] weights = credit.weights();
        double[] scales = credit.standardizer().scales();
        JsonNode coefficients = json.get("coefficients");
        assertEquals(61, coefficients.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode c : coefficients) {
            int j = names.indexOf(c.get("feature").asText());
            assertTrue(j >= 0 && seen.add(names.get(j)), c.toString());
            assertEquals(weights[j], c.get("raw").floatValue(), c.toString());
            assertEquals(Math.exp(weights[j]), c.get("oddsRatio").asDouble(), 1e-12 * Math.exp(weights[j]), c.toString());
            assertEquals(weights[j] * scales[j], c.get("standardised").asDouble(), 1e-12, c.toString());
            double magnitude = Math.abs(c.get("standardised").asDouble());
            assertTrue(magnitude <= previous, "not sorted at " + c);
            previous = magnitude;
        }
        int newCar = names.indexOf("purpose=new car");
        assertEquals(1.0, scales[newCar], "a one-hot feature is not scaled, so its raw and standardised are the same");
        assertEquals(credit.bias(), json.get("intercept").get("raw").asDouble(), 1e-6);
    }

    @Test
    void topShowsOnlyTheLargest() throws Exception {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("inspect", "--model", creditFile.toString(), "--top", "5");
        assertEquals(0, run.exit(), run.err());
        assertEquals(5, coefficientLines(run.out()).size(), run.out());
        assertTrue(run.out().contains("the 5 largest of 61"), run.out());
        JsonNode json = new ObjectMapper().readTree(
                ColumnPolicyTest.run("inspect", "--model", creditFile.toString(), "--top", "5", "--json").out());
        assertEquals(5, json.get("coefficients").size());
    }

    @Test
    void aSoftmaxModelShowsOneColumnPerClass() throws Exception {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("inspect", softmaxFile.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("  feature +blue +green +red")), run.out());
        List<String> rows = coefficientLines(run.out());
        assertEquals(java.util.Set.of("x", "shade=dark", "shade=light"),
                java.util.Set.copyOf(rows.stream().map(r -> r.trim().split("\\s+")[0]).toList()), run.out());
        assertTrue(rows.stream().allMatch(r -> r.trim().split("\\s+").length == 4), run.out());

        JsonNode json = new ObjectMapper().readTree(ColumnPolicyTest.run("inspect", softmaxFile.toString(), "--json").out());
        JsonNode first = json.get("coefficients").get(0);
        assertEquals(List.of("blue", "green", "red"), iterate(first.get("standardised").fieldNames()));
        assertEquals(3, json.get("intercept").get("raw").size());
        assertEquals(3, json.get("coefficients").size());

        // The raw-scale coefficients and intercepts score a raw row as the model does.
        MlpClassifier model = ModelFile.load(softmaxFile, MlpClassifier.class);
        float[] row = new float[model.featureNames().size()];
        row[model.featureNames().indexOf("x")] = 1.5f;
        row[model.featureNames().indexOf("shade=dark")] = 1f;
        List<String> classes = model.label().classes();
        double[] scores = new double[classes.size()];
        for (int c = 0; c < scores.length; c++) {
            scores[c] = json.get("intercept").get("raw").get(classes.get(c)).asDouble();
            for (JsonNode coefficient : json.get("coefficients")) {
                int j = model.featureNames().indexOf(coefficient.get("feature").asText());
                scores[c] += coefficient.get("raw").get(classes.get(c)).asDouble() * row[j];
            }
        }
        double max = java.util.Arrays.stream(scores).max().orElseThrow();
        double sum = java.util.Arrays.stream(scores).map(v -> Math.exp(v - max)).sum();
        float[] p = model.predictProbabilities(row);
        for (int c = 0; c < scores.length; c++) {
            assertEquals(p[c], Math.exp(scores[c] - max) / sum, 1e-5, classes.get(c));
        }
    }

    @Test
    void anMlpShowsItsArchitectureAndParameterCount() throws Exception {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("inspect", "--model", mlpFile.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("network:     3 inputs → 5 tanh → 3 softmax outputs"), run.out());
        assertTrue(run.out().contains("parameters:  38 (20 + 18"), run.out());
        assertFalse(run.out().contains("coefficients"), run.out());
        JsonNode json = new ObjectMapper().readTree(ColumnPolicyTest.run("inspect", mlpFile.toString(), "--json").out());
        assertEquals(38, json.get("architecture").get("parameters").asInt());
        assertEquals("tanh", json.get("architecture").get("activation").asText());
    }

    @Test
    void aFormatOneNumericModelWorks() throws Exception {
        String v1 = "engine/src/test/resources/model-files-v1/logistic.json";
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("inspect", v1);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("(format version 1, written by Soma 0.1.0-SNAPSHOT)"), run.out());
        assertTrue(run.out().contains("schema:      30 numeric columns (a plain numeric table"), run.out());
        assertEquals(30, coefficientLines(run.out()).size(), run.out());
        JsonNode json = new ObjectMapper().readTree(ColumnPolicyTest.run("inspect", v1, "--json").out());
        assertEquals(30, json.get("schema").get("numericColumns").asInt());
        assertEquals(0, json.get("schema").get("categoricalColumns").asInt());
    }

    @Test
    void aFileThatIsNotAModelIsAOneLineError() throws IOException {
        Path csv = Path.of("datasets/credit_g/train.csv");
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("inspect", "--model", csv.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().startsWith("soma inspect: " + csv + " is not a Soma model file: a model file is JSON"),
                run.err());
        assertEquals(1, run.err().lines().count(), run.err());

        Path json = dir.resolve("other.json");
        Files.writeString(json, "{\"name\": \"not a model\"}");
        run = ColumnPolicyTest.run("inspect", json.toString());
        assertEquals(1, run.exit(), run.err());
        assertEquals("soma inspect: " + json + " is not a Soma model file (no \"format\": \"soma-model\")",
                run.err().strip());

        run = ColumnPolicyTest.run("inspect", "--model", dir.resolve("missing.json").toString());
        assertEquals(1, run.exit(), run.err());
        assertEquals("soma inspect: no such file: " + dir.resolve("missing.json"), run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void theModelFileIsGivenOnce() {
        ColumnPolicyTest.Run none = ColumnPolicyTest.run("inspect");
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().startsWith("which model?"), none.err());
        ColumnPolicyTest.Run both = ColumnPolicyTest.run("inspect", "--model", creditFile.toString(), creditFile.toString());
        assertEquals(2, both.exit(), both.err());
        ColumnPolicyTest.Run top = ColumnPolicyTest.run("inspect", creditFile.toString(), "--top", "0");
        assertEquals(2, top.exit(), top.err());
        assertTrue(top.err().startsWith("--top must be >= 1"), top.err());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
