package dev.soma.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.train.StopReason;
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
