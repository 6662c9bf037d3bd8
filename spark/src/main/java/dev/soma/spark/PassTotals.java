package dev.soma.spark;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.PassSums;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.kernels.ScalarKernels;
import java.io.Serializable;

/**
 * The sums one pass of full-batch logistic regression needs — {@code Σ δ·(x − μ)}, {@code Σ loss}, {@code Σ δ}
 * and the row count — for some blocks; partitions compute theirs with the engine's fused SIMD pass (dense blocks)
 * or its sparse gather and scatter (sparse blocks), and {@code treeAggregate} adds them.
 */
final class PassTotals implements Serializable {

    /** As the single-machine objective: float accumulation is bounded to chunks of this many rows. */
    static final int CHUNK_ROWS = 4096;

    final double[] gradient;
    double loss;
    double delta;
    long count;

    PassTotals(int d) {
        this.gradient = new double[d];
    }

    /**
     * Adds {@code block}'s sums at the scores {@code (x − center)·w + bias}.
     *
     * @param center the standardisation's means, or null for raw features (and always for sparse data, which is
     *               only scaled)
     * @param w      the weights for centred features, already divided by the scales
     */
    PassTotals add(RowBlock block, float[] center, float[] w, float bias) {
        return accumulate(block, null, block.rows, center, w, bias);
    }

    /**
     * Adds the sums of a seeded Bernoulli({@code fraction}) sample of {@code block}'s rows: the same rows for the
     * same seed, step and block, whatever the cluster does (retries included).
     */
    PassTotals addSample(RowBlock block, float[] center, float[] w, float bias, double fraction, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (block.id + 1)));
        int[] picked = new int[block.rows];
        int count = 0;
        for (int i = 0; i < block.rows; i++) {
            if (random.nextDouble() < fraction) {
                picked[count++] = i;
            }
        }
        return accumulate(block, picked, count, center, w, bias);
    }

    /**
     * The fused pass over the first {@code count} rows of {@code picked} (all rows in order when null), in chunks of
     * {@value #CHUNK_ROWS} rows, each chunk's float sums added into the double totals.
     */
    private PassTotals accumulate(RowBlock block, int[] picked, int count, float[] center, float[] w, float bias) {
        if (count == 0) {
            return this;
        }
        if (block.isSparse()) {
            return accumulateSparse(block, picked, count, w, bias);
        }
        Kernels kernels = KernelSelection.active();
        float[] chunkGradient = new float[block.d];
        int chunk = Math.min(count, CHUNK_ROWS);
        float[] labels = picked == null ? null : new float[chunk];
        float[] deltas = new float[chunk];
        PassSums sums = new PassSums();
        for (int start = 0; start < count; start += CHUNK_ROWS) {
            int end = Math.min(count, start + CHUNK_ROWS);
            Rows rows;
            float[] y;
            int yOff;
            if (picked == null) {
                rows = Rows.range(start, end);
                y = block.y;
                yOff = start;
            } else {
                rows = Rows.indexed(picked, start, end);
                for (int k = start; k < end; k++) {
                    labels[k - start] = block.y[picked[k]];
                }
                y = labels;
                yOff = 0;
            }
            java.util.Arrays.fill(chunkGradient, 0f);
            sums.clear();
            kernels.logisticPass(block.x, block.d, rows, center, y, yOff, w, bias, deltas, 0, chunkGradient, sums);
            for (int j = 0; j < block.d; j++) {
                gradient[j] += chunkGradient[j];
            }
            loss += sums.loss;
            delta += sums.delta;
        }
        this.count += count;
        return this;
    }

    /**
     * The same sums over a sparse block, row by row as the engine's {@code SparseLinearObjective}: the score is a
     * gather ({@link Kernels#sparseDot}), the log loss and {@code δ = σ(z) − y} are the fused kernels' (in double
     * from the float score), and {@code δ·x} is scattered into the double gradient — O(non-zeros). Sparse data is
     * never centred, so there is no centre here.
     */
    private PassTotals accumulateSparse(RowBlock block, int[] picked, int count, float[] w, float bias) {
        Kernels kernels = KernelSelection.active();
        int[] start = block.start;
        int[] index = block.index;
        float[] value = block.value;
        double lossSum = 0;
        double deltaSum = 0;
        for (int k = 0; k < count; k++) {
            int row = picked == null ? k : picked[k];
            int from = start[row];
            int to = start[row + 1];
            float z = kernels.sparseDot(value, index, from, to, w) + bias;
            float label = block.y[row];
            double e = ScalarKernels.expOfMinusAbs(z);
            float rowDelta = (float) (ScalarKernels.sigmoidFromExp(z, e) - label);
            lossSum += ScalarKernels.logLossFromExp(z, label, e);
            deltaSum += rowDelta;
            for (int j = from; j < to; j++) {
                gradient[index[j]] += (double) rowDelta * value[j];
            }
        }
        this.loss += lossSum;
        this.delta += deltaSum;
        this.count += count;
        return this;
    }

    PassTotals merge(PassTotals other) {
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] += other.gradient[j];
        }
        loss += other.loss;
        delta += other.delta;
        count += other.count;
        return this;
    }
}
