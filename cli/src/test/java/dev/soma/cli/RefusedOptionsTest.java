package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An option that would do nothing, or a value out of its range, is a usage error (exit 2) that says why. */
class RefusedOptionsTest {

    private static final String TRAIN = "datasets/breast_cancer/train.csv";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --model logistic --hidden 16             | --hidden applies to --model mlp only, not to --model logistic
            --model softmax --activation tanh        | --activation applies to --model mlp only, not to --model softmax
            --model mlp --hidden 16,0                | --hidden sizes must be whole numbers >= 1
            --validation 0                           | --validation must be a fraction > 0 and < 1, but was 0.0
            --validation 1                           | --validation must be a fraction > 0 and < 1, but was 1.0
            --validation 1.5                         | --validation must be a fraction > 0 and < 1, but was 1.5
            --epochs 0                               | --epochs must be >= 1, but was 0
            --tol -1                                 | --tol must be a finite number >= 0
            --l2 -0.1                                | --l2 must be a finite number >= 0
            --threads 0                              | --threads must be >= 1
            --plot-log                               | --plot-log applies to a --plot only
            --optimizer lbfgs --batch-size 32        | --batch-size does not apply to the optimizer 'lbfgs', which has no batch size
            --optimizer batch --batch-size 8         | --batch-size does not apply to the optimizer 'batch'
            --optimizer newton --model svm           | --optimizer newton: the 'newton' optimizer needs the cost's second derivatives
            --optimizer newton --model mlp           | --optimizer newton: the 'newton' optimizer needs the cost's second derivatives
            --optimizer newton --loss huber --model linear | --optimizer newton: the 'newton' optimizer needs the cost's second derivatives
            """)
    void trainRefuses(String options, String message) {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run(("train --data " + TRAIN + " " + options).split(" "));
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith(message), run.err());
        assertEquals("", run.out());
    }

    @Test
    void newtonNamesWhatHasNoSecondDerivatives() {
        ColumnPolicyTest.Run svm = ColumnPolicyTest.run("train", "--data", TRAIN, "--optimizer", "newton", "--model", "svm");
        assertEquals(2, svm.exit());
        assertTrue(svm.err().contains("--model svm trains on the 'hinge' loss, which has none: use lbfgs"), svm.err());
        ColumnPolicyTest.Run mlp = ColumnPolicyTest.run("train", "--data", TRAIN, "--optimizer", "newton", "--model", "mlp");
        assertTrue(mlp.err().contains("--model mlp is a network and gives none"), mlp.err());
        assertEquals(0, ColumnPolicyTest.run("train", "--data", TRAIN, "--optimizer", "newton", "--model", "linear",
                "--label", "mean_radius").exit());
    }

    @Test
    void theBatchSizeMessageNamesTheOptimizersThatTakeOne() {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("train", "--data", TRAIN, "--batch-size", "8");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("these take one: [") && run.err().contains("adam") && run.err().contains("minibatch"),
                run.err());
    }

    @Test
    void theOptionsThatApplyAreAccepted() {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run("train", "--data", TRAIN, "--optimizer", "minibatch",
                "--batch-size", "64", "--epochs", "2", "--validation", "0.2");
        assertEquals(0, run.exit(), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --epochs 0                 | --epochs must be >= 1, but was 0
            --print-every 0            | --print-every must be >= 1, but was 0
            --gradient-tolerance -1    | --gradient-tolerance must be a finite number >= 0
            --l2 -1                    | --l2 must be a finite number >= 0
            """)
    void quickstartRefuses(String options, String message) {
        ColumnPolicyTest.Run run = ColumnPolicyTest.run(("quickstart " + options).split(" "));
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith(message), run.err());
    }
}
