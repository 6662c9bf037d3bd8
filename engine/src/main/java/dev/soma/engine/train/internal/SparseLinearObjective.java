package dev.soma.engine.train.internal;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.SparseRows;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.kernels.ScalarKernels;
import dev.soma.plugins.Loss;
import dev.soma.plugins.VectorOps;
import java.util.Arrays;

/**
 * The objective of one neuron on sparse rows (CSR): the same {@code J(θ)} as {@link LinearObjective}, computed
 * from the non-zeros alone. A row's score is a gather ({@link Kernels#sparseDot}); its part of {@code Xᵀδ} is a
 * scatter into a double accumulator, so a batch's work is proportional to its non-zeros plus one O(d) pass to
 * clear and average the gradient (the optimizer plugins take a dense gradient, whose update is O(d) anyway).
 *
 * <p>Standardisation is scale-only (centring would fill every zero): a scaling standardizer is applied once to a
 * copy of the non-zero values, O(nnz) memory, and the model folds it back as for dense data.
 *
 * <p>Plain SGD (m = 1, the log loss) steps in O(non-zeros of the row) ({@link #plainStep}), with or without an L2
 * penalty: the penalty's shrinkage of every weight, {@code θ ← (1 − ηλ)θ}, is kept as one scale factor,
 * {@code θ = s·v}, as in Bottou's SGD and scikit-learn's sparse SGD, and written back into θ when the run of steps
 * ends ({@link #endPlainSteps}). With an L1 penalty, minibatches and the adaptive optimizers a step costs O(d), the
 * dense update of θ.
 *
 * <p>A large batch is split into blocks of about equal non-zeros (each at least 8·d of them, at most 64 blocks):
 * the first scatters into the gradient sum, each other into its own accumulator, added in block order — the same
 * bits for any number of threads, which take a wave of blocks, one each; the O(d) additions cost at most an eighth
 * of the scatter.
 *
 * <p>Hessian-vector products ({@link #hessianTimes}, for the log loss, the squared error and any loss with a
 * {@link Loss#secondDerivative}; not with an L1 penalty): {@code Hv = (1/m)·Xᵀ(D·(X·v_w + v_b)) + λ2·v_w}, and
 * {@code (1/m)·Σ D_i·(x_i·v_w + v_b)} for the bias, where {@code D_i} is row i's second derivative of the loss,
 * kept from the last pass (the first, and every one once an optimizer has asked for a product) — so a product is
 * one gather and one scatter per non-zero, over the same blocks, added in the same order, as the gradient. Not
 * thread-safe: one per training run.
 */
public final class SparseLinearObjective implements TrainingObjective {

    private final int[] start;
    private final int[] index;
    private final float[] value;
    private final float[] y;
    private final float[] sampleWeights;
    private final int d;
    private final int n;
    private final Loss loss;
    private final boolean fused;
    private Penalty penalty;
    private final Kernels kernels;
    private final double[] gradientSum;
    private final EvaluationCache cache = new EvaluationCache();

    private double meanLoss;
    private long rowsEvaluated;

    private final BlockWorker[] workers;
    private final java.util.concurrent.ExecutorService pool;

    /** Each row's curvature D from the last pass, for the Hessian products (see {@link RowCurvature}). */
    private final RowCurvature curvature;

    /** While plain SGD steps run: θ = {@link #scale}·{@link #scaled} for the weights (the bias is not scaled). */
    private float[] scaled;
    private double scale = 1;
    /** Below this the scale is folded into the weights, before their values lose precision. */
    private static final double SMALLEST_SCALE = 1e-6;

    /**
     * @param standardizer null or the identity for raw values, else a scale-only standardisation
     * @param sampleWeights one weight per example, or null for all 1
     */
    public SparseLinearObjective(Dataset data, Standardizer standardizer, Loss loss, Penalty penalty,
                                 float[] sampleWeights, Kernels kernels) {
        this(data, standardizer, loss, penalty, sampleWeights, kernels, null, 1);
    }

