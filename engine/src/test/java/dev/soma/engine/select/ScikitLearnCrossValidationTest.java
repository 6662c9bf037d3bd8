package dev.soma.engine.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.table.TableRows;
import dev.soma.engine.table.TableSpec;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The 5-fold cross-validated log loss at λ = 0.002 equals scikit-learn's {@code cross_val_score} on the same folds
 * (a Pipeline of StandardScaler, OneHotEncoder for the table's words, and LogisticRegression with C = 1/(λ·n) per
 * fold) to 1e-4. The reference values were computed once by {@code datasets/cv_reference/cv_reference.py}
 * (scikit-learn 1.2.1) and are recorded in {@code datasets/cv_reference/reference.json}; the folds are Soma's
 * (seed 0), saved beside them.
 */
class ScikitLearnCrossValidationTest {

    private static final double L2 = 0.002;

    private static Trainer<LogisticRegression> trainer() {
        return LogisticRegression.trainer().optimizer("lbfgs").l2(L2).maxEpochs(1000).gradientTolerance(1e-7)
                .costTolerance(0);
    }

    private static Path reference(String file) {
        return TestData.datasets().resolve("cv_reference").resolve(file);
    }

    private static void assertMatches(double[] scikitLearn, CrossValidationResult cv) {
        double[] soma = cv.summary(Metric.LOG_LOSS).values();
        double mean = 0;
        for (int f = 0; f < 5; f++) {
            assertEquals(scikitLearn[f], soma[f], 1e-4, "fold " + f);
            mean += scikitLearn[f] / 5;
        }
        assertEquals(mean, cv.mean(Metric.LOG_LOSS), 1e-4);
    }

    @Test
    void breastCancerMatchesCrossValScore() throws IOException {
        TableRows table = TableRows.read(TestData.datasets().resolve("breast_cancer/train.csv"), TableSpec.inferred());
        Folds folds = Folds.read(reference("breast_cancer_folds.csv"));
        assertEquals(Folds.stratified(table.fitAll(), 5, 0), folds); // the recorded folds are Soma's, seed 0
        CrossValidationResult cv = CrossValidation.of(trainer(), 5).folds(folds).run(table.fitAll());
        assertMatches(new double[] {0.10431827654471994, 0.08188602070289941, 0.10108474852433565,
                0.10747359463371904, 0.03828563949967666}, cv);
        assertEquals(0.08660965598107014, cv.mean(Metric.LOG_LOSS), 1e-4);
    }

    @Test
    void creditMatchesCrossValScoreWithOneHotLearnedPerFold() throws IOException {
        TableRows table = TableRows.read(TestData.datasets().resolve("credit_g/train.csv"),
                TableSpec.builder().label("class").build());
        Folds folds = Folds.read(reference("credit_g_folds.csv"));
        assertEquals(Folds.stratified(table.fitAll(), 5, 0), folds);
        CrossValidationResult cv = CrossValidation.of(trainer(), 5).folds(folds).run(table);
        assertMatches(new double[] {0.508492447795633, 0.4965991635189093, 0.5111013991047312,
                0.5399467228337216, 0.4875014041917707}, cv);
        assertEquals(0.5087282274889532, cv.mean(Metric.LOG_LOSS), 1e-4);
    }
}
