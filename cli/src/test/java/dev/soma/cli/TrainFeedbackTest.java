package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What train tells: the validation loss and the kept epoch, and in JSON the options as they ran. */
class TrainFeedbackTest {

    private static final String TRAIN = "datasets/breast_cancer/train.csv";

    @Test
    void withValidationTheTextShowsTheValidationLossAndTheKeptEpoch() {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("train", "--data", TRAIN, "--validation", "0.2",
                "--epochs", "40");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().lines().filter(l -> l.startsWith("epoch ")).allMatch(l -> l.contains("  validation 0.")),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(
                "kept the weights of epoch \\d+, the best on validation \\(validation loss 0\\.\\d{7}\\)")), run.out());
    }

    @Test
    void jsonShowsTheEffectiveOptionsWithDefaultsAndTheKeptEpoch() throws Exception {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("train", "--data", TRAIN, "--validation", "0.2",
                "--epochs", "30", "--option", "history=5", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode options = json.get("options");
        assertEquals(5, options.get("history").asInt(), run.out());
        assertEquals(1.0, options.get("learningRate").asDouble(), "lbfgs's default: " + run.out());
        assertEquals(30, options.get("maxLineSearch").asInt(), run.out());
        assertTrue(json.get("lossOptions").isObject(), run.out());
        assertTrue(json.get("bestEpoch").asInt() >= 1, run.out());
        assertEquals(json.get("validation").get("loss").asDouble(), json.get("validationLoss").asDouble());
    }

    @Test
    void theLossOptionsShowTheirDefaults() throws Exception {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("train", "--data", TRAIN, "--model", "linear", "--loss",
                "huber", "--epochs", "5", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1.0, json.get("lossOptions").get("delta").asDouble(), run.out());
        assertTrue(json.get("bestEpoch") == null, "no validation, no bestEpoch: " + run.out());
    }
}
