package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.plugins.Options;
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
 * The fixed cost of a {@code fit}, warm: everything a fit does but its passes over the data — plugin discovery,
 * the checks of the data and settings, standardisation statistics, the objective, optimizer and loop set-up, the
 * summary and the model. Measured as a whole public {@code fit} of one epoch on so few rows that the passes cost
 * next to nothing: the first {@value #ROWS_PER_CLASS} rows of each class of the breast-cancer training set
 * ({@value #ROWS_PER_CLASS}·2 × 30). A pass over those rows is a few hundred floats, well under a microsecond
 * on either kernel path, so the score is the fixed cost to within that (it is an upper bound).
 *
 * <ul>
 *   <li>{@code lbfgs}: the trainer of {@link SmallDataBenchmark#lbfgs} (L2 with C = 1, standardised) with a budget
 *   of one epoch and no tolerance — the fixed cost that the breast-cancer L-BFGS fit pays once.</li>
 *   <li>{@code sgd}: one epoch of {@code "sgd"} (m = 1), standardised by the fit — the per-fit cost an SGD epoch
 *   benchmark shares out over its epochs.</li>
 * </ul>
 * Every invocation checks that exactly one epoch ran, ended by the budget ({@link Claims#epochs}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class FitOverheadBenchmark {

    static final int ROWS_PER_CLASS = 8;

    @Param({"scalar", "vector"})
    public String kernels;

    private Kernels k;
    Dataset tiny;
    private TrainingSummary last;

    @Setup(Level.Trial)
    public void setUp() {
        k = KernelPaths.named(kernels);
        tiny = tiny(SmallData.breastCancer());
    }

    /** The first {@value #ROWS_PER_CLASS} rows of class 0 and of class 1, in file order. */
    static Dataset tiny(Dataset data) {
        float[] labels = data.labels();
        int[] picked = new int[2 * ROWS_PER_CLASS];
        int[] taken = new int[2];
        int count = 0;
        for (int i = 0; i < labels.length && count < picked.length; i++) {
            int label = (int) labels[i];
            if (taken[label] < ROWS_PER_CLASS) {
                taken[label]++;
                picked[count++] = i;
            }
        }
        if (count < picked.length) {
            throw new IllegalStateException("fewer than " + ROWS_PER_CLASS + " rows of a class");
        }
        java.util.Arrays.sort(picked);
        return data.subset(picked);
    }

    @Benchmark
    public LogisticRegression lbfgs() {
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("lbfgs")
                .kernels(k)
                .l2(SmallData.l2ForC(1, tiny.size()))
                .standardize(true)
                .costTolerance(0)
                .gradientTolerance(0)
                .maxEpochs(1)
                .fit(tiny);
        return checked("FitOverheadBenchmark.lbfgs", model);
    }

    @Benchmark
    public LogisticRegression sgd() {
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("sgd", Options.of("learningRate", 0.01))
                .kernels(k)
                .standardize(true)
                .costTolerance(0)
                .gradientTolerance(0)
                .earlyStopping(0)
                .maxEpochs(1)
                .fit(tiny);
        return checked("FitOverheadBenchmark.sgd", model);
    }

    private LogisticRegression checked(String benchmark, LogisticRegression model) {
        Claims.epochs(benchmark, model.summary(), 1);
        last = model.summary();
        return model;
    }

    @TearDown(Level.Trial)
    public void report() {
        if (last != null) {
            System.out.printf(Locale.ROOT, "%none epoch on %d × %d: %.1f passes over the data%n", tiny.size(),
                    tiny.dimension(), last.passes());
        }
    }
}
