package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.train.EpochReport;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingListener;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.engine.kernels.Kernels;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to optimum: unregularised logistic regression on the synthetic 1,000,000 × 64 dataset with
 * {@code "lbfgs"}, the fastest built-in optimizer, from zero until the mean log loss is within
 * {@value #GAP} of the optimum. The optimum is found once per fork by the same optimizer run to a gradient
 * norm of 1e-7 (and the run fails if that does not get there). The score is the whole {@code fit}, data
 * already in memory, as a user calls it.
 *
 * <p>The timed run has no stopping rule of its own (cost and gradient tolerance 0): only reaching the target stops
 * it, by cancellation from the epoch listener. Every invocation checks that it stopped for that reason and that its
 * final mean loss is within {@value #GAP} of the optimum, else it throws and JMH reports a failure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class TimeToOptimumBenchmark {

    static final double GAP = 1e-6;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"1", "2"})
    public int threads;

    /** Rows of the synthetic data: the full size in a benchmark run; tests set a small one before set-up. */
    int rows = SyntheticLogistic.ROWS;

    private Dataset data;
    private Kernels k;
    double optimum;
    private TrainingSummary last;

    @Setup(Level.Trial)
    public void setUp() {
        k = KernelPaths.named(kernels);
        data = SyntheticLogistic.generate(rows).dataset();
        TrainingSummary reference = reference("TimeToOptimumBenchmark", data, k, threads);
        optimum = reference.meanLoss();
        System.out.printf(Locale.ROOT, "%noptimum mean log loss %.10f (gradient norm %.2e after %d epochs)%n",
                optimum, reference.gradientNorm(), reference.epochs());
    }

    @Benchmark
    public LogisticRegression toOptimum() {
        LogisticRegression model = toOptimum("TimeToOptimumBenchmark", data, k, threads, optimum);
        last = model.summary();
        return model;
    }

    /**
     * {@code "lbfgs"} from zero on already standardised {@code data} until the mean log loss is within {@value #GAP}
     * of {@code optimum}, stopped only by reaching it (cancellation from the epoch listener), and checked to have.
     *
     * @param kernels the kernels, or null for the trainer's default ({@code KernelSelection.active()})
     * @throws IllegalStateException naming {@code benchmark} if the run stopped for another reason or short of it
     */
    static LogisticRegression toOptimum(String benchmark, Dataset data, Kernels kernels, int threads, double optimum) {
        boolean[] reached = {false};
        var trainer = LogisticRegression.trainer()
                .optimizer("lbfgs")
                .threads(threads)
                .standardize(false)
                .costTolerance(0)
                .gradientTolerance(0)
                .maxEpochs(1000)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport report) {
                        reached[0] |= report.meanLoss() <= optimum + GAP;
                    }
                })
                .cancelWhen(() -> reached[0]);
        if (kernels != null) {
            trainer.kernels(kernels);
        }
        LogisticRegression model = trainer.fit(data);
        TrainingSummary summary = model.summary();
        if (summary.stopReason() != StopReason.CANCELLED || !(summary.meanLoss() <= optimum + GAP)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s stopped by %s after %d "
                            + "epochs at mean loss %.10f, not within %.0e of the optimum %.10f", benchmark,
                    summary.stopReason(), summary.epochs(), summary.meanLoss(), GAP, optimum));
        }
        return model;
    }

    /**
     * The optimum: {@code "lbfgs"} from zero to a gradient norm of 1e-7 on already standardised {@code data}.
     *
     * @throws IllegalStateException naming {@code benchmark} if the run did not get there
     */
    static TrainingSummary reference(String benchmark, Dataset data, Kernels kernels, int threads) {
        TrainingSummary reference = LogisticRegression.trainer()
                .optimizer("lbfgs")
                .kernels(kernels)
                .threads(threads)
                .standardize(false)
                .costTolerance(0)
                .gradientTolerance(1e-7)
                .maxEpochs(1000)
                .fit(data)
                .summary();
        if (reference.stopReason() != StopReason.GRADIENT_TOLERANCE) {
            throw new IllegalStateException(benchmark + ": the reference run did not reach a gradient norm "
                    + "of 1e-7, so its loss is not the optimum: " + reference);
        }
        return reference;
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf(Locale.ROOT, "%nto within %.0e: %d epochs, %.1f passes over the data, mean log loss %.10f%n",
                GAP, last.epochs(), last.passes(), last.meanLoss());
    }
}
