package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first {@code fit} in a fresh JVM: JMH's single-shot mode, no warm-up, one measurement per fork and
 * {@value #FORKS} forks (more or fewer with {@code -f}), so every score is a first call — class loading, the
 * interpreter, the JIT's first compilations of the kernels and the training loop — and the spread over forks is the
 * spread over JVM starts. Only the data is prepared in set-up, untimed: the breast-cancer CSV read, or the 1M × 64
 * synthetic set generated. Nothing of the trainer or the kernels runs before the timed call: even the
 * {@code kernels} choice is resolved inside it (choosing initialises Soma's kernel selection).
 *
 * <ul>
 *   <li>{@code breast-cancer}: the fit of {@link SmallDataBenchmark#lbfgs} — L-BFGS, L2 with C = 1, standardised by
 *   the fit, to a gradient norm of {@value SmallDataBenchmark#GRADIENT_TOLERANCE}; checked to have stopped there, and
 *   after the measurement (untimed) a second fit in the same JVM must take the same number of epochs.</li>
 *   <li>{@code synthetic-1m}: {@link TimeToOptimumBenchmark}'s fit on 1,000,000 × 64 — L-BFGS from zero until the
 *   mean log loss is within {@value TimeToOptimumBenchmark#GAP} of the optimum, one thread. The optimum is the
 *   constant {@value #OPTIMUM_1M} (a first fit cannot compute it first); after the measurement, untimed, the
 *   reference run to a gradient norm of 1e-7 recomputes it and the fork fails unless it agrees within
 *   {@value #OPTIMUM_AGREEMENT}.</li>
 *   <li>{@code synthetic-1m-csv}: the same fit on the same rows, read in set-up from a CSV file (written once into
 *   the temporary folder, floats in exact decimal form) by {@code TableReader}, as {@code soma train} reads them:
 *   the first fit of a user who trains on a file.</li>
 * </ul>
 *
 * <p>{@code kernels}: {@code default} calls no {@code Trainer.kernels}, so the fit runs what Soma chooses for a
 * user ({@code KernelSelection.active()}); {@code scalar} and {@code vector} force a path. Every fork starts with
 * {@code --add-modules jdk.incubator.vector}; add {@code -jvmArgsAppend -Dsoma.kernels=scalar} (the suite's
 * {@code full} profile does, in a run of its own) to see a JVM that never loads the Vector API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = FirstFitBenchmark.FORKS, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class FirstFitBenchmark {

    static final int FORKS = 10;
    static final String SYNTHETIC_1M = "synthetic-1m";
    static final String SYNTHETIC_1M_CSV = "synthetic-1m-csv";

    /**
     * The optimum mean log loss of unregularised logistic regression on the 1,000,000 × 64 synthetic set, as
     * {@link TimeToOptimumBenchmark}'s reference run finds it; checked after every {@code synthetic-1m} measurement.
     */
    static final double OPTIMUM_1M = 0.382282194;
    static final double OPTIMUM_AGREEMENT = 1e-7;

    @Param({"default", "scalar", "vector"})
    public String kernels;

    @Param({SmallData.BREAST_CANCER, SYNTHETIC_1M, SYNTHETIC_1M_CSV})
    public String data;

    /** Rows of the synthetic data: the full size in a benchmark run; tests set a small one before set-up. */
    int rows = SyntheticLogistic.ROWS;
    /** The optimum that {@code synthetic-1m} trains to: {@link #OPTIMUM_1M} at full size; tests set their own. */
    double optimum = OPTIMUM_1M;

    private Dataset set;
    TrainingSummary first;

    @Setup(Level.Trial)
    public void setUp() throws java.io.IOException {
        set = switch (data) {
            case SmallData.BREAST_CANCER -> SmallData.breastCancer();
            case SYNTHETIC_1M -> SyntheticLogistic.generate(rows).dataset();
            case SYNTHETIC_1M_CSV -> readAsAUserDoes(SyntheticLogistic.generate(rows).csvFile());
            default -> throw new IllegalArgumentException("data must be " + SmallData.BREAST_CANCER + ", "
                    + SYNTHETIC_1M + " or " + SYNTHETIC_1M_CSV + ", not " + data);
        };
    }

    /**
     * The same 1M × 64 rows read from their CSV file by the reader {@code soma train} uses, so the fit is a first
     * fit after reading a file, as on the command line (the reader tells the kernels a large fit is coming).
     */
    private static Dataset readAsAUserDoes(java.nio.file.Path file) throws java.io.IOException {
        return dev.soma.engine.table.TableReader.read(file, dev.soma.engine.table.TableSpec.builder().label("label")
                .build());
    }

    @Benchmark
    public LogisticRegression firstFit() {
        Kernels k = kernels.equals("default") ? null : KernelPaths.named(kernels);
        LogisticRegression model;
        if (data.equals(SmallData.BREAST_CANCER)) {
            model = SmallDataBenchmark.lbfgs(set, k);
            Claims.converged("FirstFitBenchmark", model.summary(), SmallDataBenchmark.GRADIENT_TOLERANCE, 0);
        } else {
            model = TimeToOptimumBenchmark.toOptimum("FirstFitBenchmark", set, k, 1, optimum);
        }
        first = model.summary();
        return model;
    }

    /** After the measurement, untimed: the work the first fit claims is checked against a second run. */
    @TearDown(Level.Trial)
    public void check() {
        if (first == null) {
            return;
        }
        Kernels k = kernels.equals("default") ? null : KernelPaths.named(kernels);
        if (data.equals(SmallData.BREAST_CANCER)) {
            Claims.converged("FirstFitBenchmark (its second fit)", SmallDataBenchmark.lbfgs(set, k).summary(),
                    SmallDataBenchmark.GRADIENT_TOLERANCE, first.epochs());
            System.out.printf(Locale.ROOT, "%nfirst fit: %d epochs, %.1f passes, %s kernels%n", first.epochs(),
                    first.passes(), first.kernelDescription());
        } else {
            TrainingSummary reference = TimeToOptimumBenchmark.reference("FirstFitBenchmark", set,
                    k != null ? k : dev.soma.engine.kernels.KernelSelection.active(), 1);
            if (!(Math.abs(reference.meanLoss() - optimum) <= OPTIMUM_AGREEMENT)) {
                throw new IllegalStateException(String.format(Locale.ROOT, "FirstFitBenchmark trained to within "
                                + "%.0e of %.10f, but the optimum is %.10f: its target is wrong",
                        TimeToOptimumBenchmark.GAP, optimum, reference.meanLoss()));
            }
            System.out.printf(Locale.ROOT, "%nfirst fit: %d epochs, %.1f passes, mean log loss %.10f (optimum "
                    + "%.10f), %s kernels%n", first.epochs(), first.passes(), first.meanLoss(), reference.meanLoss(),
                    first.kernelDescription());
        }
    }
}
