package dev.soma.spark.bench;

import dev.soma.engine.model.LogisticRegression;
import dev.soma.plugins.Options;
import dev.soma.spark.SparkLogisticTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Soma on Spark against Spark MLlib's own {@code LogisticRegression}, in one {@code local[2]} run on the same
 * cached data: unregularised logistic regression on a synthetic n × 64 dataset (standard-normal features,
 * labels Bernoulli(σ(w·x + b)) from a seed, as the benchmarks module's), each trained to within 1e-6 of the
 * optimum mean log loss. Each side's stopping tolerance is the loosest of a ladder that gets there (chosen in
 * an untimed search); then three timed fits each, after a warm-up. "Jobs" counts the Spark jobs of a fit: one
 * per pass over the data for both.
 *
 * <pre>java [Spark's --add-opens] --add-modules jdk.incubator.vector -cp &lt;soma-spark, engine, plugins and
 *     Spark jars&gt; dev.soma.spark.bench.MllibComparison [rows] [partitions]</pre>
 * (The spark module's README section gives the command with Maven.)
 */
public final class MllibComparison {

    private static final double GAP = 1e-6;
    private static final int D = 64;

    private MllibComparison() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("soma-vs-mllib")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        AtomicInteger jobs = new AtomicInteger();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        });
        try {
            Dataset<Row> data = synthetic(spark, n, partitions).cache();
            System.out.printf(Locale.ROOT, "%d rows × %d features in %d cached partitions, local[2]%n", data.count(), D,
                    partitions);

            LogisticRegression reference = soma(data, 1e-8);
            double optimum = reference.summary().meanLoss();
            System.out.printf(Locale.ROOT, "optimum mean log loss %.10f (Soma lbfgs, gradient norm %.1e)%n", optimum,
                    reference.summary().gradientNorm());

            double somaTolerance = loosest(new double[] {1e-3, 3e-4, 1e-4, 3e-5, 1e-5, 1e-6},
                    t -> soma(data, t).summary().meanLoss() <= optimum + GAP);
            double mllibTolerance = loosest(new double[] {1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10},
                    t -> meanLogLoss(data, mllib(data, t)) <= optimum + GAP);
            System.out.printf(Locale.ROOT, "tolerances that reach within %.0e: Soma gradient norm %.0e, MLlib tol %.0e%n",
                    GAP, somaTolerance, mllibTolerance);

            Result soma = time("Soma on Spark (lbfgs, fused SIMD pass)", jobs, () -> {
                LogisticRegression m = soma(data, somaTolerance);
                return m.summary().meanLoss();
            });
            Result mllib = time("Spark MLlib LogisticRegression (L-BFGS)", jobs,
                    () -> meanLogLoss(data, mllib(data, mllibTolerance)), true);
            System.out.printf(Locale.ROOT, "%nSoma on Spark is %.2f× as fast as MLlib to the same optimum "
                    + "(%.3f s vs %.3f s; %d vs %d jobs)%n", mllib.seconds / soma.seconds, soma.seconds,
                    mllib.seconds, soma.jobs, mllib.jobs);
        } finally {
            spark.stop();
        }
    }

    private record Result(double seconds, int jobs) {
    }

    private static Result time(String name, AtomicInteger jobs, Supplier<Double> fit) {
        return time(name, jobs, fit, false);
    }

    /**
     * A warm-up fit, then three timed; the median. For MLlib the loss is computed after the clock stops (its
     * fit does not report the mean log loss), and the jobs of that evaluation are not counted.
     */
    private static Result time(String name, AtomicInteger jobs, Supplier<Double> fit, boolean lossOutside) {
        fit.get();
        double[] seconds = new double[3];
        int jobCount = 0;
        double loss = 0;
        for (int r = 0; r < 3; r++) {
            int before = jobs.get();
            long start = System.nanoTime();
            loss = fit.get();
            seconds[r] = (System.nanoTime() - start) / 1e9;
            jobCount = jobs.get() - before - (lossOutside ? 1 : 0);
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "%-42s %.3f s (median of 3; %.3f–%.3f), %d jobs, mean log loss %.10f%n",
                name, seconds[1], seconds[0], seconds[2], jobCount, loss);
        return new Result(seconds[1], jobCount);
    }

    private static double loosest(double[] ladder, java.util.function.DoublePredicate reaches) {
        for (double t : ladder) {
            if (reaches.test(t)) {
                return t;
            }
        }
        throw new IllegalStateException("no tolerance of " + Arrays.toString(ladder) + " reached the optimum");
    }

    private static LogisticRegression soma(Dataset<Row> data, double gradientTolerance) {
        return new SparkLogisticTrainer().optimizer("lbfgs", Options.empty()).standardize(false).costTolerance(0, 1)
                .gradientTolerance(gradientTolerance).maxIterations(1000).fit(data, "features", "label");
    }

    private static LogisticRegressionModel mllib(Dataset<Row> data, double tol) {
        return new org.apache.spark.ml.classification.LogisticRegression().setRegParam(0).setElasticNetParam(0)
                .setStandardization(false).setTol(tol).setMaxIter(1000).setFamily("binomial").fit(data);
    }

    /** MLlib's model's mean log loss, evaluated (stably, from the logit) in one Spark job. */
    private static double meanLogLoss(Dataset<Row> data, LogisticRegressionModel model) {
        double[] w = model.coefficients().toArray();
        double b = model.intercept();
        return data.javaRDD().map(row -> {
            org.apache.spark.ml.linalg.Vector x = (org.apache.spark.ml.linalg.Vector) row.get(0);
            double z = b;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x.apply(j);
            }
            double y = row.getDouble(1);
            return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
        }).reduce(Double::sum) / data.count();
    }

    /** The benchmarks module's synthetic logistic data, generated partition by partition from the seed. */
    static Dataset<Row> synthetic(SparkSession spark, int n, int partitions) {
        SplittableRandom random = new SplittableRandom(20_261_126L);
        double[] w = new double[D];
        for (int j = 0; j < D; j++) {
            w[j] = random.nextGaussian() * 3 / Math.sqrt(D);
        }
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        var rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ids, partitions)
                .flatMap(p -> {
                    SplittableRandom r = new SplittableRandom(20_261_126L + 7919L * p);
                    int count = n / partitions + (p < n % partitions ? 1 : 0);
                    List<Row> out = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        double[] x = new double[D];
                        double z = 0.5;
                        for (int j = 0; j < D; j++) {
                            x[j] = (float) r.nextGaussian();
                            z += w[j] * x[j];
                        }
                        out.add(RowFactory.create(Vectors.dense(x), r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1.0 : 0.0));
                    }
                    return out.iterator();
                });
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});
        return spark.createDataFrame(rows, schema);
    }
}
