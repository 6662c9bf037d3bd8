package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.select.RegularizationPath;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.plugins.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The regularisation path (issue 19): logistic regression on a data set ({@link #data}) at 20 values
 * of scikit-learn's C, {@code logspace(-3, 1, 20)} ({@code λ = 1/(C·n)}: from 2.2 down to 2.2e-4 on breast cancer), with
 * each {@link #optimizer},
 * features standardised, each fit to a gradient norm of {@value #GRADIENT_TOLERANCE} with no other stopping rule.
 * {@code warmPath} is {@link RegularizationPath#fit} (each fit from the previous solution); {@code coldFits} is 20
 * independent fits from zero. Every invocation checks that all 20 fits stopped at the gradient tolerance, so both
 * reach the same 20 optima.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class RegularizationPathBenchmark {

    static final double GRADIENT_TOLERANCE = 1e-5;
    static final double[] CS = RegularizationPath.grid(1e-3, 10, 20);

    /**
     * The solver of every fit: L-BFGS (superlinear, so a warm start saves only part of its iterations), newton with
     * conjugate gradients ({@code newton}: {@code solver=cg}) or newton with the whole Hessian factorised
     * ({@code newton-cholesky}: optimizer {@code newton}, option {@code solver=cholesky}).
     */
    @Param({"lbfgs", "newton", "newton-cholesky"})
    public String optimizer;

    /**
     * The data: {@code breast-cancer} (456 × 30), {@code credit-g} (800 rows, categorical columns one-hot: 61
     * features) or {@code synthetic-20k} (20,000 × 40 dense, seeded: passes dominate a fit's fixed costs).
     */
    @Param({"breast-cancer", "credit-g", "synthetic-20k"})
    public String data = "breast-cancer";

    private Dataset rows;

    @Setup(Level.Trial)
    public void setUp() {
        rows = dataset(data);
    }

    static Dataset dataset(String name) {
        return switch (name) {
            case "breast-cancer" -> SmallData.breastCancer();
            case "credit-g" -> SmallData.creditG();
            case "synthetic-20k" -> SyntheticLogistic.generate(20_000, 40, SyntheticLogistic.SEED).dataset();
            default -> throw new IllegalArgumentException("data must be breast-cancer, credit-g or synthetic-20k, not "
                    + name);
        };
    }

    Trainer<LogisticRegression> trainer() {
        Trainer<LogisticRegression> t = optimizer.equals("newton-cholesky")
                ? LogisticRegression.trainer().optimizer("newton", Options.of("solver", "cholesky"))
                : LogisticRegression.trainer().optimizer(optimizer, optimizer.equals("newton")
                        ? Options.of("solver", "cg") : Options.empty());
        return t.gradientTolerance(GRADIENT_TOLERANCE).costTolerance(0)
                .maxEpochs(1000);
    }

    @Benchmark
    public List<LogisticRegression> warmPath() {
        List<LogisticRegression> models = new ArrayList<>();
        for (RegularizationPath.Point<LogisticRegression> p : RegularizationPath.ofC(trainer(), CS).fit(rows)) {
            models.add(p.model());
        }
        return converged("warmPath", models);
    }

    @Benchmark
    public List<LogisticRegression> coldFits() {
        List<LogisticRegression> models = new ArrayList<>();
        for (double c : CS) {
            models.add(trainer().l2(1 / (c * rows.size())).fit(rows));
        }
        return converged("coldFits", models);
    }

    /**
     * The passes over the data and the epochs (steps) of both benchmarks for each optimizer, summed over the 20
     * fits, with the largest cost difference between the warm and the cold optimum: {@code java -cp
     * benchmarks.jar dev.soma.benchmarks.RegularizationPathBenchmark}.
     */
    public static void main(String[] args) {
        String[] sets = args.length > 0 ? args : new String[] {"breast-cancer", "credit-g", "synthetic-20k"};
        for (String set : sets) {
            for (String name : new String[] {"lbfgs", "newton", "newton-cholesky"}) {
                RegularizationPathBenchmark b = new RegularizationPathBenchmark();
                b.optimizer = name;
                b.data = set;
                b.setUp();
                List<LogisticRegression> warm = b.warmPath();
                List<LogisticRegression> cold = b.coldFits();
                double warmPasses = 0;
                double coldPasses = 0;
                long warmEpochs = 0;
                long coldEpochs = 0;
                double difference = 0;
                for (int i = 0; i < warm.size(); i++) {
                    warmPasses += warm.get(i).summary().passes();
                    coldPasses += cold.get(i).summary().passes();
                    warmEpochs += warm.get(i).summary().epochs();
                    coldEpochs += cold.get(i).summary().epochs();
                    difference = Math.max(difference,
                            Math.abs(warm.get(i).summary().cost() - cold.get(i).summary().cost()));
                }
                System.out.printf("%-14s %-16s passes warm %6.0f cold %6.0f   epochs warm %5d cold %5d   max |Δcost|"
                        + " %.2e%n", set, name, warmPasses, coldPasses, warmEpochs, coldEpochs, difference);
            }
        }
    }

    private static List<LogisticRegression> converged(String name, List<LogisticRegression> models) {
        for (LogisticRegression m : models) {
            TrainingSummary s = m.summary();
            if (s.stopReason() != StopReason.GRADIENT_TOLERANCE) {
                throw new IllegalStateException(name + ": a fit stopped by " + s.stopReason() + " after " + s.epochs()
                        + " epochs, gradient norm " + s.gradientNorm());
            }
        }
        return models;
    }
}
