package dev.soma.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.metrics.ClassificationReport;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The two real tables with float64 references from scikit-learn (datasets/README.md): numeric columns
 * standardised, categorical one-hot (an empty cell its own level), L2 logistic regression with λ = 1/n.
 */
class RealTablesTest {

    private static LogisticRegression fit(Dataset train) {
        return LogisticRegression.trainer().optimizer("lbfgs").l2(1.0 / train.size()).maxEpochs(5000)
                .gradientTolerance(1e-7).costTolerance(0).fit(train);
    }

    private static Path table(String name, String file) {
        return TestData.datasets().resolve(name).resolve(file);
    }

    @Test
    void creditReachesScikitLearnsOptimum() throws IOException {
        Dataset train = TableReader.read(table("credit_g", "train.csv"), TableSpec.builder().label("class").build());
        assertEquals(61, train.dimension());
        assertEquals(java.util.List.of("bad", "good"), train.labelClasses());
        assertTrue(train.featureNames().contains("purpose=new car"), train.featureNames().toString());
        LogisticRegression model = fit(train);
        assertEquals(0.4428588568, model.summary().meanLoss(), 1e-6);

        TableEncoding encoding = model.encoding();
        EncodedTable test = TableReader.readLabelled(table("credit_g", "test.csv"), encoding, "class", true,
                TableSpec.inferred(), UnknownLevels.ERROR);
        ClassificationReport report = model.report(test.labelled());
        assertEquals(0.765, report.accuracy(), 0.5 / 200 + 1e-9);
    }

    @Test
    void voteReachesScikitLearnsOptimumWithMissingCellsAsALevel() throws IOException {
        Dataset train = TableReader.read(table("vote", "train.csv"), TableSpec.builder().label("Class").build());
        assertEquals(48, train.dimension());
        assertTrue(train.featureNames().contains("crime=<missing>"), train.featureNames().toString());
        LogisticRegression model = fit(train);
        assertEquals(0.0614617776, model.summary().meanLoss(), 1e-6);
        EncodedTable test = TableReader.readLabelled(table("vote", "test.csv"), model.encoding(), "Class", true,
                TableSpec.inferred(), UnknownLevels.ZEROS);
        assertEquals(0.9655, model.report(test.labelled()).accuracy(), 0.5 / 87 + 1e-9);
    }
}
