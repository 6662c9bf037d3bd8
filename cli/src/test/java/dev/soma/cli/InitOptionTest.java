package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code soma train --init}: warm start from a model file, and the errors for a model of another type or schema. */
class InitOptionTest {

    @TempDir
    Path dir;

    private static ColumnPolicyTest.Run run(String... args) {
        return ColumnPolicyTest.run(args);
    }

    private static int epochs(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"epochs\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aModelAtTheOptimumContinuesForAFewEpochs() {
        Path model = dir.resolve("model.json");
        ColumnPolicyTest.Run cold = run("train", "--data", "datasets/credit_g/train.csv", "--label", "class",
                "--l2", "0.002", "--out", model.toString(), "--json");
        assertEquals(0, cold.exit(), cold.err());
        assertTrue(epochs(cold.out()) > 5, cold.out());
        ColumnPolicyTest.Run warm = run("train", "--data", "datasets/credit_g/train.csv", "--label", "class",
                "--l2", "0.002", "--init", model.toString(), "--json");
        assertEquals(0, warm.exit(), warm.err());
        // The CLI's L-BFGS tolerance is a gradient norm of 1e-7; the model file's float weights for raw features,
        // unfolded, sit just above it: a few epochs (3 measured) against 107 cold.
        assertTrue(epochs(warm.out()) <= 4, warm.out());
    }

    @Test
    void aModelOfAnotherTypeOrSchemaIsAClearError() {
        Path svm = dir.resolve("svm.json");
        assertEquals(0, run("train", "--data", "datasets/breast_cancer/train.csv", "--model", "svm", "--out",
                svm.toString()).exit());
        ColumnPolicyTest.Run type = run("train", "--data", "datasets/breast_cancer/train.csv", "--init",
                svm.toString());
        assertNotEquals(0, type.exit());
        assertTrue(type.err().contains("linear-svm") && type.err().contains("logistic-regression"), type.err());

        ColumnPolicyTest.Run schema = run("train", "--data", "datasets/credit_g/train.csv", "--label", "class",
                "--init", svm.toString());
        assertNotEquals(0, schema.exit());
        assertTrue(schema.err().contains("mean_radius"), schema.err());
    }

    @Test
    void dataTheModelCannotContinueOnIsRefused() throws Exception {
        Path credit = dir.resolve("credit.json");
        assertEquals(0, run("train", "--data", "datasets/credit_g/train.csv", "--label", "class", "--out",
                credit.toString()).exit());
        // One class only: a fit from scratch refuses it, and so does a continued fit.
        List<String> lines = Files.readAllLines(Path.of("datasets/credit_g/train.csv"));
        Path good = Files.write(dir.resolve("good.csv"), lines.stream().filter(l -> !l.endsWith(",bad")).toList());
        ColumnPolicyTest.Run oneClass = run("train", "--data", good.toString(), "--label", "class", "--init",
                credit.toString());
        assertEquals(1, oneClass.exit());
        assertTrue(oneClass.err().contains("every label 'class' is good"), oneClass.err());
        // A level the model never saw cannot get a weight: an error naming it, unless --unknown zeros.
        Path astronauts = Files.write(dir.resolve("astronauts.csv"),
                lines.stream().map(l -> l.replace(",skilled,", ",astronaut,")).toList());
        ColumnPolicyTest.Run unseen = run("train", "--data", astronauts.toString(), "--label", "class", "--init",
                credit.toString());
        assertEquals(1, unseen.exit());
        assertTrue(unseen.err().contains("astronaut"), unseen.err());
        assertEquals(0, run("train", "--data", astronauts.toString(), "--label", "class", "--init", credit.toString(),
                "--unknown", "zeros").exit());
        // Table options cannot change the model's encoding.
        ColumnPolicyTest.Run option = run("train", "--data", "datasets/credit_g/train.csv", "--label", "class",
                "--init", credit.toString(), "--categorical", "duration");
        assertEquals(2, option.exit());
        assertTrue(option.err().contains("--categorical cannot change how a model continued with --init"),
                option.err());
    }
}
