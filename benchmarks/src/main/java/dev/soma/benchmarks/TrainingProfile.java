package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import java.util.Locale;

/**
 * A loop to profile, not a benchmark: trains the synthetic dataset's first {@code rows} rows again and again, as
 * {@link EpochBenchmark} does, and prints the time per epoch, so that a profiler attached to it sees the
 * steady state. The profiles behind {@code benchmarks/README.md} were taken with JFR:
 *
 * <pre>java --add-modules jdk.incubator.vector -XX:StartFlightRecording=filename=sgd.jfr,settings=profile \
 *     -cp benchmarks/target/benchmarks.jar dev.soma.benchmarks.TrainingProfile sgd 1000000 2 5
 * jfr print --events jdk.ExecutionSample sgd.jfr</pre>
 *
 * (With the {@code profile} settings JFR also records Soma's per-step event; disable {@code dev.soma.Step} in a
 * custom settings file to keep it from dominating an SGD profile.)
 */
public final class TrainingProfile {

    private TrainingProfile() {
    }

    /** Arguments: optimizer set-up (as {@link EpochBenchmark}), rows, epochs per fit, fits. */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: TrainingProfile <batch|minibatch-N|sgd> <rows> <epochs per fit> <fits>");
            System.exit(2);
        }
        String optimizer = args[0];
        int rows = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int fits = Integer.parseInt(args[3]);
        Kernels kernels = KernelSelection.vector().orElseGet(KernelSelection::scalar);
        Dataset data = SyntheticLogistic.generate(rows).dataset();
        for (int fit = 0; fit < fits; fit++) {
            long start = System.nanoTime();
            LogisticRegression model = EpochBenchmark.train("TrainingProfile", data, optimizer, kernels, 1, epochs);
            System.out.printf(Locale.ROOT, "%s on %s: %.1f ms per epoch, mean log loss %.6f%n", optimizer,
                    kernels.description(), (System.nanoTime() - start) / 1e6 / epochs, model.summary().meanLoss());
        }
    }
}
