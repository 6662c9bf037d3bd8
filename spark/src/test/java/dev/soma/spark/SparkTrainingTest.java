package dev.soma.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.LearningRateSchedule;
import dev.soma.engine.train.StepReport;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingDivergedException;
import dev.soma.engine.train.TrainingListener;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Soma on Spark in {@code local[2]} against single-machine Soma on the bundled breast-cancer training split. */
class SparkTrainingTest {

    private static final double L2 = 1.0 / 456;
    private static SparkSession spark;
    private static Dataset data;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("soma-spark-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        data = Dataset.readCsv(Path.of("..", "datasets", "breast_cancer", "train.csv"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static org.apache.spark.sql.Dataset<Row> frame(Dataset data, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            float[] row = data.row(i);
            double[] values = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                values[j] = row[j];
            }
            rows.add(RowFactory.create(Vectors.dense(values), (double) data.label(i)));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }

    private static LogisticRegression onSpark(int partitions) {
        return new SparkLogisticTrainer().optimizer("lbfgs", Options.empty()).l2(L2).gradientTolerance(1e-6)
                .costTolerance(0, 1).maxIterations(500).fit(frame(data, partitions), "features", "label");
    }

    @Test
    void theModelEqualsSingleMachineSoma() {
        LogisticRegression single = LogisticRegression.trainer().optimizer("lbfgs").l2(L2).costTolerance(0)
                .gradientTolerance(1e-6).maxEpochs(500).fit(data);
        LogisticRegression distributed = onSpark(2);
        assertEquals(StopReason.GRADIENT_TOLERANCE, distributed.summary().stopReason(), distributed.summary().toString());
        assertEquals(single.summary().meanLoss(), distributed.summary().meanLoss(), 1e-6);
        assertEquals(single.summary().cost(), distributed.summary().cost(), 1e-7);
        float[] p = single.predictProbability(data);
        float[] q = distributed.predictProbability(data);
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i], q[i], 1e-3, "row " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7})
    void thePartitionCountDoesNotChangeTheModel(int partitions) {
        LogisticRegression two = onSpark(2);
        LogisticRegression other = onSpark(partitions);
        // Each partition adds its rows' float sums in its own chunks, so partitionings round differently; the
        // optimum they reach is the same to well within the 1e-6 the single-machine comparison allows.
        assertEquals(two.summary().cost(), other.summary().cost(), 1e-7);
        float[] p = two.predictProbability(data);
        float[] q = other.predictProbability(data);
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i], q[i], 1e-4, "row " + i);
        }
    }

    @Test
    void minibatchStepsSampleRowsFromTheSeed() {
        var frame = frame(data, 3);
        java.util.function.LongFunction<LogisticRegression> train = seed -> new SparkLogisticTrainer()
                .optimizer("minibatch", Options.of("batchSize", 64, "learningRate", 0.5)).seed(seed)
                .maxIterations(5).gradientTolerance(0).fit(frame, "features", "label");
        LogisticRegression first = train.apply(7);
        LogisticRegression again = train.apply(7);
        LogisticRegression other = train.apply(8);
        org.junit.jupiter.api.Assertions.assertArrayEquals(first.weights(), again.weights(), "the same seed, the same model");
        assertTrue(!java.util.Arrays.equals(first.weights(), other.weights()), "another seed, other samples");
        assertEquals(5, first.summary().epochs());
        assertEquals(64, first.summary().batchSize());
        assertTrue(first.summary().meanLoss() < 0.15, "it trains: " + first.summary());
        assertTrue(first.evaluate(data).accuracy() > 0.95, "accuracy " + first.evaluate(data).accuracy());
    }

    @Test
    void theDefaultsStopAsSingleMachineSomaDoes() {
        LogisticRegression single = LogisticRegression.trainer().optimizer("batch").l2(L2).fit(data);
        LogisticRegression distributed = new SparkLogisticTrainer().optimizer("batch", Options.empty()).l2(L2)
                .fit(frame(data, 2), "features", "label");
        assertEquals(single.summary().stopReason(), distributed.summary().stopReason());
        assertEquals(single.summary().epochs(), distributed.summary().epochs(), 2);
        assertEquals(single.summary().meanLoss(), distributed.summary().meanLoss(), 1e-6);
    }

    /** Plain gradient descent for a fixed number of iterations: every difference in a step shows in the model. */
    private static SparkLogisticTrainer gradientDescentOnSpark(int iterations) {
        return new SparkLogisticTrainer().optimizer("batch", Options.empty()).gradientTolerance(0).costTolerance(0, 1)
                .maxIterations(iterations);
    }

    private static dev.soma.engine.train.Trainer<LogisticRegression> gradientDescent(int epochs) {
        return LogisticRegression.trainer().optimizer("batch").gradientTolerance(0).costTolerance(0).maxEpochs(epochs);
    }

    private static void assertSameModel(LogisticRegression expected, LogisticRegression actual) {
        assertEquals(expected.summary().epochs(), actual.summary().epochs());
        assertEquals(expected.summary().cost(), actual.summary().cost(), 1e-6);
        float[] p = expected.predictProbability(data);
        float[] q = actual.predictProbability(data);
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i], q[i], 1e-4, "row " + i);
        }
    }

    @Test
    void aScheduleChangesTrainingAsOnASingleMachine() {
        LearningRateSchedule halving = LearningRateSchedule.stepDecay(3, 0.25);
        LogisticRegression single = gradientDescent(12).schedule(halving).fit(data);
        LogisticRegression distributed = gradientDescentOnSpark(12).schedule(halving).fit(frame(data, 2), "features",
                "label");
        assertSameModel(single, distributed);
        LogisticRegression constant = gradientDescentOnSpark(12).fit(frame(data, 2), "features", "label");
        assertTrue(distributed.summary().cost() > constant.summary().cost() + 1e-3,
                "the decayed rate trains less far: " + distributed.summary().cost() + " vs " + constant.summary().cost());
    }

    @Test
    void listenersHearEveryIterationAndStep() {
        List<EpochReport> epochs = new ArrayList<>();
        List<StepReport> steps = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report) {
                epochs.add(report);
            }

            @Override
            public void onStep(StepReport report) {
                steps.add(report);
            }
        };
        LogisticRegression model = new SparkLogisticTrainer()
                .optimizer("minibatch", Options.of("batchSize", 100, "learningRate", 0.5))
                .schedule(LearningRateSchedule.stepDecay(2, 0.5)).gradientTolerance(0).costTolerance(0, 1)
                .maxIterations(4).listener(listener).fit(frame(data, 3), "features", "label");
        assertEquals(4, epochs.size(), "one report per iteration");
        for (int e = 0; e < epochs.size(); e++) {
            EpochReport report = epochs.get(e);
            assertEquals(e + 1, report.epoch());
            assertEquals(4, report.maxEpochs());
            assertEquals(0.5 * Math.pow(0.5, e / 2), report.learningRate(), 1e-12, "the schedule's rate");
            assertTrue(report.cost() > 0 && report.cost() < Math.log(2), "cost " + report.cost());
            assertTrue(report.gradientNorm() > 0, "gradient norm " + report.gradientNorm());
            assertTrue(Double.isNaN(report.validationLoss()));
            // Each iteration: ⌈456/100⌉ = 5 samples of about 100 rows (about one pass), then one full pass.
            assertEquals(2.0 * (e + 1) + 1, report.passes(), 0.5, "passes " + report.passes());
            if (e > 0) {
                assertTrue(report.elapsedNanos() >= epochs.get(e - 1).elapsedNanos());
            }
        }
        assertEquals(model.summary().cost(), epochs.getLast().cost());
        assertEquals(4 * 5, steps.size(), "five sampled steps per iteration");
        for (StepReport step : steps) {
            assertTrue(step.batchSize() > 50 && step.batchSize() < 150, "a sample of about 100 rows: " + step);
        }
        assertEquals(20, steps.getLast().step());
    }

    @Test
    void l1TrainsAsOnASingleMachine() {
        double l1 = 0.02;
        LogisticRegression single = gradientDescent(30).l1(l1).fit(data);
        LogisticRegression distributed = gradientDescentOnSpark(30).l1(l1).fit(frame(data, 2), "features", "label");
        assertSameModel(single, distributed);
        assertEquals(l1, distributed.summary().l1());
        LogisticRegression unpenalised = gradientDescentOnSpark(30).fit(frame(data, 2), "features", "label");
        assertTrue(absoluteSum(distributed.weights()) < 0.9 * absoluteSum(unpenalised.weights()),
                "L1 shrinks the weights: " + absoluteSum(distributed.weights()) + " vs "
                        + absoluteSum(unpenalised.weights()));
    }

    private static double absoluteSum(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += Math.abs(v);
        }
        return sum;
    }

    @Test
    void aDivergingLearningRateThrows() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new SparkLogisticTrainer().optimizer("batch", Options.of("learningRate", 1e6))
                        .fit(frame(data, 2), "features", "label"));
        assertEquals(1, e.epoch(), e.getMessage());
        assertTrue(e.getMessage().contains("'batch' optimizer at learning rate 1000000.0"), e.getMessage());
    }

    @Test
    void whatSparkCannotDoIsRefusedWithAReason() {
        SparkLogisticTrainer trainer = new SparkLogisticTrainer();
        UnsupportedOperationException checkpoints = assertThrows(UnsupportedOperationException.class,
                () -> trainer.checkpoints(checkpoint -> { }));
        assertTrue(checkpoints.getMessage().startsWith("checkpoints are not supported on Spark: "),
                checkpoints.getMessage());
        UnsupportedOperationException resume = assertThrows(UnsupportedOperationException.class,
                () -> trainer.resumeFrom(null));
        assertTrue(resume.getMessage().startsWith("resumeFrom is not supported on Spark: "), resume.getMessage());
        UnsupportedOperationException early = assertThrows(UnsupportedOperationException.class,
                () -> trainer.earlyStopping(0.1));
        assertTrue(early.getMessage().startsWith("earlyStopping is not supported on Spark: "), early.getMessage());
        IllegalArgumentException l1 = assertThrows(IllegalArgumentException.class, () -> trainer.l1(-1));
        assertTrue(l1.getMessage().contains("l1 must be a finite number >= 0"), l1.getMessage());
    }

    @Test
    void badLabelsAndMissingColumnsAreRefusedWithAReason() {
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2), 2.0), RowFactory.create(Vectors.dense(0, 1), 0.0));
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});
        var bad = spark.createDataFrame(rows, schema);
        Exception e = assertThrows(Exception.class, () -> new SparkLogisticTrainer().fit(bad, "features", "label"));
        assertTrue(String.valueOf(e.getMessage()).contains("label 'label' is 2.0, but logistic regression needs 0 or 1"),
                e.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> new SparkLogisticTrainer().fit(frame(data, 2), "x", "label"));
        assertTrue(column.getMessage().contains("there is no column 'x'"), column.getMessage());
    }
}
