package dev.soma.spark;

import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Logistic regression trained on a Spark {@code Dataset}, full batch, the way Spark MLlib trains its own: every
 * partition computes the gradient sum of its rows — here with the engine's fused SIMD pass over row-major float
 * blocks, converted once and cached — {@code treeAggregate} adds them, and the driver takes the optimizer
 * plugin's step ({@code "batch"}, {@code "lbfgs"} or a third party's full-batch optimizer). The objective, the
 * L2 penalty (bias unpenalised), the standardisation (computed distributively) and the model are the engine's,
 * so the result equals single-machine training on the same data within float rounding, and saves with
 * {@code ModelFile} like any Soma model.
 *
 * <p>A minibatch optimizer (batch size m) steps on seeded Bernoulli samples of about m rows, one Spark job each;
 * an iteration is then an epoch of n/m steps followed by a full pass for the stopping rule.
 * {@link SomaLogisticRegression} wraps this as a Spark ML {@code Estimator}.
 */
public final class SparkLogisticTrainer {

    private String optimizerName = "lbfgs";
    private Options optimizerOptions = Options.empty();
    private double l2;
    private int maxIterations = 1000;
    private double gradientTolerance = 1e-4;
    private double costTolerance = 1e-7;
    private int patience = 5;
    private boolean standardize = true;
    private int depth = 2;
    private long seed;
    private PluginRegistry plugins;

    public SparkLogisticTrainer optimizer(String name, Options options) {
        this.optimizerName = Objects.requireNonNull(name, "name");
        this.optimizerOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    public SparkLogisticTrainer l2(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("l2 must be a finite number >= 0, but was " + lambda);
        }
        this.l2 = lambda;
        return this;
    }

    public SparkLogisticTrainer maxIterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, but was " + iterations);
        }
        this.maxIterations = iterations;
        return this;
    }

    /** Stop when the norm of the full gradient is at most this. */
    public SparkLogisticTrainer gradientTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("gradientTolerance must be >= 0, but was " + tolerance);
        }
        this.gradientTolerance = tolerance;
        return this;
    }

    /**
     * Stop when the cost has not improved by more than {@code tolerance} for {@code patience} iterations in a row
     * (0 turns it off) — the single-machine trainer's rule and defaults (1e-7, 5).
     */
    public SparkLogisticTrainer costTolerance(double tolerance, int patience) {
        if (!(tolerance >= 0) || patience < 1) {
            throw new IllegalArgumentException("costTolerance must be >= 0 and patience >= 1, but were " + tolerance
                    + " and " + patience);
        }
        this.costTolerance = tolerance;
        this.patience = patience;
        return this;
    }

    public SparkLogisticTrainer standardize(boolean standardize) {
        this.standardize = standardize;
        return this;
    }

    /** The seed of minibatch sampling: the same seed, data and partitioning give the same model. */
    public SparkLogisticTrainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SparkLogisticTrainer plugins(PluginRegistry registry) {
        this.plugins = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * Trains on the rows of {@code data}: a vector column of features and a numeric 0/1 label column.
     *
     * @throws IllegalArgumentException for an unknown column, optimizer or option, or bad rows (named in the
     *                                  message)
     */
    public LogisticRegression fit(Dataset<Row> data, String featuresCol, String labelCol) {
        long start = System.nanoTime();
        List<String> columns = Arrays.asList(data.columns());
        for (String column : List.of(featuresCol, labelCol)) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("there is no column '" + column + "'; the columns are " + columns);
            }
        }
        PluginRegistry registry = plugins != null ? plugins : PluginRegistry.discover();
        Optimizer optimizer = registry.optimizer(optimizerName, optimizerOptions);
        JavaRDD<RowBlock> blocks = data.select(featuresCol, labelCol).javaRDD()
                .mapPartitionsWithIndex((partition, rows) -> RowBlock.fromRows(partition, rows, 0, 1, featuresCol,
                        labelCol), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            FeatureMoments moments = blocks.treeAggregate(new FeatureMoments(), FeatureMoments::add,
                    FeatureMoments::merge, depth);
            if (moments.count == 0) {
                throw new IllegalArgumentException("the data has no rows");
            }
            int d = moments.mean.length;
            Standardizer standardizer = standardize ? Standardizer.of(moments.mean, moments.scales())
                    : Standardizer.identity(d);
            DistributedObjective objective = new DistributedObjective(blocks, standardizer, l2, depth);
            int m = optimizer.batchSize();
            boolean minibatch = m != Optimizer.FULL_BATCH && m != 0 && m < moments.count;
            // A minibatch step reads a seeded Bernoulli sample of about m rows (one Spark job per step, as MLlib's
            // miniBatchFraction); an epoch is n/m steps, then a full pass for the stopping rule.
            double fraction = minibatch ? (double) m / moments.count : 1;
            long stepsPerEpoch = minibatch ? (moments.count + m - 1) / m : 1;
            Kernels kernels = KernelSelection.active();
            optimizer.initialise(d + 1, kernels);
            float[] theta = new float[d + 1];
            float[] gradient = new float[d + 1];
            CostFunction cost = objective::evaluate;
            double value = cost.evaluate(theta, gradient);
            StopReason stop = StopReason.MAX_EPOCHS;
            int iteration = 0;
            float[] sampleGradient = new float[d + 1];
            long step = 0;
            double best = value;
            int badIterations = 0;
            while (iteration < maxIterations) {
                iteration++;
                if (minibatch) {
                    for (long s = 0; s < stepsPerEpoch; s++) {
                        long stepSeed = seed ^ (0xD1B54A32D192ED03L * ++step);
                        CostFunction sample = (t, g) -> objective.evaluateSample(t, g, fraction, stepSeed);
                        double sampleCost = sample.evaluate(theta, sampleGradient);
                        if (Double.isFinite(sampleCost)) {
                            optimizer.step(theta, sampleGradient, StepContext.of(sampleCost, 1.0, iteration, sample));
                        }
                    }
                } else {
                    optimizer.step(theta, gradient, StepContext.of(value, 1.0, iteration, cost));
                }
                value = cost.evaluate(theta, gradient);
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("training diverged at iteration " + iteration + " (cost " + value
                            + "): try a smaller learning rate");
                }
                if (norm(gradient) <= gradientTolerance) {
                    stop = StopReason.GRADIENT_TOLERANCE;
                    break;
                }
                if (costTolerance > 0) {
                    badIterations = value > best - costTolerance ? badIterations + 1 : 0;
                    best = Math.min(best, value);
                    if (badIterations >= patience) {
                        stop = StopReason.COST_TOLERANCE;
                        break;
                    }
                }
            }
            List<String> names = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                names.add("x" + j);
            }
            TrainingSummary summary = new TrainingSummary(iteration, stop, value, objective.meanLoss(), norm(gradient),
                    "log", optimizer.name(), optimizerOptions.asMap(), optimizer.learningRate(),
                    minibatch ? m : (int) Math.min(Integer.MAX_VALUE, moments.count), 0, l2, Double.NaN, iteration,
                    objective.passes(), kernels.name(), kernels.lanes(), Duration.ofNanos(System.nanoTime() - start));
            return LogisticRegression.fromStandardisedParameters(theta, standardizer, names, summary);
        } finally {
            blocks.unpersist(false);
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += (double) f * f;
        }
        return Math.sqrt(s);
    }
}
