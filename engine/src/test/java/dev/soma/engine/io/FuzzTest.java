package dev.soma.engine.io;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the two readers with a fixed budget: whatever the bytes, the CSV reader either returns a
 * dataset or throws {@link DataFormatException}, and the model reader either returns a model or throws
 * {@link IOException} — never anything else. Raise {@code soma.fuzz.cases} to run longer.
 */
class FuzzTest {

    private static final int CASES = Integer.getInteger("soma.fuzz.cases", 10_000);
    private static final String SEED_CSV = "a,b,label\n1.5,2,0\n\"3\",-4e2,1\n0.25, 7 ,1\n";
    private static final char[] ALPHABET = "0123456789.,-+eE\"\n\r\t abcNaInfy\uFEFF".toCharArray();

    @Test
    void theCsvReaderOnlyEverThrowsDataFormatException() {
        Random random = new Random(20261126);
        int datasets = 0;
        for (int c = 0; c < CASES; c++) {
            String input = mutate(SEED_CSV, random);
            try {
                Dataset data = CsvDatasetReader.withLabelColumn(null).read(new StringReader(input), "fuzz.csv");
                assertTrue(data.size() > 0 && data.dimension() > 0);
                datasets++;
            } catch (DataFormatException expected) {
                assertTrue(expected.getMessage().startsWith("fuzz.csv"), expected.getMessage());
            } catch (IOException | RuntimeException e) {
                fail("case " + c + " threw " + e + " for input " + escape(input), e);
            }
        }
        assertTrue(datasets > CASES / 100, "the fuzzer also reaches valid inputs: " + datasets);
    }

    @Test
    void theModelReaderOnlyEverThrowsIOException(@TempDir Path dir) throws IOException {
        LogisticRegression model = LogisticRegression.trainer().maxEpochs(2)
                .fit(Dataset.fromRows(new float[][] {{1, 2}, {2, 1}, {3, 3}}, new float[] {0, 1, 1}));
        Path good = dir.resolve("good.json");
        ModelFile.save(model, good);
        String json = Files.readString(good);
        Random random = new Random(7);
        Path file = dir.resolve("fuzzed.json");
        int cases = Math.max(1, CASES / 5);
        for (int c = 0; c < cases; c++) {
            String input = mutate(json, random);
            Files.writeString(file, input, StandardCharsets.UTF_8);
            try {
                ModelFile.load(file);
            } catch (IOException expected) {
                assertTrue(expected.getMessage().contains("fuzzed.json"), expected.getMessage());
            } catch (RuntimeException e) {
                fail("case " + c + " threw " + e + " for " + escape(input), e);
            }
        }
    }

    /** One to four random edits: replace, insert or delete a character, or cut the text short. */
    private static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.setCharAt(at, ALPHABET[random.nextInt(ALPHABET.length)]);
                case 1 -> s.insert(at, ALPHABET[random.nextInt(ALPHABET.length)]);
                case 2 -> s.deleteCharAt(at);
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }

    private static String escape(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r");
    }
}
