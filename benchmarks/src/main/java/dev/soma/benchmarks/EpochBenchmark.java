package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.kernels.Kernels;
import dev.soma.plugins.Options;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training epochs of logistic regression on the synthetic 1,000,000 × 64 dataset ({@link SyntheticLogistic}),
 * vector against scalar kernels in the same run, through the public {@code Trainer} as a user calls it.
 *
 * <p>One invocation trains {@value #EPOCHS} epochs from zero and the score is its time divided by
 * {@value #EPOCHS}: an epoch as the trainer runs it, including its share of the start-up evaluation and the
 * full-data evaluation after each epoch that the stopping rules read. Every stopping rule but the epoch budget is
 * off (cost and gradient tolerance 0, no early stopping, no time limit), and every invocation checks that the
 * model's {@code TrainingSummary} reports {@value #EPOCHS} epochs ended by the budget, else it throws and JMH
 * reports a failure rather than a time for fewer epochs. The data is
 * already standardised, so training runs with {@code standardize(false)} (as scikit-learn's SGDClassifier,
 * which does not standardise). {@code sgd} is m = 1 on an order shuffled every epoch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class EpochBenchmark {

    static final int EPOCHS = 8;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"batch", "minibatch-256", "minibatch-32", "sgd"})
    public String optimizer;

    /** Rows of the synthetic data: the full size in a benchmark run; tests set a small one before set-up. */
    int rows = SyntheticLogistic.ROWS;

    private Dataset data;
    private Kernels k;

    @Setup(Level.Trial)
    public void setUp() {
        k = KernelPaths.named(kernels);
        data = SyntheticLogistic.generate(rows).dataset();
    }

    @Benchmark
    @OperationsPerInvocation(EPOCHS)
    public LogisticRegression epoch() {
        return train("EpochBenchmark", data, optimizer, k, 1, EPOCHS);
    }

    /**
     * Exactly {@code epochs} epochs of the named optimizer set-up on {@code threads} threads: every stopping rule
     * but the epoch budget is off, and the summary is checked ({@link Claims#epochs}) before the model is returned.
     *
     * @throws IllegalStateException naming {@code benchmark} if fewer epochs ran
     */
    static LogisticRegression train(String benchmark, Dataset data, String optimizer, Kernels kernels, int threads,
                                    int epochs) {
        var trainer = LogisticRegression.trainer()
                .kernels(kernels)
                .threads(threads)
                .standardize(false)
                .costTolerance(0)
                .gradientTolerance(0)
                .earlyStopping(0)
                .maxEpochs(epochs);
        switch (optimizer) {
            case "batch" -> trainer.optimizer("batch", Options.of("learningRate", 1.0));
            case "sgd" -> trainer.optimizer("sgd", Options.of("learningRate", 0.01));
            default -> {
                if (!optimizer.startsWith("minibatch-")) {
                    throw new IllegalArgumentException("unknown optimizer set-up: " + optimizer);
                }
                int m = Integer.parseInt(optimizer.substring("minibatch-".length()));
                trainer.optimizer("minibatch", Options.of("batchSize", m, "learningRate", 0.05));
            }
        }
        LogisticRegression model = trainer.fit(data);
        Claims.epochs(benchmark, model.summary(), epochs);
        return model;
    }
}
