package dev.soma.engine.train.internal;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.engine.train.LearningRateSchedule;
import dev.soma.engine.train.TrainingCheckpoint;
import dev.soma.engine.train.TrainingListener;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs the {@link TrainingLoop} directly on a linear regression objective, with the settings a test changes and
 * defaults for the rest, and a spy objective that records what the loop asks of it.
 */
final class LoopHarness {

    static final long SEED = 7;

    LearningRateSchedule schedule = LearningRateSchedule.constant();
    int maxEpochs = 3;
    double costTolerance = 0;
    double gradientTolerance = 0;
    int patience = 5;
    Duration maxTime;
    List<TrainingListener> listeners = new ArrayList<>();
    TrainingCheckpoint resumeFrom;
    BooleanSupplier cancelled = () -> false;
    final List<TrainingCheckpoint> checkpoints = new ArrayList<>();
    /** With early stopping: the validation objective, and a validation fraction above 0 in the config. */
    TrainingObjective validation;

    static Optimizer optimizer(String name, Options options) {
        return PluginRegistry.discover().optimizer(name, options);
    }

    static LinearObjective objective(int n) {
        // y = x·(1, −2, 0.5) + 0.3 + noise, on standard normal features: plain steps of rate 0.1 converge.
        java.util.Random random = new java.util.Random(11);
        float[][] x = new float[n][3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            y[i] = (float) (x[i][0] - 2 * x[i][1] + 0.5 * x[i][2] + 0.3 + 0.1 * random.nextGaussian());
        }
        Dataset data = Dataset.fromRows(x, y);
        return new LinearObjective(data, PluginRegistry.discover().loss("mse", Options.empty()), Penalty.NONE, null,
                KernelSelection.active());
    }

    TrainingLoop.Result run(Optimizer optimizer, TrainingObjective objective) {
        TrainingConfig config = new TrainingConfig("mse", Options.empty(), optimizer.name(), Options.empty(),
                Penalty.NONE, schedule, maxEpochs, costTolerance, patience, gradientTolerance,
                validation != null ? 0.2 : 0, maxTime, SEED, false, listeners, checkpoints::add, resumeFrom,
                KernelSelection.active(), 0, cancelled);
        return new TrainingLoop(config, "mse", optimizer)
                .run(objective, validation, new float[objective.parameterCount()]);
    }

    /** The row numbers a selection holds, in order. */
    static List<Integer> rows(Rows rows) {
        List<Integer> list = new ArrayList<>(rows.size());
        for (int k = 0; k < rows.size(); k++) {
            list.add(rows.row(k));
        }
        return list;
    }

    /** The shuffled order's positions {@code [from, to)}, for the given epoch of a run with {@link #SEED}. */
    static List<Integer> shuffled(int n, int epoch, int from, int to) {
        int[] order = new int[n];
        TrainingLoop.shuffle(order, SEED, epoch);
        return rows(Rows.indexed(order, from, to));
    }

    /**
     * Passes everything to a real objective and logs the loop's calls: {@code "prefetch [rows]"} for each hint,
     * {@code "evaluate [rows]"} for each batch evaluation (not the full-data ones), {@code "full"} for those.
     */
    static class Spy implements TrainingObjective {
        final TrainingObjective real;
        final List<String> log = new ArrayList<>();
        final List<List<Integer>> hints = new ArrayList<>();

        Spy(TrainingObjective real) {
            this.real = real;
        }

        @Override
        public int examples() {
            return real.examples();
        }

        @Override
        public int parameterCount() {
            return real.parameterCount();
        }

        @Override
        public double evaluate(float[] theta, Rows rows, float[] gradient) {
            log.add(rows.size() == examples() && rows.isRange() ? "full" : "evaluate " + LoopHarness.rows(rows));
            return real.evaluate(theta, rows, gradient);
        }

        @Override
        public double meanLoss() {
            return real.meanLoss();
        }

        @Override
        public double passes() {
            return real.passes();
        }

        @Override
        public void prefetch(Rows rows) {
            hints.add(LoopHarness.rows(rows));
            log.add("prefetch " + LoopHarness.rows(rows));
            real.prefetch(rows);
        }
    }
}
