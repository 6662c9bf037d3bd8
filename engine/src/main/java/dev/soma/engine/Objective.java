package dev.soma.engine;

import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.PassSums;
import dev.soma.engine.kernels.Rows;
import dev.soma.plugins.Loss;
import java.util.Arrays;
import java.util.List;

/**
 * The training objective of one neuron,
 * {@code J(θ) = (1/m) Σ_batch s_i·L(w·x_i + b, y_i) + λ1‖w‖₁ + (λ2/2)‖w‖²}, and its gradient. Parameters are
 * packed as {@code θ = [w_0 … w_{d−1}, b]}; the bias is not penalised; the sample weights {@code s_i} are 1
 * unless given.
 *
 * <p>A batch is processed in chunks of {@value #CHUNK_ROWS} rows: each chunk's gradient is accumulated in
 * float by the kernels, then added into double. That keeps float rounding bounded by the chunk size whatever
 * n is, and fixes the summation order independently of how the batch is split. For an unweighted loss of the
 * {@link Loss.Form#LOG_LOSS_FROM_LOGIT} form the kernels' fused logistic pass does all of a chunk in one read
 * of its rows; otherwise it goes gemv → loss plugin → {@code Xᵀδ}.
 *
 * <p>The last evaluation is remembered: asking again for the same rows at the same parameters (a line search's
 * accepted point, then the epoch's full evaluation) costs no pass. Not thread-safe: one per training run.
 */
final class Objective implements TrainingObjective {

    static final int CHUNK_ROWS = 4096;

    private final float[] x;
    private final float[] y;
    private final float[] sampleWeights;
    private final int d;
    private final int n;
    private final Loss loss;
    private final boolean fused;
    private final Penalty penalty;
    private final Kernels kernels;

    private final Worker[] workers;
    private final java.util.concurrent.ExecutorService pool;
    private final double[] gradientSum;

    private double meanLoss;
    private long rowsEvaluated;

    private final EvaluationCache cache = new EvaluationCache();

    /**
     * @param sampleWeights one weight per example, or null for all 1
     */
    Objective(Dataset data, Loss loss, Penalty penalty, float[] sampleWeights, Kernels kernels) {
        this(data, loss, penalty, sampleWeights, kernels, null, 1);
    }

