package dev.soma.examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The example, run as its README shows, on the bundled breast-cancer CSV in local[2]. */
class TrainWithSparkTest {

    @TempDir
    Path dir;

    @Test
    void itTrainsFromTheCsvAndSavesAModelThatScoresTheTestSplit() throws Exception {
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
        int exit = new CommandLine(new TrainWithSpark()).execute("--data", "../../datasets/breast_cancer/train.csv",
                "--l2", String.valueOf(1.0 / 456), "--master", "local[2]", "--out", dir.toString());
        assertEquals(0, exit);
        assertTrue(Files.isDirectory(dir.resolve("pipeline")));
        LogisticRegression model = ModelFile.load(dir.resolve("model.json"), LogisticRegression.class);
        double accuracy = model.evaluate(Dataset.readCsv(Path.of("../../datasets/breast_cancer/test.csv"))).accuracy();
        assertTrue(accuracy > 0.97, "test accuracy " + accuracy);
    }

    @Test
    void itReadsParquetToo() throws Exception {
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
        String parquet = dir.resolve("train.parquet").toString();
        org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder().master("local[2]")
                .getOrCreate();
        spark.read().option("header", "true").option("inferSchema", "true")
                .csv("../../datasets/breast_cancer/train.csv").write().parquet(parquet);
        int exit = new CommandLine(new TrainWithSpark()).execute("--data", parquet, "--master", "local[2]",
                "--out", dir.resolve("out").toString());
        assertEquals(0, exit);
        LogisticRegression model = ModelFile.load(dir.resolve("out").resolve("model.json"), LogisticRegression.class);
        assertTrue(model.summary().meanLoss() < 0.1, model.summary().toString());
    }

    @Test
    void aMissingLabelColumnIsAUsageError() {
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        int exit = new CommandLine(new TrainWithSpark()).execute("--data", "../../datasets/breast_cancer/train.csv",
                "--label", "nope", "--master", "local[2]", "--out", dir.toString());
        assertEquals(2, exit);
    }
}
