package dev.soma.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Each benchmark's set-up and one invocation of its benchmark method, called directly (not through JMH) on a tiny
 * size: the checks the benchmarks make pass, and the work they divide their time by is done. The vector cases run
 * where the Vector API module is present (the first of the two test runs).
 */
class BenchmarksDoTheirWorkTest {

    private static final String[] OPTIMIZERS = {"batch", "minibatch-256", "minibatch-32", "sgd"};

    private static void assumeKernels(String kernels) {
        assumeTrue(kernels.equals("scalar") || KernelSelection.vector().isPresent(), "no vector kernels in this JVM");
    }

    private static void assumeRanEvery(int epochs, TrainingSummary summary) {
        assertEquals(epochs, summary.epochs(), "epochs run: " + summary);
        assertEquals(StopReason.MAX_EPOCHS, summary.stopReason());
    }

    @ParameterizedTest
    @CsvSource({"scalar, batch", "scalar, minibatch-256", "scalar, minibatch-32", "scalar, sgd",
            "vector, batch", "vector, minibatch-256", "vector, minibatch-32", "vector, sgd"})
    void anEpochInvocationRunsAllItsEpochs(String kernels, String optimizer) {
        assumeKernels(kernels);
        EpochBenchmark benchmark = new EpochBenchmark();
        benchmark.kernels = kernels;
        benchmark.optimizer = optimizer;
        benchmark.rows = 3000;
        benchmark.setUp();
        assumeRanEvery(EpochBenchmark.EPOCHS, benchmark.epoch().summary());
    }

    /**
     * Data on which every default stopping rule fires: each row appears once with label 0 and once with label 1, so
     * the optimum is θ = 0, where training starts — the full gradient there is 0 and no epoch improves the cost.
     */
    private static Dataset flat() {
        SplittableRandom random = new SplittableRandom(5);
        int pairs = 300;
        int d = 8;
        float[] x = new float[2 * pairs * d];
        float[] y = new float[2 * pairs];
        for (int p = 0; p < pairs; p++) {
            for (int j = 0; j < d; j++) {
                float v = (float) random.nextGaussian();
                x[2 * p * d + j] = v;
                x[(2 * p + 1) * d + j] = v;
            }
            y[2 * p + 1] = 1f;
        }
        return Dataset.fromRowMajor(x, d, y);
    }

    @Test
    void onDataWhereEveryStoppingRuleFiresTheEpochBenchmarkStillRunsItsBudget() {
        Dataset flat = flat();
        Kernels scalar = KernelSelection.scalar();
        // The data does what it is for: the trainer's default rules stop a batch run after its first epoch.
        TrainingSummary defaults = LogisticRegression.trainer().kernels(scalar).standardize(false).maxEpochs(8)
                .fit(flat).summary();
        assertTrue(defaults.epochs() < EpochBenchmark.EPOCHS, "the default rules stop early: " + defaults);
        for (String optimizer : OPTIMIZERS) {
            assumeRanEvery(EpochBenchmark.EPOCHS,
                    EpochBenchmark.train("test", flat, optimizer, scalar, 1, EpochBenchmark.EPOCHS).summary());
        }
    }

    @Test
    void aRunThatStoppedEarlyFailsTheCheckNamingTheBenchmarkAndTheCounts() {
        TrainingSummary early = LogisticRegression.trainer().kernels(KernelSelection.scalar()).standardize(false)
                .maxEpochs(8).fit(flat()).summary();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Claims.epochs("EpochBenchmark", early, 8));
        assertTrue(failure.getMessage().startsWith("EpochBenchmark ran " + early.epochs() + " epochs but counts 8"),
                failure.getMessage());
        assertThrows(IllegalStateException.class, () -> Claims.epochs("EpochBenchmark", early, early.epochs()),
                "the right count, but stopped by a tolerance, not the budget");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aParallelEpochInvocationRunsAllItsEpochs(int threads) {
        ParallelEpochBenchmark benchmark = new ParallelEpochBenchmark();
        benchmark.kernels = KernelSelection.vector().isPresent() ? "vector" : "scalar";
        benchmark.threads = threads;
        benchmark.rows = 9000; // three chunks of 4096 rows or fewer, so that two threads share them
        benchmark.setUp();
        assumeRanEvery(ParallelEpochBenchmark.EPOCHS, benchmark.batchEpoch().summary());
    }

