package dev.soma.engine.kernels;

import dev.soma.plugins.VectorOps;

/**
 * The numerical kernels of the engine: the {@link VectorOps} plugins use, plus the matrix kernels of training.
 * Two implementations exist: {@link ScalarKernels}, plain loops that serve as the oracle and the fallback, and
 * {@code VectorKernels}, on the JDK Vector API. {@link KernelSelection} picks one at start-up.
 *
 * <p>Matrices are row-major {@code float[]} with {@code d} columns: row {@code r} occupies
 * {@code x[r·d, r·d + d)}. Per-row outputs are written by position in the {@link Rows} selection.
 * Implementations are stateless and thread-safe.
 */
public interface Kernels extends VectorOps {

    /** Bits per SIMD register in use (0 for scalar). */
    int vectorBits();

    /** A description for logs and model metadata, such as {@code "vector, 16 lanes"} or {@code "scalar"}. */
    default String description() {
        return lanes() > 1 ? name() + ", " + lanes() + " lanes" : name();
    }

    /**
     * {@code Σ x[off, off + n)}. Training does not need it: it is the memory-read reference of the benchmarks, the
     * cheapest pass that still reads every float.
     */
    float sum(float[] x, int off, int n);

    /**
     * Weighted sums {@code z[zOff + k] = x[row(k)]·w + bias} for every position {@code k} of {@code rows}.
     */
    default void gemv(float[] x, int d, Rows rows, float[] w, float bias, float[] z, int zOff) {
        gemv(x, d, rows, w, 0, bias, z, zOff);
    }

    /**
     * {@code z[zOff + k] = x[row(k)]·w[wOff, wOff + d) + bias}. With {@code x} a weight matrix (one row per unit)
     * and {@code w} one example's activations, this is a dense layer's forward pass for that example.
     */
    void gemv(float[] x, int d, Rows rows, float[] w, int wOff, float bias, float[] z, int zOff);

    /** Accumulates {@code g += Σ_k delta[deltaOff + k]·x[row(k)]}, that is {@code g += Xᵀδ} over the rows. */
    default void addTransposedProduct(float[] x, int d, Rows rows, float[] delta, int deltaOff, float[] g) {
        addTransposedProduct(x, d, rows, delta, deltaOff, 1, g, 0);
    }

    /**
     * {@code g[gOff, gOff + d) += Σ_k delta[deltaOff + k·deltaStride]·x[row(k)]}: with a stride, δ can be one column
     * of a row-major batch of deltas (a dense layer's weight gradient, unit by unit); with {@code x} a weight
     * matrix, one example's back-propagated gradient.
     */
    void addTransposedProduct(float[] x, int d, Rows rows, float[] delta, int deltaOff, int deltaStride, float[] g,
                              int gOff);

    /**
     * {@code z[zOff + k] = (x[row(k)] − center)·w + bias}: scores of standardised rows computed from the raw ones,
     * so that training never holds a standardised copy of the data (the scale is folded into {@code w}).
     */
    void centeredGemv(float[] x, int d, Rows rows, float[] center, float[] w, float bias, float[] z, int zOff);

    /** {@code g += Σ_k delta[deltaOff + k]·(x[row(k)] − center)}, the twin of {@link #centeredGemv}. */
    void addCenteredTransposedProduct(float[] x, int d, Rows rows, float[] center, float[] delta, int deltaOff,
                                      float[] g);

    /** {@code out[i] = σ(z[i]) = 1 / (1 + e^(−z[i]))} for {@code from ≤ i < to}; {@code out} may be {@code z}. */
    void sigmoid(float[] z, float[] out, int from, int to);

    /**
     * The fused, blocked logistic-regression pass. For each block of rows, read once from memory, it computes
     * {@code z = x·w + bias}, {@code σ(z)}, the log loss {@code log(1 + e^z) − y·z} (stably, from the logit),
     * {@code δ = σ(z) − y}, then {@code g += Xᵀδ} while the block is still in cache.
     *
     * @param y      labels by position: the label of position {@code k} is {@code y[yOff + k]}
     * @param delta  receives {@code δ} by position at {@code delta[deltaOff + k]}; also the block's scratch
     * @param g      the weight gradient, added to (not averaged)
     * @param sums   receives {@code Σ loss} and {@code Σ δ}, added to
     */
    default void logisticPass(float[] x, int d, Rows rows, float[] y, int yOff, float[] w, float bias,
                              float[] delta, int deltaOff, float[] g, PassSums sums) {
        logisticPass(x, d, rows, null, y, yOff, w, bias, delta, deltaOff, g, sums);
    }