    /**
     * @param pool    threads to spread the chunks of a large batch over, or null for this thread alone
     * @param threads the pool's size
     */
    public SparseLinearObjective(Dataset data, Standardizer standardizer, Loss loss, Penalty penalty,
                                 float[] sampleWeights, Kernels kernels, java.util.concurrent.ExecutorService pool,
                                 int threads) {
        Dataset scaled = standardizer == null || standardizer.isIdentity() ? data : standardizer.transform(data);
        SparseRows rows = scaled.sparseRows();
        this.start = rows.rowStartArray();
        this.index = rows.indexArray();
        this.value = rows.valueArray();
        this.y = data.labelArray();
        this.sampleWeights = sampleWeights;
        this.d = data.dimension();
        this.n = data.size();
        this.loss = loss;
        this.fused = loss.form() == Loss.Form.LOG_LOSS_FROM_LOGIT && sampleWeights == null;
        this.penalty = penalty;
        this.kernels = kernels;
        this.gradientSum = new double[d];
        this.curvature = new RowCurvature(n);
        this.pool = pool;
        this.workers = new BlockWorker[pool == null ? 1 : Math.max(1, threads)];
    }

    /**
     * One block of rows: its scatter accumulator (a double per feature), its loss and δ sums. Block 0 scatters
     * straight into the gradient sum (adding it to a cleared sum would give the same bits); the others into their
     * own accumulator, which is then added in block order.
     */
    private final class BlockWorker {
        double[] sum;
        double lossSum;
        double deltaSum;
        private double lastLoss;

        void process(float[] theta, Rows rows, int from, int to, double[] target) {
            lossSum = 0;
            deltaSum = 0;
            float bias = theta[d];
            for (int k = from; k < to; k++) {
                int row = rows.row(k);
                int a = start[row];
                int b = start[row + 1];
                float rowDelta = rowDelta(theta, bias, row, k, a, b);
                lossSum += lastLoss;
                deltaSum += rowDelta;
                for (int e = a; e < b; e++) {
                    target[index[e]] += (double) rowDelta * value[e];
                }
            }
        }

        /**
         * One row's δ (its loss left in {@link #lastLoss}); when curvature is kept, its {@code D} at
         * {@code curvature.values[position]}.
         */
        private float rowDelta(float[] theta, float bias, int row, int position, int from, int to) {
            float z = kernels.sparseDot(value, index, from, to, theta) + bias;
            float label = y[row];
            if (fused) {
                double e = ScalarKernels.expOfMinusAbs(z);
                lastLoss = ScalarKernels.logLossFromExp(z, label, e);
                if (curvature.values != null) {
                    curvature.values[position] = (float) (e / ((1 + e) * (1 + e))); // σ(z)(1 − σ(z))
                }
                return logisticDelta(z, label, e);
            }
            float s = sampleWeights == null ? 1f : sampleWeights[row];
            lastLoss = s * loss.value(z, label);
            if (curvature.values != null) {
                curvature.values[position] = (float) (s * loss.secondDerivative(z, label));
            }
            return s * loss.derivative(z, label);
        }

        /**
         * The rows' part of a Hessian-vector product: {@code u = D·(x·v + vBias)} per row, scattered as
         * {@code u·x} into {@code target}; their sum (the bias's part) left in {@link #deltaSum}.
         */
        void hessian(float[] v, Rows rows, int from, int to, double[] target) {
            lossSum = 0;
            deltaSum = 0;
            float vBias = v[d];
            for (int k = from; k < to; k++) {
                int row = rows.row(k);
                int a = start[row];
                int b = start[row + 1];
                float u = curvature.values[k] * (kernels.sparseDot(value, index, a, b, v) + vBias);
                deltaSum += u;
                for (int e = a; e < b; e++) {
                    target[index[e]] += (double) u * value[e];
                }
            }
        }