    @ParameterizedTest
    @CsvSource({"scalar, 1", "vector, 2"})
    void theTimeToOptimumRunReachesTheOptimum(String kernels, int threads) {
        assumeKernels(kernels);
        TimeToOptimumBenchmark benchmark = new TimeToOptimumBenchmark();
        benchmark.kernels = kernels;
        benchmark.threads = threads;
        benchmark.rows = 4000;
        benchmark.setUp();
        TrainingSummary summary = benchmark.toOptimum().summary();
        assertEquals(StopReason.CANCELLED, summary.stopReason(), "stopped by reaching the target: " + summary);
        assertTrue(summary.meanLoss() <= benchmark.optimum + TimeToOptimumBenchmark.GAP, summary.toString());
        assertTrue(summary.meanLoss() > benchmark.optimum - 1e-4, "the optimum is a minimum: " + summary);
        benchmark.report();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "minibatch-32", "minibatch-256"})
    void aTribuoInvocationTrainsOneEpochOnAllTheData(String optimizer) {
        TribuoEpochBenchmark benchmark = new TribuoEpochBenchmark();
        benchmark.optimizer = optimizer;
        benchmark.rows = 600;
        benchmark.setUp();
        Model<Label> model = benchmark.epoch();
        TribuoEpochBenchmark.check(model, 600, SyntheticLogistic.FEATURES);
        assertThrows(IllegalStateException.class, () -> TribuoEpochBenchmark.check(model, 601, SyntheticLogistic.FEATURES));
        assertThrows(IllegalStateException.class, () -> TribuoEpochBenchmark.check(model, 600, 63));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void anMlpInvocationTimesOnlyEpochsAndRunsThemAll(String kernels) throws Exception {
        assumeKernels(kernels);
        MlpEpochBenchmark benchmark = new MlpEpochBenchmark();
        benchmark.kernels = kernels;
        benchmark.hidden = 16;
        benchmark.rows = 256;
        benchmark.setUp();
        try {
            for (int invocation = 0; invocation < 2; invocation++) {
                benchmark.startFit();
                Thread.sleep(50);
                assertFalse(benchmark.fitDone(), "the fit waits at the end of epoch 1 until the timed method runs");
                MlpClassifier model = benchmark.epoch();
                assumeRanEvery(1 + MlpEpochBenchmark.EPOCHS, model.summary());
            }
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void theMemoryReadSumsEveryFloat(String kernels) {
        assumeKernels(kernels);
        MemoryReadBenchmark benchmark = new MemoryReadBenchmark();
        benchmark.kernels = kernels;
        benchmark.rows = 1001;
        benchmark.setUp();
        double exact = 0;
        double magnitude = 0;
        for (float v : benchmark.x) {
            exact += v;
            magnitude += Math.abs(v);
        }
        assertEquals(exact, benchmark.sum(), 1e-5 * magnitude);
    }

    @Test
    void theScalarReferenceSumsEveryFloatOfAnyLength() {
        for (int n = 0; n <= 40; n++) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = 1 << (i % 20); // exact in float at these sums, so the result is exact too
            }
            double exact = 0;
            for (float v : x) {
                exact += v;
            }
            assertEquals(exact, MemoryReadBenchmark.scalarSum(x), 0, "length " + n);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dot", "axpy", "sigmoid", "gemvRowByRow", "gemv", "logisticPass"})
    void theKernelBenchmarksAgreeBetweenThePaths(String method) {
        assumeKernels("vector");
        double[] results = new double[2];
        String[] paths = {"scalar", "vector"};
        for (int p = 0; p < 2; p++) {
            KernelBenchmark benchmark = new KernelBenchmark();
            benchmark.kernels = paths[p];
            benchmark.floats = 4096;
            benchmark.setUp();
            results[p] = switch (method) {
                case "dot" -> benchmark.dot();
                case "axpy" -> sum(benchmark.axpy());
                case "sigmoid" -> sum(benchmark.sigmoid());
                case "gemvRowByRow" -> sum(benchmark.gemvRowByRow());
                case "gemv" -> sum(benchmark.gemv());
                case "logisticPass" -> benchmark.logisticPass();
                default -> throw new AssertionError(method);
            };
        }
        assertTrue(results[0] != 0 && Double.isFinite(results[0]), method + " did work: " + results[0]);
        assertEquals(results[0], results[1], 1e-4 * Math.max(1, Math.abs(results[0])), method);
    }

    @ParameterizedTest
    @CsvSource({"scalar, breast-cancer", "vector, breast-cancer", "scalar, synthetic-10k", "vector, synthetic-10k"})
    void theSmallDataInvocationsDoTheirWork(String kernels, String data) {
        assumeKernels(kernels);
        SmallDataBenchmark benchmark = new SmallDataBenchmark();
        benchmark.kernels = kernels;
        benchmark.data = data;
        benchmark.setUp();
        TrainingSummary lbfgs = benchmark.lbfgs().summary();
        assertEquals(StopReason.GRADIENT_TOLERANCE, lbfgs.stopReason(), lbfgs.toString());
        assertTrue(lbfgs.gradientNorm() <= SmallDataBenchmark.GRADIENT_TOLERANCE, lbfgs.toString());
        assertEquals(benchmark.lbfgsEpochs, lbfgs.epochs());
        assertTrue(lbfgs.epochs() > 1, "L-BFGS needs more than one epoch to a gradient norm of 1e-6: " + lbfgs);
        int n = data.equals("breast-cancer") ? 456 : 10_000;
        assertEquals(1.0 / n, lbfgs.l2(), 1e-15, "scikit-learn's C = 1");
        assumeRanEvery(SmallDataBenchmark.EPOCHS, benchmark.sgdEpoch().summary());
        TrainingSummary minibatch = benchmark.minibatch32Epoch().summary();
        assumeRanEvery(SmallDataBenchmark.EPOCHS, minibatch);
        assertEquals(32, minibatch.batchSize());
    }

    @Test
    void theBreastCancerSetIsTheRepositorysTrainingSet() {
        Dataset data = SmallData.breastCancer();
        assertEquals(456, data.size());
        assertEquals(30, data.dimension());
        assertEquals(17.99f, data.row(0)[0], "the first cell of datasets/breast_cancer/train.csv");
        Dataset synthetic = SmallData.named(SmallData.SYNTHETIC_10K);
        assertEquals(10_000, synthetic.size());
        assertEquals(32, synthetic.dimension());
    }

    @Test
    void aFitThatStoppedShortOfTheGradientToleranceOrAfterOtherEpochsFailsTheCheck() {
        Dataset data = SmallData.breastCancer();
        TrainingSummary converged = SmallDataBenchmark.lbfgs(data, KernelSelection.scalar()).summary();
        Claims.converged("SmallDataBenchmark", converged, SmallDataBenchmark.GRADIENT_TOLERANCE, converged.epochs());
        IllegalStateException otherCount = assertThrows(IllegalStateException.class, () -> Claims.converged(
                "SmallDataBenchmark", converged, SmallDataBenchmark.GRADIENT_TOLERANCE, converged.epochs() + 1));
        assertTrue(otherCount.getMessage().startsWith("SmallDataBenchmark stopped by GRADIENT_TOLERANCE after "
                + converged.epochs() + " epochs"), otherCount.getMessage());
        assertThrows(IllegalStateException.class, () -> Claims.converged("SmallDataBenchmark", converged,
                converged.gradientNorm() / 2, 0), "a tighter tolerance than reached");
        TrainingSummary budget = LogisticRegression.trainer().optimizer("lbfgs").kernels(KernelSelection.scalar())
                .costTolerance(0).gradientTolerance(SmallDataBenchmark.GRADIENT_TOLERANCE).maxEpochs(2).fit(data)
                .summary();
        assertThrows(IllegalStateException.class, () -> Claims.converged("SmallDataBenchmark", budget,
                SmallDataBenchmark.GRADIENT_TOLERANCE, 0), "stopped by the budget: " + budget);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void aFitOverheadInvocationIsOneEpochOnSixteenRows(String kernels) {
        assumeKernels(kernels);
        FitOverheadBenchmark benchmark = new FitOverheadBenchmark();
        benchmark.kernels = kernels;
        benchmark.setUp();
        assertEquals(2 * FitOverheadBenchmark.ROWS_PER_CLASS, benchmark.tiny.size());
        float ones = 0;
        for (float label : benchmark.tiny.labels()) {
            ones += label;
        }
        assertEquals(FitOverheadBenchmark.ROWS_PER_CLASS, ones, "both classes, equally");
        assumeRanEvery(1, benchmark.lbfgs().summary());
        assumeRanEvery(1, benchmark.sgd().summary());
        benchmark.report();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "scalar", "vector"})
    void aBreastCancerFirstFitConvergesAndASecondFitAgrees(String kernels) throws Exception {
        assumeKernels(kernels.equals("default") ? "scalar" : kernels);
        FirstFitBenchmark benchmark = new FirstFitBenchmark();
        benchmark.kernels = kernels;
        benchmark.data = SmallData.BREAST_CANCER;
        benchmark.setUp();
        TrainingSummary first = benchmark.firstFit().summary();
        assertEquals(StopReason.GRADIENT_TOLERANCE, first.stopReason(), first.toString());
        if (!kernels.equals("default")) {
            assertEquals(kernels, first.kernels());
        }
        benchmark.check();
    }

    @Test
    void aLargeFirstFitReachesTheOptimumAndAWrongOptimumFailsTheCheckAfterIt() throws Exception {
        int rows = 4000;
        double optimum = TimeToOptimumBenchmark.reference("test", SyntheticLogistic.generate(rows).dataset(),
                KernelSelection.scalar(), 1).meanLoss();
        FirstFitBenchmark benchmark = new FirstFitBenchmark();
        benchmark.kernels = "scalar";
        benchmark.data = FirstFitBenchmark.SYNTHETIC_1M;
        benchmark.rows = rows;
        benchmark.optimum = optimum;
        benchmark.setUp();
        TrainingSummary first = benchmark.firstFit().summary();
        assertEquals(StopReason.CANCELLED, first.stopReason(), "stopped by reaching the optimum: " + first);
        assertTrue(first.meanLoss() <= optimum + TimeToOptimumBenchmark.GAP, first.toString());
        benchmark.check();

        FirstFitBenchmark wrong = new FirstFitBenchmark();
        wrong.kernels = "scalar";
        wrong.data = FirstFitBenchmark.SYNTHETIC_1M;
        wrong.rows = rows;
        wrong.optimum = optimum + 1e-3; // reached early, so the timed fit "succeeds" on too little work
        wrong.setUp();
        assertTrue(wrong.firstFit().summary().epochs() < first.epochs());
        IllegalStateException failure = assertThrows(IllegalStateException.class, wrong::check);
        assertTrue(failure.getMessage().contains("its target is wrong"), failure.getMessage());
    }

    @Test
    void theFirstFitAfterReadingTheCsvFileTrainsOnTheSameFloatsAndReachesTheOptimum() throws Exception {
        int rows = 3000;
        SyntheticLogistic generated = SyntheticLogistic.generate(rows);
        double optimum = TimeToOptimumBenchmark.reference("test", generated.dataset(), KernelSelection.scalar(), 1)
                .meanLoss();
        java.nio.file.Path file = generated.csvFile();
        assertEquals(file, generated.csvFile(), "written once, then reused");
        var read = dev.soma.engine.table.TableReader.read(file,
                dev.soma.engine.table.TableSpec.builder().label("label").build());
        assertArrayEquals(generated.dataset().featureArray(), read.featureArray(), "the file holds the exact floats");
        assertArrayEquals(generated.dataset().labels(), read.labels());

        FirstFitBenchmark benchmark = new FirstFitBenchmark();
        benchmark.kernels = "scalar";
        benchmark.data = FirstFitBenchmark.SYNTHETIC_1M_CSV;
        benchmark.rows = rows;
        benchmark.optimum = optimum;
        benchmark.setUp();
        TrainingSummary first = benchmark.firstFit().summary();
        assertEquals(StopReason.CANCELLED, first.stopReason(), "stopped by reaching the optimum: " + first);
        benchmark.check();
    }

    @Test
    void theFirstFitOptimumIsTheTimeToOptimumReferenceToItsDigits() {
        // The constant is TimeToOptimumBenchmark's optimum at full size (0.3822821936 scalar, 0.3822821942 vector);
        // each synthetic-1m fork recomputes it after its measurement. Here: it is within the agreement of both.
        assertEquals(0.3822821936, FirstFitBenchmark.OPTIMUM_1M, FirstFitBenchmark.OPTIMUM_AGREEMENT);
        assertEquals(0.3822821942, FirstFitBenchmark.OPTIMUM_1M, FirstFitBenchmark.OPTIMUM_AGREEMENT);
    }

    private static double sum(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += Math.abs(v);
        }
        return sum;
    }

    /**
     * Small files shaped as {@code tables.py generate} writes them: every level of each categorical column appears,
     * so the mixed file encodes to the full 160 features.
     */
    private static void writeTables(Path folder, int rows) throws IOException {
        int[] levels = {10, 20, 30, 40, 50};
        StringBuilder mixed = new StringBuilder("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,c0,c1,c2,c3,c4,label\n");
        StringBuilder numeric = new StringBuilder();
        for (int j = 0; j < 16; j++) {
            numeric.append('x').append(j).append(',');
        }
        numeric.append("label\n");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 10; j++) {
                mixed.append(i * 0.25 - j).append(',');
            }
            for (int k = 0; k < levels.length; k++) {
                mixed.append('c').append(k).append("_level").append(i % levels[k]).append(',');
            }
            mixed.append(i % 3 == 0 ? "yes" : "no").append('\n');
            for (int j = 0; j < 16; j++) {
                numeric.append(i * 0.5 + j).append(',');
            }
            numeric.append(i % 2).append('\n');
        }
        Files.writeString(folder.resolve("mixed.csv"), mixed);
        Files.writeString(folder.resolve("numeric.csv"), numeric);
    }

    @ParameterizedTest
    @CsvSource({"mixed, tableReader", "numeric, tableReader", "numeric, csvDatasetReader"})
    void aTableReadReadsEveryRowOfTheFile(String file, String method, @TempDir Path folder) throws IOException {
        writeTables(folder, 60);
        TableReadBenchmark benchmark = new TableReadBenchmark();
        benchmark.folder = folder.toString();
        benchmark.file = file;
        benchmark.setUp();
        Dataset data = method.equals("tableReader") ? benchmark.tableReader() : benchmark.csvDatasetReader();
        assertEquals(60, data.size());
        assertEquals(file.equals("mixed") ? 160 : 16, data.dimension());
    }

    @Test
    void aTableReadThatMissesRowsFailsItsCheck(@TempDir Path folder) throws IOException {
        writeTables(folder, 60);
        TableReadBenchmark benchmark = new TableReadBenchmark();
        benchmark.folder = folder.toString();
        benchmark.file = "numeric";
        benchmark.setUp();
        benchmark.rows = 61;
        IllegalStateException failure = assertThrows(IllegalStateException.class, benchmark::tableReader);
        assertTrue(failure.getMessage().contains("not 61 × 16"), failure.getMessage());
        benchmark.file = "mixed";
        assertThrows(IllegalStateException.class, benchmark::csvDatasetReader, "numbers only");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"lbfgs", "newton"})
    void thePathAndTheColdFitsReachTheSameOptimaAndThePathTakesFewerPasses(String optimizer) {
        RegularizationPathBenchmark benchmark = new RegularizationPathBenchmark();
        benchmark.optimizer = optimizer;
        benchmark.setUp();
        java.util.List<dev.soma.engine.model.LogisticRegression> warm = benchmark.warmPath();
        java.util.List<dev.soma.engine.model.LogisticRegression> cold = benchmark.coldFits();
        assertEquals(20, warm.size());
        double warmPasses = 0;
        double coldPasses = 0;
        for (int i = 0; i < 20; i++) {
            TrainingSummary w = warm.get(i).summary();
            TrainingSummary c = cold.get(i).summary();
            assertEquals(optimizer, w.optimizer());
            assertEquals(c.l2(), w.l2(), 1e-15);
            assertEquals(c.cost(), w.cost(), 1e-6 * c.cost());
            warmPasses += w.passes();
            coldPasses += c.passes();
        }
        // Measured (benchmarks/README.md): a warm start saves about a quarter of L-BFGS's passes (383 against 506)
        // and 40 % of newton's (535 against 938): each warm fit still needs several iterations to the tolerance.
        assertTrue(warmPasses <= 0.8 * coldPasses,
                optimizer + ": " + warmPasses + " warm passes against " + coldPasses + " cold");
    }
}