    /**
     * @param pool    threads to spread the chunks of a large batch over, or null for this thread alone
     * @param threads the pool's size
     */
    Objective(Dataset data, Loss loss, Penalty penalty, float[] sampleWeights, Kernels kernels,
              java.util.concurrent.ExecutorService pool, int threads) {
        this.x = data.featureArray();
        this.y = data.labelArray();
        this.d = data.dimension();
        this.n = data.size();
        this.loss = loss;
        this.sampleWeights = sampleWeights;
        this.fused = loss.form() == Loss.Form.LOG_LOSS_FROM_LOGIT && sampleWeights == null;
        this.penalty = penalty;
        this.kernels = kernels;
        this.pool = pool;
        this.workers = new Worker[pool == null ? 1 : Math.max(1, threads)];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Worker();
        }
        this.gradientSum = new double[d];
    }

    /** One thread's buffers and the arithmetic of one chunk. */
    private final class Worker {
        final float[] labels = new float[CHUNK_ROWS];
        final float[] deltas = new float[CHUNK_ROWS];
        final float[] chunkGradient = new float[d];
        final PassSums sums = new PassSums();

        /** Fills {@link #chunkGradient} and {@link #sums} for one chunk. */
        void process(float[] theta, float bias, Rows chunk) {
            Arrays.fill(chunkGradient, 0f);
            sums.clear();
            if (fused) {
                int yOff = gatherLabels(chunk, labels);
                kernels.logisticPass(x, d, chunk, chunk.isRange() ? y : labels, yOff, theta, bias, deltas, 0,
                        chunkGradient, sums);
            } else {
                kernels.gemv(x, d, chunk, theta, bias, deltas, 0);
                lossAndDeltas(chunk, labels, deltas, sums);
                kernels.addTransposedProduct(x, d, chunk, deltas, 0, chunkGradient);
            }
        }
    }

    /**
     * Computes {@code J} over {@code rows} at {@code theta} and writes {@code ∇J} into {@code gradient}.
     *
     * @return the cost {@code J}
     */
    @Override
    public double evaluate(float[] theta, Rows rows, float[] gradient) {
        if (cache.recall(rows, theta, gradient)) {
            meanLoss = cache.meanLoss();
            return cache.cost();
        }
        int m = rows.size();
        float bias = theta[d];
        Arrays.fill(gradientSum, 0);
        double lossSum = 0;
        double deltaSum = 0;
        int chunks = (m + CHUNK_ROWS - 1) / CHUNK_ROWS;
        if (pool == null || chunks < 2) {
            Worker worker = workers[0];
            for (int c = 0; c < chunks; c++) {
                worker.process(theta, bias, rows.slice(c * CHUNK_ROWS, Math.min(m, (c + 1) * CHUNK_ROWS)));
                for (int j = 0; j < d; j++) {
                    gradientSum[j] += worker.chunkGradient[j];
                }
                lossSum += worker.sums.loss;
                deltaSum += worker.sums.delta;
            }
        } else {
            // Each thread takes every T-th chunk; the chunk results are then added in chunk order, so the sum
            // and its rounding are the same for any number of threads.
            float[][] chunkGradients = new float[chunks][];
            double[] chunkLoss = new double[chunks];
            double[] chunkDelta = new double[chunks];
            List<java.util.concurrent.Future<?>> tasks = new java.util.ArrayList<>();
            for (int t = 0; t < workers.length; t++) {
                Worker worker = workers[t];
                int first = t;
                tasks.add(pool.submit(() -> {
                    for (int c = first; c < chunks; c += workers.length) {
                        worker.process(theta, bias, rows.slice(c * CHUNK_ROWS, Math.min(m, (c + 1) * CHUNK_ROWS)));
                        chunkGradients[c] = worker.chunkGradient.clone();
                        chunkLoss[c] = worker.sums.loss;
                        chunkDelta[c] = worker.sums.delta;
                    }
                }));
            }
            for (var task : tasks) {
                try {
                    task.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("training was interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
            for (int c = 0; c < chunks; c++) {
                for (int j = 0; j < d; j++) {
                    gradientSum[j] += chunkGradients[c][j];
                }
                lossSum += chunkLoss[c];
                deltaSum += chunkDelta[c];
            }
        }
        rowsEvaluated += m;
        for (int j = 0; j < d; j++) {
            gradient[j] = (float) (gradientSum[j] / m + penalty.gradient(theta[j]));
        }
        gradient[d] = (float) (deltaSum / m);
        meanLoss = lossSum / m;
        double cost = meanLoss + penalty.value(theta, d);
        cache.remember(rows, theta, gradient, cost, meanLoss);
        return cost;
    }

    @Override
    public int examples() {
        return n;
    }

    @Override
    public int parameterCount() {
        return d + 1;
    }

    /** The mean (weighted) loss, without the penalty, of the last {@link #evaluate}. */
    @Override
    public double meanLoss() {
        return meanLoss;
    }

    @Override
    public double passes() {
        return (double) rowsEvaluated / n;
    }

    /** Scores in {@code deltas} become δ; the chunk's (weighted) loss and δ sums go to {@code sums}. */
    private void lossAndDeltas(Rows chunk, float[] labels, float[] deltas, PassSums sums) {
        int k = chunk.size();
        if (sampleWeights == null) {
            if (chunk.isRange()) {
                System.arraycopy(y, chunk.row(0), labels, 0, k);
            } else {
                gatherLabels(chunk, labels);
            }
            sums.loss = loss.lossAndDeltas(deltas, labels, deltas, k);
            for (int i = 0; i < k; i++) {
                sums.delta += deltas[i];
            }
            return;
        }
        for (int i = 0; i < k; i++) {
            int row = chunk.row(i);
            float s = sampleWeights[row];
            float z = deltas[i];
            sums.loss += s * loss.value(z, y[row]);
            float delta = s * loss.derivative(z, y[row]);
            deltas[i] = delta;
            sums.delta += delta;
        }
    }

    /** For an index-list chunk, copies its labels into the label buffer; returns where the chunk's labels start. */
    private int gatherLabels(Rows chunk, float[] labels) {
        if (chunk.isRange()) {
            return chunk.row(0);
        }
        for (int k = 0; k < chunk.size(); k++) {
            labels[k] = y[chunk.row(k)];
        }
        return 0;
    }

    /** The Euclidean norm of a vector, in double. */
    static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += (double) f * f;
        }
        return Math.sqrt(s);
    }
}