        /** The rows' part of the Hessian's diagonal: {@code D·x²} scattered into {@code target}, ΣD in {@link #deltaSum}. */
        void diagonal(Rows rows, int from, int to, double[] target) {
            lossSum = 0;
            deltaSum = 0;
            for (int k = from; k < to; k++) {
                int row = rows.row(k);
                float c = curvature.values[k];
                deltaSum += c;
                for (int e = start[row]; e < start[row + 1]; e++) {
                    target[index[e]] += (double) c * value[e] * value[e];
                }
            }
        }
    }

    /**
     * Non-zeros per block at least this many times d: adding a block's accumulator into the gradient (O(d)) then
     * costs at most an eighth of its scatter.
     */
    private static final int BLOCK_NONZEROS_PER_FEATURE = 8;
    /** The most blocks a pass is split into. */
    private static final int MAX_BLOCKS = 64;

    /**
     * The pass over {@code rows} into {@link #gradientSum}; returns {loss sum, δ sum}. The rows are split into blocks
     * of about equal non-zeros, as many as the data warrants ({@link #BLOCK_NONZEROS_PER_FEATURE}) and no more than
     * {@link #MAX_BLOCKS} — a split that depends on the data alone, so the sums, added in block order, are the same
     * for any number of threads. Threads take a wave of blocks, one each.
     */
    private double[] pass(float[] theta, Rows rows) {
        return pass(theta, rows, false);
    }

    /** What a pass computes: the cost and gradient, a Hessian-vector product, or the Hessian's diagonal. */
    private enum Work { GRADIENT, HESSIAN, DIAGONAL }

    private double[] pass(float[] theta, Rows rows, boolean hessian) {
        return pass(theta, rows, hessian ? Work.HESSIAN : Work.GRADIENT);
    }

    /** {@link #pass(float[], Rows)}, or the product pass of {@link BlockWorker#hessian} (v = theta) or the diagonal's. */
    private double[] pass(float[] theta, Rows rows, Work kind) {
        int m = rows.size();
        long nonZeros = 0;
        for (int k = 0; k < m; k++) {
            nonZeros += start[rows.row(k) + 1] - start[rows.row(k)];
        }
        int blocks = (int) Math.max(1, Math.min(Math.min(MAX_BLOCKS, m),
                nonZeros / ((long) BLOCK_NONZEROS_PER_FEATURE * Math.max(1, d))));
        int[] bounds = new int[blocks + 1];
        long perBlock = (nonZeros + blocks - 1) / blocks;
        long seen = 0;
        int b = 1;
        for (int k = 0; k < m && b < blocks; k++) {
            seen += start[rows.row(k) + 1] - start[rows.row(k)];
            if (seen >= perBlock * b) {
                bounds[b++] = k + 1;
            }
        }
        for (; b <= blocks; b++) {
            bounds[b] = m;
        }
        for (int t = 0; t < workers.length; t++) {
            if (workers[t] == null) {
                workers[t] = new BlockWorker();
            }
        }
        double lossSum = 0;
        double deltaSum = 0;
        for (int wave = 0; wave < blocks; wave += workers.length) {
            int inWave = Math.min(workers.length, blocks - wave);
            java.util.List<java.util.concurrent.Future<?>> tasks = new java.util.ArrayList<>();
            for (int t = 0; t < inWave; t++) {
                int block = wave + t;
                BlockWorker worker = workers[t];
                double[] target;
                if (block == 0) {
                    target = gradientSum;
                } else {
                    if (worker.sum == null) {
                        worker.sum = new double[d];
                    } else {
                        Arrays.fill(worker.sum, 0);
                    }
                    target = worker.sum;
                }
                int from = bounds[block];
                int to = bounds[block + 1];
                Runnable work = switch (kind) {
                    case GRADIENT -> () -> worker.process(theta, rows, from, to, target);
                    case HESSIAN -> () -> worker.hessian(theta, rows, from, to, target);
                    case DIAGONAL -> () -> worker.diagonal(rows, from, to, target);
                };
                if (pool == null || inWave == 1) {
                    work.run();
                } else {
                    tasks.add(pool.submit(work));
                }
            }
            ChunkTasks.awaitAll(tasks);
            for (int t = 0; t < inWave; t++) {
                if (wave + t > 0) {
                    double[] sum = workers[t].sum;
                    for (int j = 0; j < d; j++) {
                        gradientSum[j] += sum[j];
                    }
                }
                lossSum += workers[t].lossSum;
                deltaSum += workers[t].deltaSum;
            }
        }
        return new double[] {lossSum, deltaSum};
    }

