package dev.soma.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML face: a {@code Pipeline} of a {@code VectorAssembler} and {@link SomaLogisticRegression} trained
 * on the breast-cancer CSV as Spark reads it, saved and loaded back through ML persistence, and a task failure
 * that Spark retries without changing the model.
 */
class SparkMlTest {

    private static final Path TRAIN = Path.of("..", "datasets", "breast_cancer", "train.csv");
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        // local[2, 2]: two threads, and a failed task is tried again once (Spark's local default is no retry).
        spark = SparkSession.builder().master("local[2, 2]").appName("soma-spark-ml-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static org.apache.spark.sql.Dataset<Row> csv() {
        return spark.read().option("header", "true").option("inferSchema", "true").csv(TRAIN.toString())
                .repartition(3);
    }

    private static Pipeline pipeline(org.apache.spark.sql.Dataset<Row> data) {
        List<String> columns = List.of(data.columns());
        String[] features = columns.subList(0, columns.size() - 1).toArray(String[]::new);
        VectorAssembler assembler = new VectorAssembler().setInputCols(features).setOutputCol("features");
        SomaLogisticRegression soma = new SomaLogisticRegression().setLabelCol(columns.getLast())
                .setRegParam(1.0 / 456).setTol(1e-6).setMaxIter(500);
        return new Pipeline().setStages(new PipelineStage[] {assembler, soma});
    }

    @Test
    void aPipelineTrainsSavesAndLoadsTheSameModel() throws IOException {
        org.apache.spark.sql.Dataset<Row> data = csv();
        PipelineModel fitted = pipeline(data).fit(data);
        SomaLogisticRegressionModel soma = (SomaLogisticRegressionModel) fitted.stages()[1];

        LogisticRegression single = LogisticRegression.trainer().optimizer("lbfgs").l2(1.0 / 456).costTolerance(0)
                .gradientTolerance(1e-6).maxEpochs(500).fit(Dataset.readCsv(TRAIN));
        assertEquals(single.summary().meanLoss(), soma.somaModel().summary().meanLoss(), 1e-6);

        List<Row> predicted = fitted.transform(data).select("probability", "prediction").collectAsList();
        long correct = fitted.transform(data).filter("prediction = " + data.columns()[data.columns().length - 1])
                .count();
        assertTrue(correct > 0.97 * data.count(), correct + " of " + data.count() + " right");

        String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        SomaLogisticRegressionModel reloaded = (SomaLogisticRegressionModel) loaded.stages()[1];
        assertArrayEquals(soma.somaModel().weights(), reloaded.somaModel().weights());
        assertEquals(soma.getOrDefault(soma.probabilityCol()), reloaded.getOrDefault(reloaded.probabilityCol()));
        List<Row> again = loaded.transform(data).select("probability", "prediction").collectAsList();
        for (int i = 0; i < predicted.size(); i++) {
            assertArrayEquals(((Vector) predicted.get(i).get(0)).toArray(), ((Vector) again.get(i).get(0)).toArray());
        }

        String estimatorPath = dir.resolve("estimator").toString();
        SomaLogisticRegression estimator = (SomaLogisticRegression) pipeline(data).getStages()[1];
        estimator.write().overwrite().save(estimatorPath);
        SomaLogisticRegression estimatorLoaded = SomaLogisticRegression.load(estimatorPath);
        assertEquals(1.0 / 456, estimatorLoaded.getOrDefault(estimatorLoaded.regParam()));
    }

    /** Armed by the retry test: the next task that reads partition 1 of {@link #failingOnce}'s input fails. */
    private static final AtomicBoolean ARMED = new AtomicBoolean();
    private static final AtomicInteger FAILURES = new AtomicInteger();

    /**
     * {@code data} read through a test-side wrapper that, when {@link #ARMED}, fails the first attempt of the task
     * reading partition 1 (once): local mode runs the tasks in this JVM, where the static flag is visible.
     */
    private static org.apache.spark.sql.Dataset<Row> failingOnce(org.apache.spark.sql.Dataset<Row> data) {
        MapPartitionsFunction<Row, Row> wrapper = rows -> {
            TaskContext task = TaskContext.get();
            if (task.partitionId() == 1 && task.attemptNumber() == 0 && ARMED.getAndSet(false)) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure of partition 1 (a test)");
            }
            return rows;
        };
        return data.mapPartitions(wrapper, Encoders.row(data.schema()));
    }

    @Test
    void aFailedTaskIsRetriedWithoutChangingTheModel() {
        org.apache.spark.sql.Dataset<Row> data = failingOnce(csv());
        SomaLogisticRegressionModel clean = (SomaLogisticRegressionModel) pipeline(data).fit(data).stages()[1];
        assertEquals(0, FAILURES.get());
        ARMED.set(true);
        try {
            SomaLogisticRegressionModel retried = (SomaLogisticRegressionModel) pipeline(data).fit(data).stages()[1];
            assertEquals(1, FAILURES.get(), "a task failed and was retried");
            assertArrayEquals(clean.somaModel().weights(), retried.somaModel().weights());
            assertEquals(clean.somaModel().bias(), retried.somaModel().bias());
        } finally {
            ARMED.set(false);
            FAILURES.set(0);
        }
    }

    @Test
    void optimizerOptionsReachThePlugin() {
        org.apache.spark.sql.Dataset<Row> data = csv();
        Pipeline pipeline = pipeline(data);
        SomaLogisticRegression soma = (SomaLogisticRegression) pipeline.getStages()[1];
        soma.setOptimizer("minibatch").setOptimizerOptions("batchSize=64, learningRate=0.5").setMaxIter(3)
                .setRegParam(0.01).setElasticNetParam(0.25);
        SomaLogisticRegressionModel model = (SomaLogisticRegressionModel) pipeline.fit(data).stages()[1];
        assertEquals(64, model.somaModel().summary().batchSize());
        assertEquals(0.5, model.somaModel().summary().learningRate());
        assertEquals(0.0025, model.somaModel().summary().l1(), 1e-15, "regParam·elasticNetParam");
        assertEquals(0.0075, model.somaModel().summary().l2(), 1e-15, "regParam·(1 − elasticNetParam)");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SomaLogisticRegression.parseOptions("batchSize"));
        assertTrue(bad.getMessage().contains("'batchSize' is not key=value"), bad.getMessage());
    }

    @Test
    void schemaProblemsAreNamedBeforeAnyJob() {
        org.apache.spark.sql.Dataset<Row> data = csv();
        IllegalArgumentException notVector = assertThrows(IllegalArgumentException.class,
                () -> new SomaLogisticRegression().setFeaturesCol(data.columns()[0]).setLabelCol("target").fit(data));
        assertTrue(notVector.getMessage().contains("must be a vector"), notVector.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new SomaLogisticRegression().fit(data));
        assertTrue(missing.getMessage().contains("there is no column 'features'"), missing.getMessage());
    }
}
