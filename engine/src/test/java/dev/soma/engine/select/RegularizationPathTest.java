package dev.soma.engine.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.table.TableReader;
import dev.soma.engine.table.TableRows;
import dev.soma.engine.table.TableSpec;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.Trainer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-started regularisation path, cross-validated on the folds scikit-learn was given: the same mean held-out
 * log loss per C, to 1e-4, and the same chosen C. The reference figures are those
 * {@code /usr/bin/python3 benchmarks/peers/regularization_path.py} printed (scikit-learn 1.x, lbfgs, tol 1e-10).
 */
class RegularizationPathTest {

    /** numpy's {@code logspace(-3, 2, 20)}, the script's grid. */
    private static final double[] CS = RegularizationPath.grid(1e-3, 1e2, 20);

    private static final double[] BREAST_CANCER = {0.3857614660, 0.3235677709, 0.2687360227, 0.2225691125,
            0.1848815939, 0.1548812442, 0.1315806393, 0.1139548549, 0.1010603933, 0.0921374449, 0.0867011429,
            0.0847554069, 0.0869520435, 0.0938133548, 0.1059218754, 0.1266958761, 0.1611232300, 0.2092027901,
            0.2734670665, 0.3588552963};
    private static final int BREAST_CANCER_BEST = 11; // C = 0.7847599704, LogisticRegressionCV's choice too

    private static final double[] CREDIT_G = {0.5943456806, 0.5842633311, 0.5706205683, 0.5541727594, 0.5367633993,
            0.5209627794, 0.5090798261, 0.5021738454, 0.4999294497, 0.5012214498, 0.5046161603, 0.5087653711,
            0.5126908622, 0.5159767032, 0.5184911899, 0.5202890487, 0.5214624597, 0.5221965298, 0.5226310895,
            0.5228667017};
    private static final int CREDIT_G_BEST = 8; // C = 0.1274274986, LogisticRegressionCV's choice too

    private static Trainer<LogisticRegression> lbfgs() {
        return LogisticRegression.trainer().optimizer("lbfgs").gradientTolerance(1e-6).costTolerance(0)
                .maxEpochs(1000);
    }

    private static Folds folds(String table) throws IOException {
        return Folds.read(TestData.datasets().resolve("../engine/src/test/resources/select/" + table + "_folds.csv")
                .normalize());
    }

    /**
     * @param converged the leading values of the grid whose fits reach the optimum in float arithmetic: beyond them
     *                  (breast cancer, C ≥ 16, λ ≤ 1.7e-4: nearly separable, weights in the hundreds) L-BFGS in
     *                  float stalls at a gradient norm of about 5e-6, and the held-out log loss of such a model is
     *                  known to about 0.1 only; those are checked to lie above the best
     */
    private static void check(RegularizationPath.CrossValidated<LogisticRegression> cv, int rows, double[] expected,
                              int best, int converged) {
        double[] means = cv.meanScores();
        assertArrayEquals(java.util.Arrays.copyOf(expected, converged), java.util.Arrays.copyOf(means, converged),
                1e-4);
        for (int i = converged; i < CS.length; i++) {
            assertTrue(means[i] > means[best] + 0.01, "C " + CS[i] + ": " + means[i]);
        }
        assertEquals(best, cv.bestIndex());
        assertEquals(CS[best], cv.bestPenalty());
        // The refit: all the rows, λ = 1/(C·n).
        assertEquals(1 / (CS[best] * rows), cv.model().summary().l2(), 1e-15);
    }