    @Override
    public double evaluate(float[] theta, Rows rows, float[] gradient) {
        if (theta == scaled) {
            endPlainSteps(theta);
        }
        if (cache.recall(rows, theta, gradient)) {
            meanLoss = cache.meanLoss();
            return cache.cost();
        }
        return compute(theta, rows, gradient);
    }

    /** {@link #evaluate} without asking the cache. */
    private double compute(float[] theta, Rows rows, float[] gradient) {
        int m = rows.size();
        curvature.beforePass(m, rowsEvaluated == 0, hasHessian());
        Arrays.fill(gradientSum, 0);
        double[] sums = pass(theta, rows);
        curvature.afterPass(rows, theta);
        double lossSum = sums[0];
        double deltaSum = sums[1];
        rowsEvaluated += m;
        for (int j = 0; j < d; j++) {
            gradient[j] = (float) (gradientSum[j] / m + penalty.gradient(theta[j]));
        }
        gradient[d] = (float) (deltaSum / m);
        meanLoss = lossSum / m;
        double cost = meanLoss + (penalty.isZero() ? 0 : penalty.value(theta, d));
        if (m >= LinearObjective.CHUNK_ROWS || m == n) {
            cache.remember(rows, theta, gradient, cost, meanLoss);
        }
        return cost;
    }

    @Override
    public boolean hasHessian() {
        return hasCurvature(loss, fused, penalty, y);
    }

    /**
     * Whether a linear objective with this loss has a Hessian: the fused log loss, or a loss that gives its second
     * derivative; and no L1 penalty (whose subgradient has none).
     */
    static boolean hasCurvature(Loss loss, boolean fused, Penalty penalty, float[] labels) {
        return penalty.l1() == 0
                && (fused || labels.length > 0 && !Double.isNaN(loss.secondDerivative(0f, labels[0])));
    }

    @Override
    public void hessianTimes(float[] theta, Rows rows, float[] v, float[] out) {
        if (!hasHessian()) {
            throw new UnsupportedOperationException("the " + loss.name() + " loss"
                    + (penalty.l1() > 0 ? " with an L1 penalty" : "") + " gives no Hessian-vector products");
        }
        if (theta == scaled) {
            endPlainSteps(theta);
        }
        curvatureAt(theta, rows);
        int m = rows.size();
        Arrays.fill(gradientSum, 0);
        double biasSum = pass(v, rows, true)[1];
        rowsEvaluated += m;
        double l2 = penalty.l2();
        for (int j = 0; j < d; j++) {
            out[j] = (float) (gradientSum[j] / m + l2 * v[j]);
        }
        out[d] = (float) (biasSum / m);
    }

    /** Makes the curvature that of {@code rows} at {@code theta}: a pass unless the last pass was there. */
    private void curvatureAt(float[] theta, Rows rows) {
        if (curvature.needsPass(theta, rows)) {
            compute(theta, rows, new float[d + 1]);
        }
    }

