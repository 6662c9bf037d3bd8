package dev.soma.engine.train.internal;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.network.Network;

import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.Rows;
import java.util.Arrays;

/**
 * A network classifier's objective: softmax over the K output scores and the cross-entropy of the true class,
 * {@code L = log Σ_k e^{z_k} − z_y}, whose gradient at the scores is {@code δ = softmax(z) − onehot(y)}; then
 * backpropagation. The mean is over the batch ({@code (1/m) Σ s_i·L_i} with sample weights), plus the penalty
 * on the weights (never the biases). Batches are processed in chunks of {@value #CHUNK_ROWS} examples whose
 * gradients are accumulated in float by the kernels and added into double.
 */
public final class NetworkObjective implements TrainingObjective {

    public static final int CHUNK_ROWS = 256;

    /** The most floats the input buffer of a chunk of sparse rows takes (16 MB). */
    static final long MAX_SPARSE_BUFFER = 1L << 22;

    private final Network network;
    private final float[] x;
    /** The rows in CSR form for sparse data ({@link #x} is then null): a chunk's rows are spread into the input buffer. */
    private final dev.soma.engine.data.SparseRows sparse;
    /** Rows per chunk: {@link #CHUNK_ROWS}, fewer for sparse data so wide that the dense input buffer would be large. */
    private final int chunkRows;
    private final int[] classes;
    private final float[] sampleWeights;
    private final int d;
    private final int n;
    private final Penalty penalty;
    private final Kernels kernels;
    private final Network.Workspace workspace;
    private final float[] chunkGradient;
    private final double[] gradientSum;
    private double meanLoss;
    private long rowsEvaluated;

    private final EvaluationCache cache = new EvaluationCache();

    public NetworkObjective(Network network, Dataset data, int[] classes, Penalty penalty, float[] sampleWeights,
                     Kernels kernels) {
        this.network = network;
        this.sparse = data.isSparse() ? data.sparseRows() : null;
        this.x = sparse == null ? data.featureArray() : null;
        this.d = data.dimension();
        this.chunkRows = sparse == null ? CHUNK_ROWS : (int) Math.max(1, Math.min(CHUNK_ROWS, MAX_SPARSE_BUFFER / d));
        this.n = data.size();
        this.classes = classes;
        this.sampleWeights = sampleWeights;
        this.penalty = penalty;
        this.kernels = kernels;
        this.workspace = network.workspace(chunkRows);
        this.chunkGradient = new float[network.parameterCount()];
        this.gradientSum = new double[network.parameterCount()];
    }

    @Override
    public int examples() {
        return n;
    }

    @Override
    public int parameterCount() {
        return network.parameterCount();
    }

    @Override
    public double meanLoss() {
        return meanLoss;
    }

    @Override
    public double passes() {
        return (double) rowsEvaluated / n;
    }

    @Override
    public double evaluate(float[] theta, Rows rows, float[] gradient) {
        if (cache.recall(rows, theta, gradient)) {
            meanLoss = cache.meanLoss();
            return cache.cost();
        }
        int m = rows.size();
        int k = network.outputs();
        Arrays.fill(gradientSum, 0);
        double lossSum = 0;
        for (int start = 0; start < m; start += chunkRows) {
            Rows chunk = rows.slice(start, Math.min(m, start + chunkRows));
            int size = chunk.size();
            float[] inputs = workspace.activations[0];
            if (sparse == null) {
                for (int r = 0; r < size; r++) {
                    System.arraycopy(x, chunk.offset(r, d), inputs, r * d, d);
                }
            } else {
                // The first layer reads dense inputs: a chunk's sparse rows are spread into the zeroed buffer. The
                // layer's work is then O(d) per row, not O(non-zeros); the data itself stays sparse.
                Arrays.fill(inputs, 0, size * d, 0f);
                int[] index = sparse.indexArray();
                float[] value = sparse.valueArray();
                for (int r = 0; r < size; r++) {
                    int row = chunk.row(r);
                    for (int e = sparse.start(row); e < sparse.end(row); e++) {
                        inputs[r * d + index[e]] = value[e];
                    }
                }
            }
            network.forward(theta, workspace, size, kernels);
            float[] scores = workspace.outputs();
            float[] deltas = workspace.outputDeltas();
            for (int r = 0; r < size; r++) {
                int example = chunk.row(r);
                double weight = sampleWeights == null ? 1 : sampleWeights[example];
                lossSum += weight * softmaxCrossEntropy(scores, deltas, r * k, k, classes[example], (float) weight);
            }
            Arrays.fill(chunkGradient, 0f);
            network.backward(theta, workspace, size, kernels, chunkGradient);
            for (int p = 0; p < chunkGradient.length; p++) {
                gradientSum[p] += chunkGradient[p];
            }
        }
        rowsEvaluated += m;
        for (int p = 0; p < gradient.length; p++) {
            gradient[p] = (float) (gradientSum[p] / m);
        }
        double penaltyValue = 0;
        for (int l = 1; l <= network.layers(); l++) {
            int from = network.weightOffset(l);
            int to = from + network.weightCount(l);
            for (int p = from; p < to; p++) {
                gradient[p] += (float) penalty.gradient(theta[p]);
            }
            penaltyValue += penalty.value(theta, from, to);
        }
        meanLoss = lossSum / m;
        double cost = meanLoss + penaltyValue;
        cache.remember(rows, theta, gradient, cost, meanLoss);
        return cost;
    }

    /**
     * Softmax of the K scores at {@code off}, written as {@code weight·(p − onehot)} into {@code deltas}; returns
     * {@code log Σ e^z − z_y}, computed with the maximum subtracted so no exponential overflows.
     */
    static double softmaxCrossEntropy(float[] scores, float[] deltas, int off, int k, int label, float weight) {
        double logSumExp = softmax(scores, off, k, deltas, off);
        for (int c = 0; c < k; c++) {
            deltas[off + c] = weight * (deltas[off + c] - (c == label ? 1 : 0));
        }
        return logSumExp - scores[off + label];
    }

    /**
     * {@code out[outOff + c] = e^{z_c} / Σ e^z} for the K scores at {@code off}, with the maximum subtracted so no
     * exponential overflows; returns {@code log Σ e^z}.
     */
    public static double softmax(float[] scores, int off, int k, float[] out, int outOff) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, scores[off + c]);
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += Math.exp((double) scores[off + c] - max);
        }
        for (int c = 0; c < k; c++) {
            out[outOff + c] = (float) (Math.exp((double) scores[off + c] - max) / total);
        }
        return Math.log(total) + max;
    }

}
