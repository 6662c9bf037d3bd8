package dev.soma.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.SparseRows;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.train.StopReason;
import dev.soma.plugins.Options;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
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

/**
 * {@link SomaLogisticRegression} in {@code local[2]} on {@code SparseVector}s (and on mixes of sparse and dense
 * vectors) against single-machine Soma on the same rows as a sparse {@code Dataset}: random data of 400 rows × 50
 * features, about 10 % non-zeros, columns of different scales.
 */
class SparkSparseTest {

    private static final int N = 400;
    private static final int D = 50;
    private static final double L2 = 0.01;
    private static SparkSession spark;
    private static Dataset data;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("soma-spark-sparse-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        data = randomSparse(new SplittableRandom(17));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Labels from a sparse true weight vector through the logistic function: not separable. */
    private static Dataset randomSparse(SplittableRandom random) {
        double[] truth = new double[D];
        for (int j = 0; j < D; j += 3) {
            truth[j] = random.nextDouble(-2, 2);
        }
        int[] start = new int[N + 1];
        List<Integer> indices = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        float[] labels = new float[N];
        for (int i = 0; i < N; i++) {
            double z = 0.3;
            for (int j = 0; j < D; j++) {
                if (random.nextDouble() < 0.1) {
                    float v = (float) (random.nextDouble(-1, 1) * (1 + j % 7));
                    indices.add(j);
                    values.add(v);
                    z += truth[j] * v / (1 + j % 7);
                }
            }
            start[i + 1] = indices.size();
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-2 * z)) ? 1f : 0f;
        }
        int[] index = indices.stream().mapToInt(Integer::intValue).toArray();
        float[] value = new float[values.size()];
        for (int k = 0; k < value.length; k++) {
            value[k] = values.get(k);
        }
        return Dataset.sparse(SparseRows.of(start, index, value, D), labels);
    }

    /** The rows in order, sliced into partitions by position; rows for which {@code dense} holds are DenseVectors. */
    private static org.apache.spark.sql.Dataset<Row> frame(int partitions, IntPredicate dense) {
        SparseRows x = data.sparseRows();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int from = x.start(i);
            int to = x.end(i);
            int[] index = Arrays.copyOfRange(x.indexArray(), from, to);
            double[] value = new double[to - from];
            for (int k = 0; k < value.length; k++) {
                value[k] = x.valueArray()[from + k];
            }
            Vector v = Vectors.sparse(D, index, value);
            rows.add(RowFactory.create(dense.test(i) ? v.toDense() : v, (double) data.label(i)));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(context.parallelize(rows, partitions), schema);
    }

    private static org.apache.spark.sql.Dataset<Row> allSparse() {
        return frame(2, i -> false);
    }

    private static SomaLogisticRegression lbfgs() {
        return new SomaLogisticRegression().setOptimizer("lbfgs").setRegParam(L2).setTol(1e-6).setMaxIter(500);
    }

    /** Weights, bias and loss within float rounding (1e-4 relative to the largest weight). */
    private static void assertSameModel(LogisticRegression expected, LogisticRegression actual) {
        float[] w = expected.weights();
        float[] v = actual.weights();
        double scale = 1;
        for (float f : w) {
            scale = Math.max(scale, Math.abs(f));
        }
        for (int j = 0; j < w.length; j++) {
            assertEquals(w[j], v[j], 1e-4 * scale, "weight " + j);
        }
        assertEquals(expected.bias(), actual.bias(), 1e-4 * scale, "bias");
        assertEquals(expected.summary().meanLoss(), actual.summary().meanLoss(),
                1e-6 * expected.summary().meanLoss(), "final mean loss");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void lbfgsOnSparseVectorsEqualsSingleMachineSoma(boolean standardize) {
        LogisticRegression single = LogisticRegression.trainer().optimizer("lbfgs").l2(L2).costTolerance(0)
                .gradientTolerance(1e-6).maxEpochs(500).standardize(standardize).fit(data);
        SomaLogisticRegressionModel fitted = lbfgs().setStandardization(standardize).fit(allSparse());
        LogisticRegression distributed = fitted.somaModel();
        assertEquals(StopReason.GRADIENT_TOLERANCE, distributed.summary().stopReason(), distributed.summary().toString());
        assertSameModel(single, distributed);
        // Scoring SparseVectors: the Spark model's probabilities are single-machine Soma's on the sparse Dataset.
        float[] p = single.predictProbability(data);
        List<Row> scored = fitted.transform(allSparse()).select("probability").collectAsList();
        for (int i = 0; i < N; i++) {
            assertEquals(p[i], ((Vector) scored.get(i).get(0)).apply(1), 1e-4, "row " + i);
        }
    }

    @Test
    void theSparseStandardisationScalesWithoutCentring() {
        LogisticRegression distributed = lbfgs().fit(allSparse()).somaModel();
        LogisticRegression single = LogisticRegression.trainer().optimizer("lbfgs").l2(L2).costTolerance(0)
                .gradientTolerance(1e-6).maxEpochs(500).fit(data);
        assertArrayEquals(new double[D], distributed.standardizer().means(), "sparse data is not centred");
        assertArrayEquals(single.standardizer().scales(), distributed.standardizer().scales(), 1e-9);
    }

    @Test
    void gradientDescentOnSparseVectorsEqualsSingleMachineSoma() {
        LogisticRegression single = LogisticRegression.trainer().optimizer("batch").l2(L2).gradientTolerance(0)
                .costTolerance(0).maxEpochs(40).fit(data);
        LogisticRegression distributed = new SomaLogisticRegression().setOptimizer("batch").setRegParam(L2).setTol(0)
                .setMaxIter(40).fit(allSparse()).somaModel();
        assertEquals(40, distributed.summary().epochs());
        assertSameModel(single, distributed);
    }

    @Test
    void denseAndSparseRowsMayMix() {
        // Every partition has sparse rows: its dense rows — the first 15 of each partition, converted when its first
        // sparse row comes, and later runs — are stored in CSR too, and the sums are the same floats.
        var mixed = frame(2, i -> i % (N / 2) < 15 || i % 7 < 2);
        LogisticRegression sparse = lbfgs().fit(allSparse()).somaModel();
        LogisticRegression same = lbfgs().fit(mixed).somaModel();
        assertArrayEquals(sparse.weights(), same.weights());
        assertEquals(sparse.bias(), same.bias());
        // Minibatch samples pick the same rows whatever the vector types.
        SomaLogisticRegression adam = new SomaLogisticRegression().setOptimizer("adam")
                .setOptimizerOptions("batchSize=32,learningRate=0.05").setRegParam(L2).setTol(0).setMaxIter(3).setSeed(5);
        assertArrayEquals(adam.fit(allSparse()).somaModel().weights(), adam.fit(mixed).somaModel().weights());
        // One partition all dense (the dense kernel, uncentred), one all sparse: the same model within rounding.
        var halves = frame(2, i -> i < N / 2);
        LogisticRegression split = lbfgs().fit(halves).somaModel();
        assertSameModel(sparse, split);
        assertArrayEquals(new double[D], split.standardizer().means(), "a sparse row anywhere: no centring");
    }

    @Test
    void allDenseVectorsStillCentre() {
        LogisticRegression dense = lbfgs().fit(frame(2, i -> true)).somaModel();
        assertTrue(Arrays.stream(dense.standardizer().means()).anyMatch(m -> m != 0), "dense data is centred");
        // Centring moves only the (unpenalised) bias in standardised space: the raw optimum is the same.
        assertSameModel(lbfgs().fit(allSparse()).somaModel(), dense);
    }
}
