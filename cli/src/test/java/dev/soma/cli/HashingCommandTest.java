package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Feature hashing from the command line: a CSV of short messages (a text column), a sender id with thousands of
 * levels and an amount with gaps, trained with --hash and --text on sparse rows, then scored and predicted from
 * the raw CSV by the saved model.
 */
class HashingCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SPAM = {"win", "free", "money", "prize", "click", "offer", "cash", "urgent"};
    private static final String[] HAM = {"meeting", "project", "report", "lunch", "tomorrow", "schedule", "review"};
    private static final String[] COMMON = {"the", "a", "to", "you", "for", "and", "is", "this", "please", "now"};

    @TempDir
    static Path dir;

    static Path train;
    static Path test;
    static Path model;
    static JsonNode trained;

    @BeforeAll
    static void trainOnMessages() throws IOException {
        train = write("train.csv", 2000, 1);
        test = write("test.csv", 500, 2);
        model = dir.resolve("spam.json");
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("train", "--data", train.toString(), "--test", test.toString(),
                "--hash", "16", "--text", "message", "--ignore", "id", "--impute", "mean", "--l2", "0.001", "--json",
                "--out", model.toString());
        assertEquals(0, run.exit(), run.err());
        trained = JSON.readTree(run.out());
    }

    private static Path write(String name, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("id,sender,message,amount,label"));
        for (int i = 0; i < rows; i++) {
            boolean spam = random.nextDouble() < 0.4;
            List<String> words = new ArrayList<>();
            for (int w = 2 + random.nextInt(4); w > 0; w--) {
                String[] from = (random.nextDouble() < 0.85) == spam ? SPAM : HAM;
                words.add(from[random.nextInt(from.length)]);
            }
            for (int w = 0; w < 3; w++) {
                words.add(COMMON[random.nextInt(COMMON.length)]);
            }
            java.util.Collections.shuffle(words, random);
            String amount = random.nextDouble() < 0.05 ? "" : String.valueOf(random.nextInt(200));
            lines.add(i + ",u" + random.nextInt(5000) + ",\"" + String.join(" ", words).toUpperCase() + "!\"," + amount
                    + "," + (spam ? "spam" : "ham"));
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void trainsOnHashedSparseRowsAndLearnsTheWords() {
        assertEquals(1 + (1 << 16), trained.at("/schema/features").asInt());
        assertEquals("text", trained.at("/schema/columns/1").get("type").asText(), trained.at("/schema").toString());
        assertEquals("hashed", trained.at("/schema/columns/0").get("type").asText());
        assertTrue(trained.at("/test/accuracy").asDouble() > 0.9, trained.at("/test").toString());
    }

    @Test
    void theSavedModelScoresAndPredictsTheRawCsv() throws IOException {
        ColumnPolicyTest.Run evaluate = ColumnPolicyTest.run("evaluate", "--model", model.toString(), "--data",
                test.toString(), "--json");
        assertEquals(0, evaluate.exit(), evaluate.err());
        JsonNode metrics = JSON.readTree(evaluate.out()).get("metrics");
        assertEquals(trained.at("/test/accuracy").asDouble(), metrics.get("accuracy").asDouble(), 0);
        assertEquals(trained.at("/test/logLoss").asDouble(), metrics.get("logLoss").asDouble(), 0);

        ColumnPolicyTest.Run predict = ColumnPolicyTest.run("predict", "--model", model.toString(), "--data",
                test.toString(), "--probabilities");
        assertEquals(0, predict.exit(), predict.err());
        List<String> lines = predict.out().lines().toList();
        assertEquals("prediction,probability", lines.getFirst());
        assertEquals(501, lines.size());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("spam,") || l.startsWith("ham,")), lines.get(1));

        ColumnPolicyTest.Run inspect = ColumnPolicyTest.run("inspect", model.toString(), "--top", "3");
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("hash:"), inspect.out());
    }

    @Test
    void textWithoutHashIsAUsageError() {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("train", "--data", train.toString(), "--text", "message");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--text columns are hashed into features: give --hash BITS"), run.err());
    }
}