    /** {@code (1/m)·Σ D_i·x_ij² + λ2}, and {@code (1/m)·Σ D_i} for the bias: one scatter per non-zero, no gather. */
    @Override
    public boolean hessianDiagonal(float[] theta, Rows rows, float[] out) {
        if (!hasHessian()) {
            return false;
        }
        if (theta == scaled) {
            endPlainSteps(theta);
        }
        curvatureAt(theta, rows);
        int m = rows.size();
        Arrays.fill(gradientSum, 0);
        double curvatureSum = pass(theta, rows, Work.DIAGONAL)[1];
        rowsEvaluated += m; // a pass, if a lighter one (no gather)
        double l2 = penalty.l2();
        for (int j = 0; j < d; j++) {
            out[j] = (float) (gradientSum[j] / m + l2);
        }
        out[d] = (float) (curvatureSum / m);
        return true;
    }

    /**
     * Plain gradient descent: at one example, unpenalised, with the log loss, θ moves only where the row has
     * non-zeros (and at the bias): O(non-zeros), not O(d). Otherwise the gradient, then the optimizer's axpy.
     */
    @Override
    public void plainStep(float[] theta, int[] order, int from, int to, float rate, float[] gradient, VectorOps ops) {
        if (to - from == 1 && fused && penalty.l1() == 0) {
            sgdStep(theta, order[from], rate);
            return;
        }
        if (theta == scaled) {
            endPlainSteps(theta);
        }
        evaluate(theta, Rows.indexed(order, from, to), gradient);
        ops.axpy(-rate, gradient, theta);
    }

    /**
     * One SGD step in O(non-zeros): {@code θ ← (1 − ηλ)θ − η·δ·x} for the weights, as {@code s ← s(1 − ηλ)},
     * {@code v ← v − (η·δ/s)·x}; the bias, unpenalised, {@code b ← b − η·δ}. Without a penalty s stays 1 and this is
     * the plain step, bit for bit.
     */
    private void sgdStep(float[] theta, int row, float rate) {
        if (scaled != theta) {
            scaled = theta;
            scale = 1;
        }
        int a = start[row];
        int b = start[row + 1];
        float z = (float) (scale * kernels.sparseDot(value, index, a, b, theta)) + theta[d];
        float delta = logisticDelta(z, y[row], ScalarKernels.expOfMinusAbs(z));
        scale *= 1 - rate * penalty.l2();
        if (!(scale > SMALLEST_SCALE)) {
            if (!(scale > 0)) {
                throw new IllegalStateException("the learning rate " + rate + " times the L2 penalty " + penalty.l2()
                        + " is 1 or more: every step would wipe out the weights; lower the learning rate");
            }
            foldScale(theta);
        }
        kernels.sparseAxpy((float) (-rate * delta / scale), value, index, a, b, theta);
        theta[d] -= rate * delta;
        rowsEvaluated++;
    }

    /** {@code δ = σ(z) − y} from {@code e = exp(−|z|)}, the one exponential the loss shares. */
    private static float logisticDelta(float z, float label, double e) {
        return (float) (ScalarKernels.sigmoidFromExp(z, e) - label);
    }

    @Override
    public void endPlainSteps(float[] theta) {
        if (scaled == theta) {
            foldScale(theta);
            scaled = null;
        }
    }

    /** θ = s·v written back into the weights: O(d), once per run of steps (or when s grows small). */
    private void foldScale(float[] theta) {
        if (scale != 1) {
            for (int j = 0; j < d; j++) {
                theta[j] = (float) (theta[j] * scale);
            }
            scale = 1;
        }
    }

    @Override
    public int examples() {
        return n;
    }

    @Override
    public int parameterCount() {
        return d + 1;
    }

    @Override
    public double meanLoss() {
        return meanLoss;
    }

    @Override
    public boolean changePenalty(Penalty penalty) {
        this.penalty = java.util.Objects.requireNonNull(penalty, "penalty");
        cache.forget();
        return true;
    }

    @Override
    public double passes() {
        return (double) rowsEvaluated / n;
    }
}
