package dev.soma.engine.train.internal;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;

import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.PassSums;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.kernels.ScalarKernels;
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
 * <p>Standardisation happens as the rows are read: the kernels score {@code (x − μ)·(w/σ) + b} and accumulate
 * {@code Σ δ·(x − μ)}, scaled by {@code 1/σ} once per batch, so training holds no standardised copy of the
 * design matrix — the data's memory is all the memory a linear model's training needs, bar O(d + chunk)
 * buffers.
 *
 * <p>Hessian-vector products ({@link #hessianTimes}; the log loss, the squared error or any loss with a
 * {@link Loss#secondDerivative}, no L1 penalty): {@code Hv = (1/m)·Xᵀ(D·(X·v_w + v_b)) + λ2·v_w} and
 * {@code (1/m)·Σ D_i·(x_i·v_w + v_b)} for the bias, in the same chunks, threads and order as the gradient, with
 * each row's {@code D_i} kept from the last pass (the first, and every one once an optimizer has asked; for the
 * fused log loss {@code |δ|·(1 − |δ|) = σ(1 − σ)}, from the δ the kernel wrote): one gemv and one {@code Xᵀu} per
 * product.
 *
 * <p>The last evaluation of a large batch is remembered: asking again for the same rows at the same parameters (a line search's
 * accepted point, then the epoch's full evaluation) costs no pass. Not thread-safe: one per training run.
 */
public final class LinearObjective implements TrainingObjective {

    static final int CHUNK_ROWS = 4096;

    /**
     * Batches up to this size (SGD's m = 1, small minibatches) skip the chunk machinery: one gemv, the loss, one
     * {@code Xᵀδ} straight into the gradient, in float. At m = 1 the per-step overhead, not the arithmetic, is
     * what an epoch costs.
     */
    static final int SMALL_BATCH = 64;

    /** Floats per cache line: {@link #prefetch} touches one float in each line of a row. */
    private static final int FLOATS_PER_LINE = 16;

    /**
     * Data up to this size stays in the caches between epochs: touching its rows ahead of the steps only costs
     * loads (a tenth of a breast-cancer SGD epoch went there).
     */
    static final long CACHED_BYTES = 512 * 1024;

    /** Whether {@link #prefetch} touches rows at all: only when the design matrix is larger than {@link #CACHED_BYTES}. */
    private final boolean prefetchPays;

    /** What {@link #prefetch} read, kept so that the JIT cannot drop the reads. */
    private float prefetchSink;

    private final float[] x;
    private final float[] y;
    private final float[] sampleWeights;
    private final int d;
    private final int n;
    private final Loss loss;
    private final boolean fused;
    private Penalty penalty;
    private final Kernels kernels;
    /** The standardisation's means and inverse scales, or null when training on the raw features. */
    private final float[] center;
    private final float[] inverseScale;
    /** {@code w/σ}: the weights the kernels apply to centred raw rows. */
    private final float[] scaledTheta;

    private final Worker[] workers;
    private final java.util.concurrent.ExecutorService pool;
    private final double[] gradientSum;

    private double meanLoss;
    private long rowsEvaluated;

    /** Each row's curvature D from the last pass, for the Hessian products (see {@link RowCurvature}). */
    private final RowCurvature curvature;

    private final EvaluationCache cache = new EvaluationCache();

    /**
     * @param sampleWeights one weight per example, or null for all 1
     */
    public LinearObjective(Dataset data, Loss loss, Penalty penalty, float[] sampleWeights, Kernels kernels) {
        this(data, null, loss, penalty, sampleWeights, kernels, null, 1);
    }

    /**
     * @param pool    threads to spread the chunks of a large batch over, or null for this thread alone
     * @param threads the pool's size
     */
    public LinearObjective(Dataset data, Standardizer standardizer, Loss loss, Penalty penalty, float[] sampleWeights,
              Kernels kernels, java.util.concurrent.ExecutorService pool, int threads) {
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
        this.curvature = new RowCurvature(n);
        this.prefetchPays = (long) n * d * Float.BYTES > CACHED_BYTES;
        boolean standardise = standardizer != null && !standardizer.isIdentity();
        this.center = standardise ? standardizer.floatMeans() : null;
        this.inverseScale = standardise ? standardizer.inverseScales() : null;
        this.scaledTheta = standardise ? new float[d + 1] : null;
    }

    /** One thread's buffers and the arithmetic of one chunk. */
    private final class Worker {
        final float[] labels = new float[CHUNK_ROWS];
        final float[] deltas = new float[CHUNK_ROWS];
        final float[] chunkGradient = new float[d];
        final PassSums sums = new PassSums();

        /**
         * Fills {@link #chunkGradient} and {@link #sums} for one chunk, which starts at {@code position} of the
         * batch; when curvature is kept, each row's {@code D} too.
         */
        void process(float[] theta, float bias, Rows chunk, int position) {
            Arrays.fill(chunkGradient, 0f);
            sums.clear();
            if (fused) {
                int yOff = gatherLabels(chunk, labels);
                kernels.logisticPass(x, d, chunk, center, chunk.isRange() ? y : labels, yOff, theta, bias, deltas, 0,
                        chunkGradient, sums);
                if (curvature.values != null) {
                    for (int k = 0; k < chunk.size(); k++) {
                        float a = Math.abs(deltas[k]); // |σ − y| with y ∈ {0, 1}: σ or 1 − σ
                        curvature.values[position + k] = a * (1 - a);
                    }
                }
            } else if (center == null) {
                kernels.gemv(x, d, chunk, theta, bias, deltas, 0);
                keepCurvature(chunk, deltas, position);
                lossAndDeltas(chunk, labels, deltas, sums);
                kernels.addTransposedProduct(x, d, chunk, deltas, 0, chunkGradient);
            } else {
                kernels.centeredGemv(x, d, chunk, center, theta, bias, deltas, 0);
                keepCurvature(chunk, deltas, position);
                lossAndDeltas(chunk, labels, deltas, sums);
                kernels.addCenteredTransposedProduct(x, d, chunk, center, deltas, 0, chunkGradient);
            }
        }

        /** From the chunk's scores, each row's {@code D = s·L''(z, y)}, when curvature is kept. */
        private void keepCurvature(Rows chunk, float[] scores, int position) {
            if (curvature.values == null) {
                return;
            }
            for (int k = 0; k < chunk.size(); k++) {
                int row = chunk.row(k);
                float s = sampleWeights == null ? 1f : sampleWeights[row];
                curvature.values[position + k] = (float) (s * loss.secondDerivative(scores[k], y[row]));
            }
        }

        /**
         * One chunk of a Hessian-vector product: {@code u = D·(x·v + vBias)} per row, {@link #chunkGradient} =
         * {@code Σ u·x} (centred as the gradient's), the sum of u in {@link #sums}{@code .delta}.
         */
        void hessian(float[] v, float vBias, Rows chunk, int position) {
            Arrays.fill(chunkGradient, 0f);
            sums.clear();
            if (center == null) {
                kernels.gemv(x, d, chunk, v, vBias, deltas, 0);
            } else {
                kernels.centeredGemv(x, d, chunk, center, v, vBias, deltas, 0);
            }
            for (int k = 0; k < chunk.size(); k++) {
                float u = curvature.values[position + k] * deltas[k];
                deltas[k] = u;
                sums.delta += u;
            }
            if (center == null) {
                kernels.addTransposedProduct(x, d, chunk, deltas, 0, chunkGradient);
            } else {
                kernels.addCenteredTransposedProduct(x, d, chunk, center, deltas, 0, chunkGradient);
            }
        }
    }

    /**
     * One chunk of the Hessian's diagonal: {@link #chunkGradient} = {@code Σ D·(x − center)²} (the centring as the
     * gradient's; the scale is applied after), the sum of D in {@link #sums}{@code .delta}.
     */
    private void diagonalChunk(Worker worker, Rows chunk, int position) {
        float[] acc = worker.chunkGradient;
        Arrays.fill(acc, 0f);
        worker.sums.clear();
        for (int k = 0; k < chunk.size(); k++) {
            float c = curvature.values[position + k];
            int offset = chunk.offset(k, d);
            for (int j = 0; j < d; j++) {
                float t = center == null ? x[offset + j] : x[offset + j] - center[j];
                acc[j] += c * t * t;
            }
            worker.sums.delta += c;
        }
    }

    /** The work of one chunk of a pass, by a worker: {@link Worker#process} or {@link Worker#hessian}. */
    private interface ChunkWork {
        void run(Worker worker, Rows chunk, int position);
    }

    /**
     * Computes {@code J} over {@code rows} at {@code theta} and writes {@code ∇J} into {@code gradient}.
     *
     * @return the cost {@code J}
     */
    @Override
    public double evaluate(float[] parameters, Rows rows, float[] gradient) {
        if (cache.recall(rows, parameters, gradient)) {
            meanLoss = cache.meanLoss();
            return cache.cost();
        }
        return compute(parameters, rows, gradient);
    }

    /** {@link #evaluate} without asking the cache. */
    private double compute(float[] parameters, Rows rows, float[] gradient) {
        int m = rows.size();
        float bias = parameters[d];
        if (m <= SMALL_BATCH && m < n) {
            return evaluateSmall(parameters, rows, gradient);
        }
        if (center != null) {
            for (int j = 0; j < d; j++) {
                scaledTheta[j] = parameters[j] * inverseScale[j];
            }
        }
        float[] theta = center != null ? scaledTheta : parameters;
        curvature.beforePass(m, rowsEvaluated == 0, hasHessian());
        double[] sums = overChunks(rows, (worker, chunk, position) -> worker.process(theta, bias, chunk, position));
        double lossSum = sums[0];
        double deltaSum = sums[1];
        curvature.afterPass(rows, parameters);
        rowsEvaluated += m;
        for (int j = 0; j < d; j++) {
            double sum = inverseScale == null ? gradientSum[j] : gradientSum[j] * inverseScale[j];
            gradient[j] = (float) (sum / m + penalty.gradient(parameters[j]));
        }
        gradient[d] = (float) (deltaSum / m);
        meanLoss = lossSum / m;
        double cost = meanLoss + (penalty.isZero() ? 0 : penalty.value(parameters, d));
        if (m >= CHUNK_ROWS || m == n) {
            // Small batches are cheaper to recompute than to copy θ and ∇J into the cache at every step.
            cache.remember(rows, parameters, gradient, cost, meanLoss);
        }
        return cost;
    }

    /**
     * Runs {@code work} over the chunks of {@code rows} and adds their results in chunk order: the chunk gradients
     * into {@link #gradientSum}, and returns {loss sum, δ sum}.
     */
    private double[] overChunks(Rows rows, ChunkWork work) {
        int m = rows.size();
        Arrays.fill(gradientSum, 0);
        double lossSum = 0;
        double deltaSum = 0;
        int chunks = (m + CHUNK_ROWS - 1) / CHUNK_ROWS;
        if (pool == null || chunks < 2) {
            Worker worker = workers[0];
            for (int c = 0; c < chunks; c++) {
                work.run(worker, rows.slice(c * CHUNK_ROWS, Math.min(m, (c + 1) * CHUNK_ROWS)), c * CHUNK_ROWS);
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
                        work.run(worker, rows.slice(c * CHUNK_ROWS, Math.min(m, (c + 1) * CHUNK_ROWS)), c * CHUNK_ROWS);
                        chunkGradients[c] = worker.chunkGradient.clone();
                        chunkLoss[c] = worker.sums.loss;
                        chunkDelta[c] = worker.sums.delta;
                    }
                }));
            }
            ChunkTasks.awaitAll(tasks);
            for (int c = 0; c < chunks; c++) {
                for (int j = 0; j < d; j++) {
                    gradientSum[j] += chunkGradients[c][j];
                }
                lossSum += chunkLoss[c];
                deltaSum += chunkDelta[c];
            }
        }
        return new double[] {lossSum, deltaSum};
    }

    @Override
    public boolean changePenalty(Penalty penalty) {
        this.penalty = java.util.Objects.requireNonNull(penalty, "penalty");
        cache.forget();
        return true;
    }

    @Override
    public void keepCurvature() {
        if (hasHessian()) {
            curvature.keep();
        }
    }

    @Override
    public boolean hasHessian() {
        return SparseLinearObjective.hasCurvature(loss, fused, penalty, y);
    }

    @Override
    public void hessianTimes(float[] parameters, Rows rows, float[] v, float[] out) {
        if (!hasHessian()) {
            throw new UnsupportedOperationException("the " + loss.name() + " loss"
                    + (penalty.l1() > 0 ? " with an L1 penalty" : "") + " gives no Hessian-vector products");
        }
        int m = rows.size();
        if (m <= SMALL_BATCH && m < n) {
            throw new UnsupportedOperationException("Hessian-vector products are for batches of more than "
                    + SMALL_BATCH + " rows");
        }
        curvatureAt(parameters, rows);
        float[] direction = v;
        if (center != null) {
            direction = new float[d + 1];
            for (int j = 0; j < d; j++) {
                direction[j] = v[j] * inverseScale[j];
            }
        }
        float[] scaledV = direction;
        float vBias = v[d];
        double biasSum = overChunks(rows, (worker, chunk, position) -> worker.hessian(scaledV, vBias, chunk, position))[1];
        rowsEvaluated += m;
        double l2 = penalty.l2();
        for (int j = 0; j < d; j++) {
            double sum = inverseScale == null ? gradientSum[j] : gradientSum[j] * inverseScale[j];
            out[j] = (float) (sum / m + l2 * v[j]);
        }
        out[d] = (float) (biasSum / m);
    }

    /** Makes the curvature that of {@code rows} at {@code parameters}: a pass unless the last pass was there. */
    private void curvatureAt(float[] parameters, Rows rows) {
        if (curvature.needsPass(parameters, rows)) {
            compute(parameters, rows, new float[d + 1]);
        }
    }

    /** {@code (1/m)·Σ D_i·x̃_ij² + λ2}, and {@code (1/m)·Σ D_i} for the bias, over the gradient's chunks and order. */
    @Override
    public boolean hessianDiagonal(float[] parameters, Rows rows, float[] out) {
        int m = rows.size();
        if (!hasHessian() || m <= SMALL_BATCH && m < n) {
            return false;
        }
        curvatureAt(parameters, rows);
        double curvatureSum = overChunks(rows, this::diagonalChunk)[1];
        rowsEvaluated += m;
        double l2 = penalty.l2();
        for (int j = 0; j < d; j++) {
            double sum = inverseScale == null ? gradientSum[j] : gradientSum[j] * inverseScale[j] * inverseScale[j];
            out[j] = (float) (sum / m + l2);
        }
        out[d] = (float) (curvatureSum / m);
        return true;
    }

    /**
     * {@code λ2} for each weight, 0 for the bias (unpenalised): the penalty's share of the Hessian's diagonal in
     * {@link #hessianMatrix}, {@link #hessianDiagonal} and {@link #hessianTimes}, whose data part does not depend on
     * it. The weights are those of the standardised features, which the penalty is on.
     */
    @Override
    public double l2Penalty(int parameter) {
        java.util.Objects.checkIndex(parameter, d + 1);
        return parameter < d ? penalty.l2() : 0;
    }

    /**
     * The most parameters ({@code d + 1}) for which {@link #hessianMatrix} is offered: a matrix of up to 1024² doubles
     * (8 MB per chunk being summed) and {@code (d + 1)²/2} multiply-adds per row, which only pays where a Newton
     * step would otherwise run many products of {@code 2·d} each.
     */
    static final int HESSIAN_MATRIX_LIMIT = 1024;

    @Override
    public boolean hasHessianMatrix() {
        return d + 1 <= HESSIAN_MATRIX_LIMIT && hasHessian();
    }

    /**
     * {@code (1/m)·Σ D_i·x̂_i·x̂_iᵀ + λ2·I_w} with {@code x̂ = [(x − μ)/σ, 1]} (the bias row and column unpenalised):
     * each chunk's upper triangle of {@code Σ D·x̃·x̃ᵀ} over the centred rows is summed in double from zero, the
     * chunks added in chunk order whatever the threads (a round of one chunk per thread at a time), then scaled by
     * {@code 1/σ} on both sides once; the lower triangle is copied from the upper.
     */
    @Override
    public void hessianMatrix(float[] parameters, Rows rows, double[] out) {
        if (!hasHessianMatrix()) {
            throw new UnsupportedOperationException(hasHessian()
                    ? "the Hessian matrix is for at most " + HESSIAN_MATRIX_LIMIT + " parameters, not " + (d + 1)
                    : "the " + loss.name() + " loss" + (penalty.l1() > 0 ? " with an L1 penalty" : "")
                            + " gives no Hessian matrix");
        }
        int m = rows.size();
        if (m <= SMALL_BATCH && m < n) {
            throw new UnsupportedOperationException("the Hessian matrix is for batches of more than " + SMALL_BATCH
                    + " rows");
        }
        int p = d + 1;
        if (out.length < p * p) {
            throw new IllegalArgumentException("the Hessian matrix needs " + p * p + " entries, not " + out.length);
        }
        curvatureAt(parameters, rows);
        java.util.Arrays.fill(out, 0, p * p, 0);
        int chunks = (m + CHUNK_ROWS - 1) / CHUNK_ROWS;
        if (chunks == 1) {
            matrixChunk(rows, 0, out); // 0 + the chunk's sum: the same bits as adding it to zeros
        } else {
            int threads = pool == null ? 1 : workers.length;
            double[][] partial = new double[Math.min(threads, chunks)][p * p];
            for (int first = 0; first < chunks; first += partial.length) {
                int round = Math.min(partial.length, chunks - first);
                int start = first;
                List<java.util.concurrent.Future<?>> tasks = new java.util.ArrayList<>();
                for (int t = 0; t < round; t++) {
                    int c = start + t;
                    double[] target = partial[t];
                    Runnable work = () -> {
                        java.util.Arrays.fill(target, 0);
                        matrixChunk(rows.slice(c * CHUNK_ROWS, Math.min(m, (c + 1) * CHUNK_ROWS)), c * CHUNK_ROWS,
                                target);
                    };
                    if (pool == null || round == 1) {
                        work.run();
                    } else {
                        tasks.add(pool.submit(work));
                    }
                }
                ChunkTasks.awaitAll(tasks);
                for (int t = 0; t < round; t++) {
                    double[] chunkSum = partial[t];
                    for (int i = 0; i < p; i++) {
                        for (int j = i; j < p; j++) {
                            out[i * p + j] += chunkSum[i * p + j];
                        }
                    }
                }
            }
        }
        rowsEvaluated += m;
        double l2 = penalty.l2();
        for (int i = 0; i < p; i++) {
            double si = i < d && inverseScale != null ? inverseScale[i] : 1;
            for (int j = i; j < p; j++) {
                double sj = j < d && inverseScale != null ? inverseScale[j] : 1;
                double h = out[i * p + j] * si * sj / m + (i == j && i < d ? l2 : 0);
                out[i * p + j] = h;
                out[j * p + i] = h;
            }
        }
    }

    /** Rows per block of {@link #matrixChunk}: its float sums are added into double after each block. */
    static final int MATRIX_BLOCK_ROWS = 512;

    /**
     * Adds one chunk's upper triangle of {@code Σ D·x̂·x̂ᵀ}, {@code x̂ = [x − μ, 1]} (centred in float as the gradient
     * is), into {@code target} (row-major, {@code (d + 1)²}): by blocks of {@value #MATRIX_BLOCK_ROWS} rows, each
     * summed in float by the kernels ({@link Kernels#addWeightedGram}: SIMD along each row of the triangle, one
     * multiply-add per entry and row) and added into the double target in block order.
     */
    private void matrixChunk(Rows chunk, int position, double[] target) {
        int p = d + 1;
        int stride = (p + 15) / 16 * 16; // whole vectors of up to 16 floats
        float[] gram = new float[(p + 3) / 4 * 4 * stride]; // whole tiles of four rows for the vector kernels
        for (int from = 0; from < chunk.size(); from += MATRIX_BLOCK_ROWS) {
            int to = Math.min(chunk.size(), from + MATRIX_BLOCK_ROWS);
            java.util.Arrays.fill(gram, 0f);
            kernels.addWeightedGram(x, d, chunk.slice(from, to), center, curvature.values, position + from, gram,
                    stride);
            for (int i = 0; i < p; i++) {
                for (int j = i; j < p; j++) {
                    target[i * p + j] += gram[i * stride + j];
                }
            }
        }
    }

    /**
     * A plain gradient-descent step on a small batch without the batch's loss (no logarithm per row) and, at one
     * example, without the batch object: the same float operations as {@link #evaluateSmall} then
     * {@code axpy(-rate, ∇J, θ)}, so the same bits as the optimizer's own step.
     */
    @Override
    public void plainStep(float[] theta, int[] order, int from, int to, float rate, float[] gradient,
                          dev.soma.plugins.VectorOps ops) {
        int m = to - from;
        if (m == 1 && n > 1 && fused && center == null && penalty.isZero()) {
            int row = order[from];
            int offset = row * d;
            float z = kernels.rowScore(x, offset, theta, d);
            double e = ScalarKernels.expOfMinusAbs(z);
            float delta = (float) (ScalarKernels.sigmoidFromExp(z, e) - y[row]);
            if (ops == kernels) {
                // g = [δ·x, δ] and θ ← θ − ε·g in one pass, rounded as the two axpy calls below.
                kernels.rowStep(-rate, delta, x, offset, d, theta);
            } else {
                // g = 0 + δ·x, as the transposed product into a cleared gradient computes it; then the step.
                Arrays.fill(gradient, 0, d, 0f);
                kernels.axpy(delta, x, offset, gradient, 0, d);
                gradient[d] = delta;
                ops.axpy(-rate, gradient, theta);
            }
            rowsEvaluated++;
        } else if (m <= SMALL_BATCH && m < n) {
            evaluateSmall(theta, Rows.indexed(order, from, to), gradient, false);
            ops.axpy(-rate, gradient, theta);
        } else {
            TrainingObjective.super.plainStep(theta, order, from, to, rate, gradient, ops);
        }
    }

    /** {@link #evaluate} for a small batch: see {@link #SMALL_BATCH}. */
    private double evaluateSmall(float[] parameters, Rows rows, float[] gradient) {
        return evaluateSmall(parameters, rows, gradient, true);
    }

    /** {@link #evaluate} for a small batch; without {@code withLoss} the gradient alone (the cost returned is NaN). */
    private double evaluateSmall(float[] parameters, Rows rows, float[] gradient, boolean withLoss) {
        int m = rows.size();
        Worker worker = workers[0];
        float[] deltas = worker.deltas;
        float bias = parameters[d];
        if (center == null && m == 1) {
            // As the fused m = 1 step scores its row (plainStep), so that both give the same bits.
            deltas[0] = kernels.rowScore(x, rows.offset(0, d), parameters, d);
        } else if (center == null) {
            kernels.gemv(x, d, rows, parameters, bias, deltas, 0);
        } else {
            for (int j = 0; j < d; j++) {
                scaledTheta[j] = parameters[j] * inverseScale[j];
            }
            kernels.centeredGemv(x, d, rows, center, scaledTheta, bias, deltas, 0);
        }
        PassSums sums = worker.sums;
        sums.clear();
        if (fused) {
            // The log loss from the logit, as the fused kernels compute it: σ and the loss share one exponential.
            for (int k = 0; k < m; k++) {
                double z = deltas[k];
                float label = y[rows.row(k)];
                double e = ScalarKernels.expOfMinusAbs(z);
                float delta = (float) (ScalarKernels.sigmoidFromExp(z, e) - label);
                if (withLoss) {
                    sums.loss += ScalarKernels.logLossFromExp(z, label, e);
                }
                sums.delta += delta;
                deltas[k] = delta;
            }
        } else {
            lossAndDeltas(rows, worker.labels, deltas, sums);
        }
        Arrays.fill(gradient, 0f);
        if (center == null) {
            kernels.addTransposedProduct(x, d, rows, deltas, 0, gradient);
        } else {
            kernels.addCenteredTransposedProduct(x, d, rows, center, deltas, 0, gradient);
        }
        float inverseM = 1f / m;
        if (center == null && penalty.isZero()) {
            if (m > 1) {
                kernels.scale(inverseM, gradient, 0, d);
            }
        } else {
            for (int j = 0; j < d; j++) {
                float sum = center == null ? gradient[j] : gradient[j] * inverseScale[j];
                gradient[j] = (float) (sum * inverseM + penalty.gradient(parameters[j]));
            }
        }
        gradient[d] = (float) (sums.delta / m);
        rowsEvaluated += m;
        if (!withLoss) {
            meanLoss = Double.NaN;
            return Double.NaN;
        }
        meanLoss = sums.loss / m;
        return meanLoss + (penalty.isZero() ? 0 : penalty.value(parameters, d));
    }

    /**
     * Reads one float of every cache line of the given rows (and their labels) so that their misses overlap
     * instead of stalling the steps that need them one by one. Java has no prefetch instruction; a plain load
     * whose value is kept is the portable way to have the CPU fetch the line early.
     */
    @Override
    public void prefetch(Rows rows) {
        if (!prefetchPays) {
            return;
        }
        float touched = 0;
        for (int k = 0; k < rows.size(); k++) {
            int row = rows.row(k);
            int offset = rows.offset(k, d);
            for (int j = 0; j < d; j += FLOATS_PER_LINE) {
                touched += x[offset + j];
            }
            // Rows do not start on a line boundary: the last float can sit on one line more than the strided reads reach.
            touched += x[offset + d - 1] + y[row];
        }
        prefetchSink += touched;
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
