package dev.soma.engine.table;

import static dev.soma.engine.table.Tables.column;
import static dev.soma.engine.table.Tables.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a training table: types, levels, feature names, missing cells, imputation, standardisation. */
class TableReaderTest {

    @TempDir
    Path dir;

    private static ColumnEncoding columnOf(TableEncoding encoding, String name) {
        return encoding.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aColumnWithAWordIsCategoricalAndNumbersOnlyIsNumeric() throws IOException {
        Path file = write(dir, "t.csv", "age,city,code,y", "30,Paris,2,1", "41,Berlin,10,0", "25,Paris,2,1",
                "50,Athens,3,0");
        Dataset data = TableReader.read(file, TableSpec.inferred());
        TableEncoding encoding = data.encoding().orElseThrow();
        assertEquals(new ColumnEncoding.Numeric("age", Double.NaN, false), columnOf(encoding, "age"));
        assertEquals(new ColumnEncoding.Numeric("code", Double.NaN, false), columnOf(encoding, "code"));
        assertEquals(List.of("Athens", "Berlin", "Paris"),
                ((ColumnEncoding.Categorical) columnOf(encoding, "city")).levels(), "levels sorted");
        assertEquals(List.of("age", "city=Athens", "city=Berlin", "city=Paris", "code"), data.featureNames());
        assertArrayEquals(new float[] {
                30, 0, 0, 1, 2,
                41, 0, 1, 0, 10,
                25, 0, 0, 1, 2,
                50, 1, 0, 0, 3}, data.featureArray(), 0f);
        assertArrayEquals(new float[] {1, 0, 1, 0}, data.labels(), 0f);
        assertEquals("y", data.labelName());
        assertEquals(List.of(), data.labelClasses(), "a numeric label has no class names");
    }

    @Test
    void declaredCategoricalIntegerCodesAreLevelsSortedByValue() throws IOException {
        Path file = write(dir, "t.csv", "code,x,y", "10,1.5,a", "2,2.5,b", "3,0,a", "10,1,b", "2,1,a");
        Dataset data = TableReader.read(file, TableSpec.builder().categorical("code").build());
        assertEquals(List.of("code=2", "code=3", "code=10", "x"), data.featureNames(), "2 before 10, numerically");
        assertArrayEquals(new float[] {0, 1, 0, 0, 1}, column(data.featureArray(), 4, 0), 0f, "code=2");
        assertArrayEquals(new float[] {1, 0, 0, 1, 0}, column(data.featureArray(), 4, 2), 0f, "code=10");
        assertEquals(List.of("a", "b"), data.labelClasses());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, data.labels(), 0f);
    }

