package dev.soma.spark;

import dev.soma.engine.data.Standardizer;
import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.engine.train.LearningRateSchedule;
import dev.soma.engine.train.TrainingCheckpoint;
import dev.soma.engine.train.TrainingDivergedException;
import dev.soma.engine.train.TrainingListener;
import dev.soma.engine.train.internal.Penalty;
import dev.soma.engine.train.internal.TrainingConfig;
import dev.soma.engine.train.internal.TrainingLoop;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Logistic regression trained on a Spark {@code Dataset}, the way Spark MLlib trains its own: every partition
 * computes the gradient sum of its rows — here with the engine's fused SIMD pass over row-major float blocks,
 * converted once and cached — {@code treeAggregate} adds them, and the driver runs the engine's own training loop
 * ({@code TrainingLoop}) with the optimizer plugin ({@code "lbfgs"}, {@code "batch"} or a third party's). The
 * objective, the penalties (bias unpenalised), the standardisation (computed distributively), the loop — learning
 * rate schedules, listeners, gradient clipping, the stopping rules, the divergence rule — and the model are the
 * engine's, so the result equals single-machine training on the same data within float rounding, and saves with
 * {@code ModelFile} like any Soma model.
 *
 * <p>A minibatch optimizer (batch size m) steps on seeded Bernoulli samples of about m rows, one Spark job each;
 * an iteration is then an epoch of ⌈n/m⌉ steps followed by a full pass for the stopping rule.
 * {@link SomaLogisticRegression} wraps this as a Spark ML {@code Estimator}.
 *
 * <p>Features may be {@code DenseVector}s, {@code SparseVector}s or both. A partition with a sparse vector is
 * stored in CSR ({@link RowBlock}) and trained through the engine's sparse gather and scatter, in O(non-zeros) per
 * pass; once any row is sparse, standardisation scales without centring (means 0, the population standard
 * deviations with the zeros), as single-machine Soma does on a sparse {@code Dataset}. All-dense data trains
 * exactly as before.
 *
 * <p>What the single-machine trainer has and this one cannot do says so when it is set: checkpoints and resuming
 * ({@link #checkpoints}, {@link #resumeFrom}) and early stopping on a validation split ({@link #earlyStopping}).
 */
public final class SparkLogisticTrainer {

    private String optimizerName = "lbfgs";
    private Options optimizerOptions = Options.empty();
    private double l1;
    private double l2;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private int maxIterations = 1000;
    private double gradientTolerance = 1e-4;
    private double costTolerance = 1e-7;
    private int patience = 5;
    private Duration maxTime;
    private double clipGradientNorm;
    private BooleanSupplier cancelled = () -> false;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private boolean standardize = true;
    private int depth = 2;
    private long seed;
    private PluginRegistry plugins;

    public SparkLogisticTrainer optimizer(String name, Options options) {
        this.optimizerName = Objects.requireNonNull(name, "name");
        this.optimizerOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /** The L2 penalty {@code (λ/2)‖w‖²} on the weights (not the bias). */
    public SparkLogisticTrainer l2(double lambda) {
        this.l2 = requireNonNegative(lambda, "l2");
        return this;
    }

    /** The L1 penalty {@code λ‖w‖₁} on the weights (not the bias), by subgradient as on a single machine. */
    public SparkLogisticTrainer l1(double lambda) {
        this.l1 = requireNonNegative(lambda, "l1");
        return this;
    }

    /** Elastic net as scikit-learn's and MLlib's: {@code λ1 = α·ρ}, {@code λ2 = α·(1 − ρ)}. */
    public SparkLogisticTrainer elasticNet(double alpha, double l1Ratio) {
        requireNonNegative(alpha, "alpha");
        if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
            throw new IllegalArgumentException("l1Ratio must be between 0 and 1, but was " + l1Ratio);
        }
        this.l1 = alpha * l1Ratio;
        this.l2 = alpha * (1 - l1Ratio);
        return this;
    }

    /** How the learning rate changes over the iterations (epochs), as on a single machine. */
    public SparkLogisticTrainer schedule(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
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

    /** Stop after the iteration during which this much time has passed. */
    public SparkLogisticTrainer maxTime(Duration limit) {
        this.maxTime = Objects.requireNonNull(limit, "limit");
        return this;
    }

    /** Scale every step's gradient down to at most this norm (0, the default, turns clipping off). */
    public SparkLogisticTrainer clipGradientNorm(double maxNorm) {
        this.clipGradientNorm = requireNonNegative(maxNorm, "clipGradientNorm");
        return this;
    }

    /** Stop (at the next step, on the driver) once {@code cancelled} says true. */
    public SparkLogisticTrainer cancelWhen(BooleanSupplier cancelled) {
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
        return this;
    }

    /**
     * Hears about every iteration ({@code onEpoch}) and, if it overrides {@code onStep}, every optimizer step; called
     * on the driver, between Spark jobs. An exception it throws stops training and reaches the caller of {@link #fit}.
     */
    public SparkLogisticTrainer listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Not supported on Spark.
     *
     * @throws UnsupportedOperationException always: a checkpoint holds the driver's state only, and a run resumed
     *                                       from it would need the same cached partitions (samples and float sums
     *                                       depend on the partitioning), which a new Spark job does not guarantee
     */
    public SparkLogisticTrainer checkpoints(Consumer<TrainingCheckpoint> consumer) {
        throw new UnsupportedOperationException("checkpoints are not supported on Spark: a checkpoint holds only the "
                + "driver's state, and a run resumed from it would need the same cached partitions, which a new Spark "
                + "job does not guarantee; if a fit fails, fit again (Spark retries failed tasks by itself)");
    }

    /**
     * Not supported on Spark.
     *
     * @throws UnsupportedOperationException always, for the reason {@link #checkpoints} gives
     */
    public SparkLogisticTrainer resumeFrom(TrainingCheckpoint checkpoint) {
        throw new UnsupportedOperationException("resumeFrom is not supported on Spark: a checkpoint holds only the "
                + "driver's state, and the resumed run would need the same cached partitions, which a new Spark job "
                + "does not guarantee; fit again instead");
    }

    /**
     * Not supported on Spark.
     *
     * @throws UnsupportedOperationException always: Spark training keeps no validation split; hold out a
     *                                       validation set with {@code Dataset.randomSplit} and evaluate on it
     */
    public SparkLogisticTrainer earlyStopping(double validationFraction) {
        throw new UnsupportedOperationException("earlyStopping is not supported on Spark: it trains on every row it "
                + "is given and keeps no validation split; hold one out with Dataset.randomSplit, and stop with "
                + "maxIterations, the tolerances or a listener with cancelWhen");
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
     * @throws IllegalArgumentException   for an unknown column, optimizer or option, or bad rows (named in the
     *                                    message)
     * @throws TrainingDivergedException  if the cost stops being finite or grows 10⁴-fold (steps too large)
     */
    public LogisticRegression fit(Dataset<Row> data, String featuresCol, String labelCol) {
        List<String> columns = Arrays.asList(data.columns());
        for (String column : List.of(featuresCol, labelCol)) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("there is no column '" + column + "'; the columns are " + columns);
            }
        }
        TrainingConfig config = new TrainingConfig("log", Options.empty(), optimizerName, optimizerOptions,
                new Penalty(l1, l2), schedule, maxIterations, costTolerance, patience, gradientTolerance, 0, maxTime,
                seed, standardize, listeners, null, null, KernelSelection.active(), clipGradientNorm, cancelled);
        PluginRegistry registry = plugins != null ? plugins : PluginRegistry.discover();
        // Guarded as single-machine training is: a plugin built against another API fails with one clear message.
        Optimizer optimizer = dev.soma.engine.plugins.PluginBoundary.guard(registry.optimizer(optimizerName, optimizerOptions));
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
            // Sparse rows are scaled without centring, as the single-machine Standardizer does for sparse data:
            // centring would fill every zero.
            Standardizer standardizer = !standardize ? Standardizer.identity(d)
                    : moments.sparse ? Standardizer.of(new double[d], moments.scales())
                    : Standardizer.of(moments.mean, moments.scales());
            DistributedObjective objective = new DistributedObjective(blocks, moments.count, standardizer,
                    config.penalty(), depth);
            TrainingLoop.Result result = new TrainingLoop(config, "log", optimizer).run(objective, null,
                    new float[d + 1]);
            List<String> names = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                names.add("x" + j);
            }
            return LogisticRegression.fromStandardisedParameters(result.theta(), standardizer, names,
                    result.summary());
        } finally {
            blocks.unpersist(false);
        }
    }

    private static double requireNonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, but was " + value);
        }
        return value;
    }
}
