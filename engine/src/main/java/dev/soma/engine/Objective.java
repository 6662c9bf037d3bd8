package dev.soma.engine;

import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.PassSums;
import dev.soma.engine.kernels.Rows;
import dev.soma.plugins.Loss;

/**
 * The training objective of one neuron, {@code J(θ) = mean_batch L(w·x + b, y) + (λ/2)‖w‖²}, and its gradient.
 * Parameters are packed as {@code θ = [w_0 … w_{d−1}, b]}; the bias is not penalised.
 *
 * <p>A batch is processed in chunks of {@value #CHUNK_ROWS} rows: each chunk's gradient is accumulated in
 * float by the kernels, then added into double. That keeps float rounding bounded by the chunk size whatever
 * n is, and fixes the summation order independently of how the batch is split. For a loss of the
 * {@link Loss.Form#LOG_LOSS_FROM_LOGIT} form the kernels' fused logistic pass does all of a chunk in one read
 * of its rows; any other loss goes gemv → loss plugin → {@code Xᵀδ}.
 */
final class Objective {

    static final int CHUNK_ROWS = 4096;

    private final float[] x;
    private final float[] y;
    private final int d;
    private final Loss loss;
    private final boolean fused;
    private final double l2;
    private final Kernels kernels;

    private final float[] labels = new float[CHUNK_ROWS];
    private final float[] deltas = new float[CHUNK_ROWS];
    private final float[] chunkGradient;
    private final double[] gradientSum;
    private final PassSums sums = new PassSums();

    /** The mean loss of the last {@link #evaluate}, without the penalty. */
    private double meanLoss;

    Objective(Dataset data, Loss loss, double l2, Kernels kernels) {
        this.x = data.featureArray();
        this.y = data.labelArray();
        this.d = data.dimension();
        this.loss = loss;
        this.fused = loss.form() == Loss.Form.LOG_LOSS_FROM_LOGIT;
        this.l2 = l2;
        this.kernels = kernels;
        this.chunkGradient = new float[d];
        this.gradientSum = new double[d];
    }

    /**
     * Computes {@code J} over {@code rows} at {@code theta} and writes {@code ∇J} into {@code gradient}.
     *
     * @return the cost {@code J}
     */
    double evaluate(float[] theta, Rows rows, float[] gradient) {
        int m = rows.size();
        float bias = theta[d];
        java.util.Arrays.fill(gradientSum, 0);
        double lossSum = 0;
        double deltaSum = 0;
        for (int start = 0; start < m; start += CHUNK_ROWS) {
            Rows chunk = rows.slice(start, Math.min(m, start + CHUNK_ROWS));
            java.util.Arrays.fill(chunkGradient, 0f);
            sums.clear();
            int yOff = gatherLabels(chunk);
            float[] yArray = chunk.isRange() ? y : labels;
            if (fused) {
                kernels.logisticPass(x, d, chunk, yArray, yOff, theta, bias, deltas, 0, chunkGradient, sums);
            } else {
                kernels.gemv(x, d, chunk, theta, bias, deltas, 0);
                sums.loss = loss.lossAndDeltas(deltas, copyLabels(chunk, yArray, yOff), deltas, chunk.size());
                for (int k = 0; k < chunk.size(); k++) {
                    sums.delta += deltas[k];
                }
                kernels.addTransposedProduct(x, d, chunk, deltas, 0, chunkGradient);
            }
            for (int j = 0; j < d; j++) {
                gradientSum[j] += chunkGradient[j];
            }
            lossSum += sums.loss;
            deltaSum += sums.delta;
        }
        double squaredNorm = 0;
        for (int j = 0; j < d; j++) {
            float w = theta[j];
            gradient[j] = (float) (gradientSum[j] / m + l2 * w);
            squaredNorm += (double) w * w;
        }
        gradient[d] = (float) (deltaSum / m);
        meanLoss = lossSum / m;
        return meanLoss + 0.5 * l2 * squaredNorm;
    }

    /** The mean loss, without the penalty, of the last {@link #evaluate}. */
    double meanLoss() {
        return meanLoss;
    }

    /** For an index-list chunk, copies its labels into the label buffer; returns where the chunk's labels start. */
    private int gatherLabels(Rows chunk) {
        if (chunk.isRange()) {
            return chunk.row(0);
        }
        for (int k = 0; k < chunk.size(); k++) {
            labels[k] = y[chunk.row(k)];
        }
        return 0;
    }

    /** The chunk's labels as an array starting at 0 (the loss plugin's batch call takes no offset). */
    private float[] copyLabels(Rows chunk, float[] yArray, int yOff) {
        if (yArray == labels) {
            return labels;
        }
        System.arraycopy(yArray, yOff, labels, 0, chunk.size());
        return labels;
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