    @Test
    void aDeclaredNumericColumnWithAWordFailsNamingFileLineAndColumn() {
        Path file = write(dir, "shop.csv", "id,price,y", "1,3.5,0", "2,cheap,1", "3,4,0");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReader.read(file, TableSpec.builder().numeric("price").build()));
        assertEquals("shop.csv", e.source());
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().startsWith("shop.csv line 3, column 2: "), e.getMessage());
        assertTrue(e.getMessage().contains("cheap"), e.getMessage());
    }

    @Test
    void ignoredColumnsAreLeftOutAndRecorded() throws IOException {
        Path file = write(dir, "t.csv", "id,name,x,y", "1,ann,0.5,0", "2,bob,1.5,1", "3,cy,2.5,0");
        Dataset data = TableReader.read(file, TableSpec.builder().ignore("id", "name").build());
        assertEquals(List.of("x"), data.featureNames());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f}, data.featureArray(), 0f);
        assertEquals(List.of("id", "name"), data.encoding().orElseThrow().ignored());
    }

    @Test
    void theLabelIsTheLastColumnOrTheOneNamed() throws IOException {
        Path file = write(dir, "t.csv", "outcome,x,z", "yes,1,5", "no,2,6", "yes,3,7");
        Dataset last = TableReader.read(file, TableSpec.inferred());
        assertEquals("z", last.labelName());
        assertEquals(List.of("outcome=no", "outcome=yes", "x"), last.featureNames());
        Dataset named = TableReader.read(file, TableSpec.builder().label("outcome").build());
        assertEquals(List.of("no", "yes"), named.labelClasses());
        assertArrayEquals(new float[] {1, 0, 1}, named.labels(), 0f);
        assertEquals(List.of("x", "z"), named.featureNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NA", "na", "N/A", "n/a", "null", "NULL", "Null", "?"})
    void missingSpellingsAreMissingIgnoringCaseAndACategoricalMissingCellIsALevelOfItsOwn(String spelling)
            throws IOException {
        Path file = write(dir, "t.csv", "color,y", "red,1", spelling + ",0", "blue,1");
        Dataset data = TableReader.read(file, TableSpec.inferred());
        assertEquals(List.of("color=blue", "color=red", "color=<missing>"), data.featureNames(),
                "'" + spelling + "' is missing, <missing> last");
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 1, 1, 0, 0}, data.featureArray(), 0f);
    }

    @Test
    void naValuesReplacesTheDefaultSpellings() throws IOException {
        Path file = write(dir, "t.csv", "color,n,y", "NA,1,1", "-,2,0", "red,-,1", "red,4,0");
        TableSpec spec = TableSpec.builder().naValues(List.of("-")).impute(Impute.MEAN).build();
        Dataset data = TableReader.read(file, spec);
        assertEquals(List.of("color=NA", "color=red", "color=<missing>", "n"), data.featureNames(),
                "NA is a level once the spellings are replaced; '-' is missing");
        assertEquals(7.0 / 3, ((ColumnEncoding.Numeric) columnOf(data.encoding().orElseThrow(), "n")).fill(), 0);
        Path defaults = write(dir, "d.csv", "color,y", "NA,1", "-,0", "red,1");
        assertEquals(List.of("color=-", "color=red", "color=<missing>"),
                TableReader.read(defaults, TableSpec.inferred()).featureNames());
    }

    @Test
    void aMissingNumericCellWithoutImputeFailsNamingFileLineColumnAndImpute() {
        Path file = write(dir, "ages.csv", "name,age,y", "a,30,1", "b,41,0", "c,,1");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReader.read(file, TableSpec.builder().ignore("name").build()));
        assertEquals(4, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().startsWith("ages.csv line 4, column 2: "), e.getMessage());
        assertTrue(e.getMessage().contains("--impute mean"), e.getMessage());
        Path na = write(dir, "na.csv", "age,y", "30,1", "NA,0");
        DataFormatException e2 = assertThrows(DataFormatException.class, () -> TableReader.read(na, TableSpec.inferred()));
        assertTrue(e2.getMessage().startsWith("na.csv line 3, column 1: 'age' is 'NA'"), e2.getMessage());
    }

    @Test
    void imputeMeanAndMedianFillWithTheTrainingStatistic() throws IOException {
        // odd count of present cells (1, 2, 10): mean 13/3, median 2; even count (1, 2, 4, 10): mean 4.25, median 3
        Path file = write(dir, "t.csv", "odd,even,y", "1,1,0", "?,2,1", "10,,0", "2,4,1", ",10,0");
        for (Impute how : List.of(Impute.MEAN, Impute.MEDIAN)) {
            Dataset data = TableReader.read(file, TableSpec.builder().impute(how).build());
            TableEncoding encoding = data.encoding().orElseThrow();
            double odd = how == Impute.MEAN ? 13.0 / 3 : 2;
            double even = how == Impute.MEAN ? 4.25 : 3;
            assertEquals(new ColumnEncoding.Numeric("odd", odd, false), columnOf(encoding, "odd"), how.name());
            assertEquals(new ColumnEncoding.Numeric("even", even, false), columnOf(encoding, "even"), how.name());
            assertArrayEquals(new float[] {
                    1, 1,
                    (float) odd, 2,
                    10, (float) even,
                    2, 4,
                    (float) odd, 10}, data.featureArray(), 0f, how.name());
        }
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, TableReader.statistic(new float[] {4, 1, 3, 2}, Impute.MEDIAN), 0);
        assertEquals(3, TableReader.statistic(new float[] {5, 1, 3}, Impute.MEDIAN), 0);
        assertEquals(((double) 0.1f + 0.2f) / 2, TableReader.statistic(new float[] {0.1f, 0.2f}, Impute.MEAN), 0,
                "the mean is taken in double");
    }

    @Test
    void aMissingIndicatorIsAddedOnlyForNumericColumnsThatHadMissingCells() throws IOException {
        Path file = write(dir, "t.csv", "a,b,c,y", "1,5,x,0", ",6,,1", "3,7,z,0");
        Dataset data = TableReader.read(file, TableSpec.builder().impute(Impute.MEDIAN).missingIndicator(true).build());
        assertEquals(List.of("a", "a=<missing>", "b", "c=x", "c=z", "c=<missing>"), data.featureNames());
        assertArrayEquals(new float[] {
                1, 0, 5, 1, 0, 0,
                2, 1, 6, 0, 0, 1,
                3, 0, 7, 0, 1, 0}, data.featureArray(), 0f);
        assertArrayEquals(new boolean[] {false, true, false, true, true, true}, data.unscaledColumns());
        assertThrows(IllegalArgumentException.class, () -> TableSpec.builder().missingIndicator(true).build(),
                "an indicator without an impute strategy is refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "-Infinity", "inf"})
    void nanOrInfinitySpelledInANumericColumnStaysAnError(String spelling) {
        Path file = write(dir, "t.csv", "x,y", "1,0", spelling + ",1", "2,0");
        for (Impute how : Impute.values()) {
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> TableReader.read(file, TableSpec.builder().impute(how).build()), how.name());
            assertEquals(3, e.line(), e.getMessage());
            assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
        }
    }

    @Test
    void standardisationLeavesOneHotAndIndicatorFeaturesAloneAndStandardisesNumericOnes() throws IOException {
        Path file = write(dir, "t.csv", "a,c,y", "1,x,0", ",y,1", "3,x,0", "6,,1");
        Dataset data = TableReader.read(file, TableSpec.builder().impute(Impute.MEAN).missingIndicator(true).build());
        assertEquals(List.of("a", "a=<missing>", "c=x", "c=y", "c=<missing>"), data.featureNames());
        Standardizer s = Standardizer.fit(data);
        // a: 1, 10/3 (imputed), 3, 6 → mean 10/3 in float arithmetic, population std
        float[] a = column(data.featureArray(), 5, 0);
        double mean = 0;
        for (float v : a) {
            mean += v;
        }
        mean /= a.length;
        double var = 0;
        for (float v : a) {
            var += (v - mean) * (v - mean);
        }
        assertEquals(mean, s.means()[0], 0);
        assertEquals(Math.sqrt(var / a.length), s.scales()[0], 0);
        assertEquals(10.0 / 3, mean, 1e-6);
        for (int j = 1; j < 5; j++) {
            assertEquals(0, s.means()[j], 0, data.featureNames().get(j));
            assertEquals(1, s.scales()[j], 0, data.featureNames().get(j));
        }
        // a plain numeric dataset of the same numbers is standardised in every column
        Dataset plain = Dataset.fromRowMajor(data.featureArray(), 5, data.labels());
        Standardizer p = Standardizer.fit(plain);
        assertTrue(p.means()[2] > 0 && p.scales()[2] != 1, "without an encoding, every column is scaled");
        assertFalse(s.isIdentity());

        // a trained model's standardisation too, also when early stopping fits it on a subset of the rows
        for (double validation : new double[] {0, 0.25}) {
            LogisticRegression model = LogisticRegression.trainer().earlyStopping(validation).maxEpochs(3).fit(data);
            for (int j = 1; j < 5; j++) {
                assertEquals(0, model.standardizer().means()[j], 0, validation + " " + data.featureNames().get(j));
                assertEquals(1, model.standardizer().scales()[j], 0, validation + " " + data.featureNames().get(j));
            }
        }
    }

    @Test
    void breastCancerReadsAsATableBitForBitAsTheNumericReader() throws IOException {
        Path file = TestData.datasets().resolve("breast_cancer/train.csv");
        Dataset table = TableReader.read(file, TableSpec.inferred());
        Dataset csv = TestData.breastCancerTrain();
        assertEquals(csv.featureNames(), table.featureNames());
        assertEquals(csv.labelName(), table.labelName());
        assertArrayEquals(csv.featureArray(), table.featureArray(), 0f);
        assertArrayEquals(csv.labels(), table.labels(), 0f);
        assertTrue(table.encoding().orElseThrow().isPlainNumeric());

        LogisticRegression fromCsv = LogisticRegression.trainer().optimizer("lbfgs").l2(1.0 / 456).fit(csv);
        LogisticRegression fromTable = LogisticRegression.trainer().optimizer("lbfgs").l2(1.0 / 456).fit(table);
        assertArrayEquals(fromCsv.weights(), fromTable.weights(), 0f);
        assertEquals(Float.floatToIntBits(fromCsv.bias()), Float.floatToIntBits(fromTable.bias()));
        assertEquals(fromCsv.summary().epochs(), fromTable.summary().epochs());
        assertArrayEquals(fromCsv.standardizer().scales(), fromTable.standardizer().scales(), 0);
    }
}
