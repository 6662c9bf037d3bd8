package dev.soma.engine.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Writing a dataset as CSV and reading it back gives the same dataset, bit for bit: random shapes, column names
 * that need quoting (commas, quotes, spaces, non-ASCII), the label in any column, values from
 * {@link Generators} (signed zeros, subnormals, large magnitudes) and either line ending.
 */
class CsvRoundTripPropertiesTest {

    private static final String NAME_CHARACTERS = "abcXYZ_019 ,\"'é;";

    @RepeatedTest(200)
    void aWrittenDatasetReadsBackBitForBit(RepetitionInfo repetition) throws IOException {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        int rows = random.nextInt(1, 40);
        int columns = random.nextInt(2, 12);
        int labelColumn = random.nextInt(columns);
        List<String> names = names(random, columns);
        float[][] values = new float[rows][columns];
        for (float[] row : values) {
            for (int c = 0; c < columns; c++) {
                row[c] = Generators.value(random);
            }
        }
        StringWriter text = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator(random.nextBoolean() ? "\n" : "\r\n").get();
        try (CSVPrinter printer = new CSVPrinter(text, format)) {
            printer.printRecord(names);
            for (float[] row : values) {
                List<String> cells = new ArrayList<>();
                for (float v : row) {
                    cells.add(Float.toString(v));
                }
                printer.printRecord(cells);
            }
        }

        Dataset read = CsvDatasetReader.withLabelColumn(names.get(labelColumn))
                .read(new StringReader(text.toString()), "case " + repetition.getCurrentRepetition());

        List<String> featureNames = new ArrayList<>(names);
        featureNames.remove(labelColumn);
        String seed = "seed " + repetition.getCurrentRepetition() + ":\n" + text;
        assertEquals(featureNames, read.featureNames(), seed);
        assertEquals(names.get(labelColumn), read.labelName(), seed);
        assertEquals(rows, read.size(), seed);
        for (int r = 0; r < rows; r++) {
            assertEquals(Float.floatToRawIntBits(values[r][labelColumn]), Float.floatToRawIntBits(read.label(r)), seed);
            int f = 0;
            for (int c = 0; c < columns; c++) {
                if (c != labelColumn) {
                    assertEquals(Float.floatToRawIntBits(values[r][c]), Float.floatToRawIntBits(read.feature(r, f++)),
                            seed + "row " + r + ", column " + c);
                }
            }
        }
    }

    /** Distinct, non-blank names, some of which need quoting. */
    private static List<String> names(SplittableRandom random, int count) {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < count) {
            StringBuilder name = new StringBuilder("c");
            int length = random.nextInt(0, 6);
            for (int i = 0; i < length; i++) {
                name.append(NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length())));
            }
            names.add(name.toString().strip());
        }
        return new ArrayList<>(names);
    }
}
