package dev.soma.engine;

import dev.soma.engine.kernels.Rows;
import dev.soma.plugins.Loss;
import dev.soma.plugins.Optimizer;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The theory's gradient-descent loop for one neuron. Initialise θ = 0; each epoch, shuffle the example order
 * with the seed (unless the batch is everything), and for every batch of m examples estimate the gradient of
 * the cost and let the optimizer update θ. After each epoch the full objective and gradient are known —
 * for full batch from the pass the next step needs anyway, otherwise from one extra pass — and the stopping
 * criteria are checked on them: the gradient norm, the change of the cost, the epoch budget.
 */
final class TrainingLoop {

    private final TrainingConfig config;
    private final Loss loss;
    private final Optimizer optimizer;

    TrainingLoop(TrainingConfig config, Loss loss, Optimizer optimizer) {
        this.config = config;
        this.loss = loss;
        this.optimizer = optimizer;
    }

    /** The trained parameters {@code [w, b]} (for the standardised data given) and how training went. */
    record Result(float[] theta, TrainingSummary summary) {
    }

    Result run(Dataset data) {
        long startNanos = System.nanoTime();
        int n = data.size();
        int d = data.dimension();
        int m = Math.min(Math.max(1, optimizer.batchSize()), n);
        boolean fullBatch = m == n;

        float[] theta = new float[d + 1];
        float[] gradient = new float[d + 1];
        Objective objective = new Objective(data, loss, config.l2(), config.kernels());
        optimizer.initialise(theta.length, config.kernels());

        int[] order = identity(n);
        SplittableRandom random = new SplittableRandom(config.seed());
        Rows all = Rows.range(0, n);

        double cost = objective.evaluate(theta, all, gradient);
        double gradientNorm = Objective.norm(gradient);
        StopReason stop = StopReason.MAX_EPOCHS;
        int epoch = 0;
        while (epoch < config.maxEpochs()) {
            epoch++;
            if (fullBatch) {
                optimizer.step(theta, gradient);
            } else {
                shuffle(order, random);
                for (int start = 0; start < n; start += m) {
                    objective.evaluate(theta, Rows.of(order, start, Math.min(n, start + m)), gradient);
                    optimizer.step(theta, gradient);
                }
            }
            double previousCost = cost;
            cost = objective.evaluate(theta, all, gradient);
            gradientNorm = Objective.norm(gradient);
            if (!Double.isFinite(cost) || !Double.isFinite(gradientNorm)) {
                throw new TrainingDivergedException(epoch, Double.isFinite(cost) ? gradientNorm : cost,
                        optimizer.name(), optimizer.learningRate());
            }
            EpochReport report = new EpochReport(epoch, config.maxEpochs(), cost, objective.meanLoss(), gradientNorm,
                    System.nanoTime() - startNanos);
            for (TrainingListener listener : config.listeners()) {
                listener.onEpoch(report);
            }
            if (config.gradientTolerance() > 0 && gradientNorm <= config.gradientTolerance()) {
                stop = StopReason.GRADIENT_TOLERANCE;
                break;
            }
            if (config.costTolerance() > 0 && Math.abs(previousCost - cost) <= config.costTolerance()) {
                stop = StopReason.COST_TOLERANCE;
                break;
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        TrainingSummary summary = new TrainingSummary(epoch, stop, cost, objective.meanLoss(), gradientNorm,
                loss.name(), optimizer.name(), optimizer.learningRate(), m, config.l2(), config.kernels().name(),
                config.kernels().lanes(), elapsed);
        return new Result(theta, summary);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher–Yates with the run's seeded generator: the same seed gives the same batches. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
