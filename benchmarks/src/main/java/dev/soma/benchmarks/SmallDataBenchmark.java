package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.train.TrainingSummary;
import java.util.Locale;
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
 * Small data, warm: logistic regression on the breast-cancer training set (456 × 30, {@link SmallData}) and on the
 * synthetic set at 10,000 × 32 ({@link SyntheticLogistic}, same generator and seed as the large benchmarks), vector
 * against scalar kernels in the same run, through the public {@code Trainer}.
 *
 * <ul>
 *   <li>{@code lbfgs}: one whole {@code fit} as a user calls it on the raw data — {@code "lbfgs"}, L2 with
 *   scikit-learn's {@code C = 1} ({@code λ = 1/(C·n)}, {@link SmallData#l2ForC}), features standardised by the fit
 *   (the default), from zero until the norm of the full gradient is at most {@value #GRADIENT_TOLERANCE}, no other
 *   stopping rule. Set-up runs it once untimed and records its epoch count; every invocation checks that it stopped
 *   at the gradient tolerance after that many epochs ({@link Claims#converged}).</li>
 *   <li>{@code sgdEpoch}, {@code minibatch32Epoch}: an epoch of {@code "sgd"} (m = 1, learning rate 0.01, shuffled
 *   every epoch) and {@code "minibatch"} (m = 32, learning rate 0.05), as {@link EpochBenchmark} measures them: one
 *   invocation trains {@value #EPOCHS} epochs from zero with every stopping rule but the epoch budget off and is
 *   divided by {@value #EPOCHS}, so each epoch carries its end-of-epoch evaluation and 1/{@value #EPOCHS} of the
 *   fit's fixed cost ({@link FitOverheadBenchmark} measures that cost on its own). The features are standardised
 *   once in set-up, untimed, and training runs with {@code standardize(false)} (scikit-learn's SGDClassifier does
 *   not standardise either). Every invocation checks the {@value #EPOCHS} epochs ({@link Claims#epochs}).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class SmallDataBenchmark {

    static final double GRADIENT_TOLERANCE = 1e-6;
    static final int EPOCHS = 32;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({SmallData.BREAST_CANCER, SmallData.SYNTHETIC_10K})
    public String data;

    private Kernels k;
    private Dataset raw;
    private Dataset standardised;
    /** The epochs the set-up's reference L-BFGS run took: every timed run must take as many. */
    int lbfgsEpochs;

    @Setup(Level.Trial)
    public void setUp() {
        k = KernelPaths.named(kernels);
        raw = SmallData.named(data);
        standardised = Standardizer.fit(raw).transform(raw);
        TrainingSummary reference = lbfgs(raw, k).summary();
        Claims.converged("SmallDataBenchmark.lbfgs (reference run)", reference, GRADIENT_TOLERANCE, 0);
        lbfgsEpochs = reference.epochs();
        System.out.printf(Locale.ROOT, "%n%s: L-BFGS to gradient norm %.0e in %d epochs, %.1f passes, mean log loss "
                + "%.8f%n", data, GRADIENT_TOLERANCE, reference.epochs(), reference.passes(), reference.meanLoss());
    }

    @Benchmark
    public LogisticRegression lbfgs() {
        LogisticRegression model = lbfgs(raw, k);
        Claims.converged("SmallDataBenchmark.lbfgs", model.summary(), GRADIENT_TOLERANCE, lbfgsEpochs);
        return model;
    }

    @Benchmark
    @OperationsPerInvocation(EPOCHS)
    public LogisticRegression sgdEpoch() {
        return EpochBenchmark.train("SmallDataBenchmark.sgdEpoch", standardised, "sgd", k, 1, EPOCHS);
    }

    @Benchmark
    @OperationsPerInvocation(EPOCHS)
    public LogisticRegression minibatch32Epoch() {
        return EpochBenchmark.train("SmallDataBenchmark.minibatch32Epoch", standardised, "minibatch-32", k, 1, EPOCHS);
    }

    /**
     * scikit-learn's {@code LogisticRegression(C=1)} on standardised features, as Soma trains it: L-BFGS, L2 with
     * {@code λ = 1/n}, until the gradient norm is at most {@value #GRADIENT_TOLERANCE} (no cost tolerance).
     */
    static LogisticRegression lbfgs(Dataset data, Kernels kernels) {
        var trainer = LogisticRegression.trainer()
                .optimizer("lbfgs")
                .l2(SmallData.l2ForC(1, data.size()))
                .standardize(true)
                .costTolerance(0)
                .gradientTolerance(GRADIENT_TOLERANCE)
                .maxEpochs(1000);
        if (kernels != null) {
            trainer.kernels(kernels);
        }
        return trainer.fit(data);
    }
}