    @Test
    void breastCancerChoosesScikitLearnsC() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        Folds folds = folds("breast_cancer");
        assertEquals(Folds.stratified(data, 5, 0), folds, "the recorded folds are Soma's");
        check(RegularizationPath.ofC(lbfgs(), CS).crossValidate(data, folds), data.size(), BREAST_CANCER,
                BREAST_CANCER_BEST, 16);
    }

    @Test
    void creditChoosesScikitLearnsC() throws IOException {
        // Each fold learns its own levels, as scikit-learn's OneHotEncoder(handle_unknown="ignore") in the pipeline.
        TableRows table = TableRows.read(TestData.datasets().resolve("credit_g/train.csv"),
                TableSpec.builder().label("class").build());
        Folds folds = folds("credit_g");
        assertEquals(Folds.stratified(table.fitAll(), 5, 0), folds, "the recorded folds are Soma's");
        check(RegularizationPath.ofC(lbfgs(), CS).crossValidate(table, folds, RegularizationPath.Metric.LOG_LOSS),
                table.size(), CREDIT_G, CREDIT_G_BEST, CS.length);
    }

    @Test
    void aTableWhoseEncodingSawEveryRowIsRefused() throws IOException {
        Dataset data = TableReader.read(TestData.datasets().resolve("credit_g/train.csv"),
                TableSpec.builder().label("class").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegularizationPath.ofC(lbfgs(), 1, 0.1).crossValidate(data, Folds.stratified(data, 5, 0)));
        assertTrue(e.getMessage().contains("TableRows"), e.getMessage());
    }

    @Test
    void thePathIsWarmStartedFromTheStrongestPenaltyDown() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        double[] lambdas = {1e-4, 1e-1, 1e-2, 1e-3};
        List<RegularizationPath.Point<LogisticRegression>> path = RegularizationPath.of(lbfgs(), lambdas).fit(data);
        assertArrayEquals(new double[] {1e-1, 1e-2, 1e-3, 1e-4},
                path.stream().mapToDouble(RegularizationPath.Point::lambda).toArray());
        int warmEpochs = 0;
        int coldEpochs = 0;
        for (RegularizationPath.Point<LogisticRegression> p : path) {
            LogisticRegression cold = lbfgs().l2(p.lambda()).fit(data);
            assertEquals(cold.summary().cost(), p.model().summary().cost(), 1e-6 * cold.summary().cost());
            // Every point keeps the first fit's standardizer.
            assertEquals(path.getFirst().model().standardizer(), p.model().standardizer());
            warmEpochs += p.model().summary().epochs();
            coldEpochs += cold.summary().epochs();
        }
        assertTrue(warmEpochs < coldEpochs, warmEpochs + " warm epochs against " + coldEpochs + " cold");
    }

    @Test
    void badGridsAreRefusedByName() {
        assertThrows(IllegalArgumentException.class, () -> RegularizationPath.of(lbfgs()));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> RegularizationPath.of(lbfgs(), 0.1, -1));
        assertTrue(negative.getMessage().contains("-1.0"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegularizationPath.ofC(lbfgs(), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> RegularizationPath.of(lbfgs(), 0.1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RegularizationPath.of(lbfgs(), 0.1, 0.1));
    }

    @Test
    void theGridIsNumpysLogspace() {
        assertEquals(1e-3, CS[0], 1e-18);
        assertEquals(100, CS[19], 1e-12);
        assertEquals(0.7847599704, CS[11], 1e-9);
        assertEquals(0.1274274986, CS[8], 1e-9);
    }

    @Test
    void eachWarmFitStartsAtTheExtrapolationAlongLogLambda() {
        // Parameters linear in log λ are extrapolated exactly by the secant; λ a factor of 10 apart, then 100.
        float[] previous = {1, -2, 0.5f};
        float[] current = {2, -1, 0.5f};
        float[][] two = {previous, current};
        assertArrayEquals(new float[] {3, 0, 0.5f},
                RegularizationPath.extrapolate(two, new double[] {1, 0.1}, 0.01), 1e-6f);
        assertArrayEquals(new float[] {4, 1, 0.5f},
                RegularizationPath.extrapolate(two, new double[] {1, 0.1}, 0.001), 1e-6f);
        // Quadratic in log10 λ, θ = (log10 λ)², through λ = 1, 0.1, 0.01 (at 0.001: 9), and on an uneven grid.
        float[][] three = {{0}, {1}, {4}};
        assertArrayEquals(new float[] {9}, RegularizationPath.extrapolate(three, new double[] {1, 0.1, 0.01}, 0.001),
                1e-5f);
        float[][] uneven = {{0}, {4}, {9}};
        assertArrayEquals(new float[] {25},
                RegularizationPath.extrapolate(uneven, new double[] {1, 0.01, 0.001}, 0.00001), 1e-4f);
        // A λ of 0 has no logarithm: the next fit starts from the last solution.
        assertArrayEquals(current, RegularizationPath.extrapolate(two, new double[] {1, 0.1}, 0), 0f);
    }

    @Test
    void theNewtonPathReachesTheColdOptimaInFewerPassesThanFromTheLastSolution() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        Trainer<LogisticRegression> newton = LogisticRegression.trainer()
                .optimizer("newton", dev.soma.plugins.Options.of("solver", "cholesky")).gradientTolerance(1e-5)
                .costTolerance(0).maxEpochs(1000);
        double[] cs = RegularizationPath.grid(1e-3, 10, 20);
        double passes = 0;
        for (RegularizationPath.Point<LogisticRegression> p : RegularizationPath.ofC(newton, cs).fit(data)) {
            LogisticRegression cold = newton.copy().l2(p.lambda()).fit(data);
            assertEquals(cold.summary().cost(), p.model().summary().cost(), 1e-6 * cold.summary().cost());
            passes += p.model().summary().passes();
        }
        // Starting each warm fit at the last solution took 121 passes over the 20 fits (benchmarks/README.md), at the
        // secant through the last two optima 102; the parabola through three takes about 87.
        assertTrue(passes < 95, passes + " passes");
    }

}