    /**
     * The fused pass on centred rows {@code x − center} (see {@link #centeredGemv}); {@code center} may be null
     * for none. {@code g} receives {@code Σ δ·(x − center)}.
     */
    void logisticPass(float[] x, int d, Rows rows, float[] center, float[] y, int yOff, float[] w, float bias,
                      float[] delta, int deltaOff, float[] g, PassSums sums);

    /**
     * One plain gradient step on one example of a linear model: {@code θ ← θ + α·g} with
     * {@code g = [δ·x[xOff, xOff + d), δ]}, rounded exactly as the unfused step computes it — {@code g[0, d)} as
     * {@link #axpy axpy(δ, x, xOff, g, 0, d)} into a cleared {@code g}, {@code g[d] = δ}, then
     * {@link #axpy axpy(α, g, 0, θ, 0, d + 1)} — but in one pass, with no gradient array. SGD at m = 1 calls it once
     * per example, so its cost is the step's.
     */
    void rowStep(float alpha, float delta, float[] x, int xOff, int d, float[] theta);

    /**
     * One example's linear score {@code x[xOff, xOff + d)·w[0, d) + w[d]} (θ packed as {@code [w, b]}), for SGD at
     * m = 1: the same products as {@link #dot}, summed in an order of the kernel's choosing that keeps the step's
     * chain of dependent additions short (the vector kernels fold the tail into the lanes with a masked
     * multiply-add instead of adding its products one after another). Every m = 1 step, fused or not, scores its
     * row with it, so both give the same bits.
     */
    float rowScore(float[] x, int xOff, float[] w, int d);

    /**
     * {@code Σ values[k]·w[indices[k]]} for {@code from ≤ k < to}: one sparse row's dot product with dense weights
     * (a gather). The products are summed in index order by the scalar kernels; the vector kernels may sum in
     * lanes, and their plain-Java twin gives their bits.
     */
    float sparseDot(float[] values, int[] indices, int from, int to, float[] w);

    /**
     * {@code y[indices[k]] += a·values[k]} for {@code from ≤ k < to}: a sparse row added into a dense vector (a
     * scatter-add). The indices of one row are distinct, so every kernel gives the same bits.
     */
    void sparseAxpy(float a, float[] values, int[] indices, int from, int to, float[] y);

    /**
     * Adds {@code Σ_k weights[wOff + k]·x̂_k·x̂_kᵀ} over the given rows into {@code gram}, with
     * {@code x̂_k = [x_k − center, 1]} ({@code center} may be null: no centring; the subtraction in float): the entry
     * of row {@code i} and column {@code j} ({@code 0 ≤ i ≤ j ≤ d}) at {@code gram[i·stride + j]}. For a Newton
     * step's Hessian matrix on few features. Each entry is one fused multiply-add per row, in row order, of
     * {@code a = weights·x̂_i} (a float product) and {@code x̂_j}, so every kernel gives the same bits for the upper
     * triangle; the entries below the diagonal and the columns {@code d + 1 ≤ j < stride} may be written with
     * anything, and so may rows {@code d < i} up to the next multiple of four when {@code gram} has them.
     *
     * @param stride the row length of {@code gram}, at least {@code d + 1}
     */
    default void addWeightedGram(float[] x, int d, Rows rows, float[] center, float[] weights, int wOff, float[] gram,
                                 int stride) {
        float[] row = new float[d + 1];
        row[d] = 1;
        for (int k = 0; k < rows.size(); k++) {
            float c = weights[wOff + k];
            int offset = rows.offset(k, d);
            for (int j = 0; j < d; j++) {
                row[j] = center == null ? x[offset + j] : x[offset + j] - center[j];
            }
            for (int i = 0; i <= d; i++) {
                float a = c * row[i];
                int base = i * stride;
                for (int j = i; j <= d; j++) {
                    gram[base + j] = Math.fma(a, row[j], gram[base + j]);
                }
            }
        }
    }
}
