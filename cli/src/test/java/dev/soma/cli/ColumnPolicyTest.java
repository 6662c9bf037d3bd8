package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code predict} and {@code evaluate} read a file the same way: the model's columns by name, in any order,
 * other columns (text too) ignored, in either layout; {@code predict --keep} carries columns through.
 */
class ColumnPolicyTest {

    private static final String TRAIN = "datasets/breast_cancer/train.csv";
    private static final String TEST = "datasets/breast_cancer/test.csv";

    @TempDir
    static Path dir;
    private static Path model;
    /** The test split with its columns reversed and two more: an id and a name holding commas and text. */
    private static Path reordered;
    /** The test split transposed: one feature per row, with a text row of names. */
    private static Path columns;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SomaCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainAndRewrite() throws IOException {
        model = dir.resolve("model.json");
        Run train = run("train", "--data", TRAIN, "--l2", "0.002", "--out", model.toString());
        assertEquals(0, train.exit(), train.err());

        List<String> lines = Files.readAllLines(Path.of(TEST));
        List<String[]> cells = lines.stream().map(l -> l.split(",")).toList();
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            List<String> row = new ArrayList<>(List.of(cells.get(r)));
            Collections.reverse(row);
            String id = r == 0 ? "id" : "p" + r;
            String name = r == 0 ? "name" : "\"Doe, patient " + r + "\"";
            rows.append(id).append(',').append(String.join(",", row)).append(',').append(name).append('\n');
        }
        reordered = dir.resolve("reordered.csv");
        Files.writeString(reordered, rows);

        StringBuilder transposed = new StringBuilder("feature");
        for (int e = 1; e < cells.size(); e++) {
            transposed.append(",e").append(e);
        }
        transposed.append("\nname");
        for (int e = 1; e < cells.size(); e++) {
            transposed.append(",patient").append(e);
        }
        transposed.append('\n');
        for (int c = 0; c < cells.getFirst().length; c++) {
            transposed.append(cells.getFirst()[c]);
            for (int e = 1; e < cells.size(); e++) {
                transposed.append(',').append(cells.get(e)[c]);
            }
            transposed.append('\n');
        }
        columns = dir.resolve("columns.csv");
        Files.writeString(columns, transposed);
    }

    @Test
    void evaluateReadsReorderedExtraAndTextColumnsAsPredictDoes() {
        Run plain = run("evaluate", "--model", model.toString(), "--data", TEST, "--json");
        Run shuffled = run("evaluate", "--model", model.toString(), "--data", reordered.toString(), "--json");
        assertEquals(0, plain.exit(), plain.err());
        assertEquals(0, shuffled.exit(), shuffled.err());
        assertEquals(plain.out().replace(TEST, ""), shuffled.out().replace(reordered.toString(), ""));
    }

    @Test
    void evaluateAndPredictTakeTheColumnLayout() {
        Run plain = run("evaluate", "--model", model.toString(), "--data", TEST);
        Run transposed = run("evaluate", "--model", model.toString(), "--data", columns.toString(),
                "--layout", "columns");
        assertEquals(0, transposed.exit(), transposed.err());
        assertEquals(plain.out(), transposed.out());

        Run predicted = run("predict", "--model", model.toString(), "--data", TEST, "--probabilities");
        Run predictedColumns = run("predict", "--model", model.toString(), "--data", columns.toString(),
                "--layout", "columns", "--probabilities");
        assertEquals(0, predictedColumns.exit(), predictedColumns.err());
        assertEquals(predicted.out(), predictedColumns.out());
    }

    @Test
    void theLabelIsFoundByTheModelsLabelNameNotByPosition() throws IOException {
        // The label first: by position, the last column (a feature) would be scored as the label.
        Path labelFirst = dir.resolve("label-first.csv");
        Files.writeString(labelFirst, String.join("\n", Files.readAllLines(Path.of(TEST)).stream()
                .map(l -> l.substring(l.lastIndexOf(',') + 1) + "," + l.substring(0, l.lastIndexOf(','))).toList()));
        Run plain = run("evaluate", "--model", model.toString(), "--data", TEST);
        Run moved = run("evaluate", "--model", model.toString(), "--data", labelFirst.toString());
        assertEquals(0, moved.exit(), moved.err());
        assertEquals(plain.out(), moved.out());
    }

    @Test
    void keepCopiesColumnsFirstAsWritten() {
        Run plain = run("predict", "--model", model.toString(), "--data", TEST, "--probabilities");
        Run kept = run("predict", "--model", model.toString(), "--data", reordered.toString(), "--probabilities",
                "--keep", "name,id");
        assertEquals(0, kept.exit(), kept.err());
        List<String> expected = plain.out().lines().toList();
        List<String> lines = kept.out().lines().toList();
        assertEquals("name,id," + expected.getFirst(), lines.getFirst());
        assertEquals("\"Doe, patient 1\",p1," + expected.get(1), lines.get(1));
        assertEquals("\"Doe, patient 113\",p113," + expected.get(113), lines.get(113));
        assertEquals(expected.size(), lines.size());

        Run columnIds = run("predict", "--model", model.toString(), "--data", columns.toString(),
                "--layout", "columns", "--keep", "feature,name");
        assertEquals(0, columnIds.exit(), columnIds.err());
        assertTrue(columnIds.out().startsWith("feature,name,prediction\ne1,patient1,"), columnIds.out());
    }

    @Test
    void anUnknownKeepColumnIsNamedWithTheFilesColumns() {
        Run run = run("predict", "--model", model.toString(), "--data", reordered.toString(), "--keep", "id,nmae");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("soma predict: --keep: reordered.csv line 1: there is no column [nmae];"
                + " the columns are [id, label, worst_fractal_dimension,"), run.err());
        assertTrue(run.err().contains(", mean_radius, name]"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}
