package dev.soma.examples.spark;

import dev.soma.engine.io.ModelFile;
import dev.soma.spark.SomaLogisticRegression;
import dev.soma.spark.SomaLogisticRegressionModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains Soma's logistic regression on Spark from a CSV (with a header) or Parquet file: every column but the
 * label is a feature. Prints the training accuracy and log loss, and saves the Spark ML pipeline and the plain
 * Soma model file. With {@code spark-submit} the master comes from the cluster; run directly, it is
 * {@code --master} (default {@code local[*]}).
 */
@Command(name = "train-with-spark", mixinStandardHelpOptions = true,
        description = "Trains Soma's logistic regression on Spark from a CSV or Parquet file.")
public final class TrainWithSpark implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "A .csv file (with a header) or a .parquet file or folder.")
    String data;

    @Option(names = "--label", defaultValue = "label", description = "The label column (0 or 1). Default: ${DEFAULT-VALUE}.")
    String label;

    @Option(names = "--l2", defaultValue = "0", description = "L2 regularisation λ. Default: ${DEFAULT-VALUE}.")
    double l2;

    @Option(names = "--master", description = "The Spark master when not run by spark-submit. Default: local[*].")
    String master;

    @Option(names = "--out", required = true, description = "A folder for the pipeline (out/pipeline) and the Soma model (out/model.json).")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainWithSpark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SparkSession.Builder builder = SparkSession.builder().appName("soma-train-with-spark");
        if (master != null || !SparkSession.getActiveSession().isDefined()) {
            builder.master(master != null ? master : System.getProperty("spark.master", "local[*]"));
        }
        SparkSession spark = builder.getOrCreate();
        Dataset<Row> rows = data.endsWith(".csv")
                ? spark.read().option("header", "true").option("inferSchema", "true").csv(data)
                : spark.read().parquet(data);
        if (!Arrays.asList(rows.columns()).contains(label)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "there is no column '" + label + "' in "
                    + data + "; the columns are " + Arrays.asList(rows.columns()));
        }
        String[] features = Arrays.stream(rows.columns()).filter(c -> !c.equals(label)).toArray(String[]::new);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(features).setOutputCol("features"),
            new SomaLogisticRegression().setLabelCol(label).setRegParam(l2)});
        long start = System.nanoTime();
        PipelineModel model = pipeline.fit(rows);
        double seconds = (System.nanoTime() - start) / 1e9;
        SomaLogisticRegressionModel soma = (SomaLogisticRegressionModel) model.stages()[1];
        long correct = model.transform(rows).filter("prediction = `" + label + "`").count();
        long n = rows.count();
        System.out.printf(Locale.ROOT, "trained on %d rows × %d features in %.2f s: %s%n", n, features.length, seconds,
                soma.somaModel().summary().stopReason());
        System.out.printf(Locale.ROOT, "training accuracy %.4f, mean log loss %.4f%n", (double) correct / n,
                soma.somaModel().summary().meanLoss());
        Files.createDirectories(out);
        model.write().overwrite().save(out.resolve("pipeline").toString());
        ModelFile.save(soma.somaModel(), out.resolve("model.json"));
        System.out.println("saved " + out.resolve("pipeline") + " and " + out.resolve("model.json"));
        return 0;
    }
}
