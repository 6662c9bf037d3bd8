package dev.soma.examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.Dataset;
import dev.soma.engine.LogisticRegression;
import dev.soma.engine.ModelFile;
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
}
