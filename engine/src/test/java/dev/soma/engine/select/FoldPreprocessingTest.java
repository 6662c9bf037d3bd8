package dev.soma.engine.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.Model;
import dev.soma.engine.table.ColumnEncoding;
import dev.soma.engine.table.Impute;
import dev.soma.engine.table.TableEncoding;
import dev.soma.engine.table.TableRows;
import dev.soma.engine.table.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leakage: the preprocessing of each fold's model is learned from that fold's training rows only. The held-out
 * fold 0 has what would change it — the level 'purple', the only missing cells of 'num' (an indicator, and rows
 * that do not count in the mean), and sizes a thousand times larger (the standardisation's mean).
 */
class FoldPreprocessingTest {

    @TempDir
    Path dir;

    private static final String TABLE = """
            num,color,size,y
            ,purple,1000,a
            ,purple,1100,b
            1,red,900,a
            2,blue,1000,b
            ,red,1200,a
            3,blue,950,b
            10,red,1,a
            20,blue,2,b
            30,red,3,a
            40,blue,4,b
            50,red,5,a
            60,blue,6,b
            """;

    @Test
    void eachFoldLearnsItsEncodingAndStandardisationFromItsTrainingRowsOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("leak.csv"), TABLE);
        TableRows table = TableRows.read(file, TableSpec.builder().label("y").impute(Impute.MEAN)
                .missingIndicator(true).build());
        Folds folds = Folds.of(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1});
        CrossValidationResult cv = CrossValidation.of(LogisticRegression.trainer().optimizer("lbfgs").l2(0.1)
                .maxEpochs(100), 2).folds(folds).run(table);

        Model fold0 = cv.foldResults().get(0).model();
        TableEncoding encoding = fold0.encoding();
        // Learned from rows 6..11 alone: no 'purple', no missing cells (so no indicator), the mean fill 35.
        assertEquals(new ColumnEncoding.Numeric("num", 35.0, false), encoding.columns().get(0));
        assertEquals(new ColumnEncoding.Categorical("color", List.of("blue", "red")), encoding.columns().get(1));
        assertEquals(table.fit(folds.training(0)).encoding().orElseThrow(), encoding);
        TableEncoding whole = table.fitAll().encoding().orElseThrow();
        assertNotEquals(whole, encoding);
        assertEquals(new ColumnEncoding.Numeric("num", 24.0, true), whole.columns().get(0));

        // The standardisation: the training rows' means (num 35, size 3.5), not the whole table's.
        Dataset training = table.fit(folds.training(0));
        Standardizer expected = Standardizer.fit(training);
        assertArrayEquals(expected.means(), fold0.standardizer().means(), 0);
        int size = fold0.featureNames().indexOf("size");
        assertEquals(3.5, fold0.standardizer().means()[size], 1e-12);
        assertEquals(35.0, fold0.standardizer().means()[fold0.featureNames().indexOf("num")], 1e-12);
        assertEquals(6, cv.foldResults().get(0).heldOutSize());

        // Fold 1 trains on rows 0..5: there 'num' has missing cells, so it imputes their mean and adds an indicator.
        TableEncoding encoding1 = cv.foldResults().get(1).model().encoding();
        assertEquals(new ColumnEncoding.Numeric("num", 2.0, true), encoding1.columns().get(0));
        assertFalse(encoding1.featureNames().contains("color=<missing>"));
    }

    /** The regularisation path's cross-validation on a table learns each fold's encoding the same way. */
    @Test
    void thePathsFoldsLearnTheirEncodingFromTheirTrainingRowsOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("leak.csv"), TABLE);
        TableRows table = TableRows.read(file, TableSpec.builder().label("y").impute(Impute.MEAN)
                .missingIndicator(true).build());
        Folds folds = Folds.of(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1});
        double[] lambdas = {1.0, 0.1};
        RegularizationPath<LogisticRegression> path = RegularizationPath.of(
                LogisticRegression.trainer().optimizer("lbfgs").maxEpochs(200), lambdas);
        RegularizationPath.CrossValidated<LogisticRegression> cv = path.crossValidate(table, folds,
                RegularizationPath.Metric.LOG_LOSS);
        Dataset all = table.fitAll();
        int leakVisible = 0;
        for (int f = 0; f < 2; f++) {
            // By hand: the path on the fold's own encoding, its held-out rows read through it as new rows.
            List<RegularizationPath.Point<LogisticRegression>> own = path.fit(table.fit(folds.training(f)));
            // The leak: the path on the whole table's encoding.
            List<RegularizationPath.Point<LogisticRegression>> leaky = path.fit(all.subset(folds.training(f)));
            for (int i = 0; i < lambdas.length; i++) {
                LogisticRegression model = own.get(i).model();
                double expected = model.report(table.encode(model.encoding(), folds.heldOut(f)).data()).logLoss();
                assertEquals(expected, cv.foldScores()[f][i], 0, "fold " + f + ", λ " + lambdas[i]);
                double leaked = leaky.get(i).model().report(all.subset(folds.heldOut(f))).logLoss();
                leakVisible += leaked != cv.foldScores()[f][i] ? 1 : 0;
            }
        }
        // Where the held-out rows are far off (fold 0's sizes) both saturate; elsewhere the leak shows.
        assertNotEquals(0, leakVisible, "the whole table's encoding gives the same scores: the test cannot see a leak");
    }
}
