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
 * dense update of θ. One thread: the {@code threads} setting does not apply to sparse data yet. Not thread-safe:
 * one per training run.
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
    private final Penalty penalty;
    private final Kernels kernels;
    private final double[] gradientSum;
    private final EvaluationCache cache = new EvaluationCache();

    private double meanLoss;
    private long rowsEvaluated;

    /** While plain L2 steps run: θ = {@link #scale}·{@link #scaled} for the weights (the bias is not scaled). */
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
        int m = rows.size();
        float bias = theta[d];
        Arrays.fill(gradientSum, 0);
        double lossSum = 0;
        double deltaSum = 0;
        for (int k = 0; k < m; k++) {
            int row = rows.row(k);
            int from = start[row];
            int to = start[row + 1];
            float z = kernels.sparseDot(value, index, from, to, theta) + bias;
            float label = y[row];
            float delta;
            if (fused) {
                double e = ScalarKernels.expOfMinusAbs(z);
                delta = (float) (ScalarKernels.sigmoidFromExp(z, e) - label);
                lossSum += ScalarKernels.logLossFromExp(z, label, e);
            } else {
                float s = sampleWeights == null ? 1f : sampleWeights[row];
                lossSum += s * loss.value(z, label);
                delta = s * loss.derivative(z, label);
            }
            deltaSum += delta;
            for (int j = from; j < to; j++) {
                gradientSum[index[j]] += (double) delta * value[j];
            }
        }
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

    /**
     * Plain gradient descent: at one example, unpenalised, with the log loss, θ moves only where the row has
     * non-zeros (and at the bias): O(non-zeros), not O(d). Otherwise the gradient, then the optimizer's axpy.
     */
    @Override
    public void plainStep(float[] theta, int[] order, int from, int to, float rate, float[] gradient, VectorOps ops) {
        if (to - from == 1 && fused && penalty.l1() == 0 && penalty.l2() > 0) {
            l2Step(theta, order[from], rate);
            return;
        }
        if (theta == scaled) {
            endPlainSteps(theta);
        }
        if (to - from == 1 && fused && penalty.isZero()) {
            int row = order[from];
            int a = start[row];
            int b = start[row + 1];
            float z = kernels.sparseDot(value, index, a, b, theta) + theta[d];
            double e = ScalarKernels.expOfMinusAbs(z);
            float delta = (float) (ScalarKernels.sigmoidFromExp(z, e) - y[row]);
            kernels.sparseAxpy(-rate * delta, value, index, a, b, theta);
            theta[d] -= rate * delta;
            rowsEvaluated++;
            return;
        }
        evaluate(theta, Rows.indexed(order, from, to), gradient);
        ops.axpy(-rate, gradient, theta);
    }

    /**
     * One SGD step with an L2 penalty in O(non-zeros): {@code θ ← (1 − ηλ)θ − η·δ·x} for the weights, as
     * {@code s ← s(1 − ηλ)}, {@code v ← v − (η·δ/s)·x}; the bias, unpenalised, {@code b ← b − η·δ}.
     */
    private void l2Step(float[] theta, int row, float rate) {
        if (scaled != theta) {
            scaled = theta;
            scale = 1;
        }
        int a = start[row];
        int b = start[row + 1];
        float z = (float) (scale * kernels.sparseDot(value, index, a, b, theta)) + theta[d];
        double e = ScalarKernels.expOfMinusAbs(z);
        float delta = (float) (ScalarKernels.sigmoidFromExp(z, e) - y[row]);
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
    public double passes() {
        return (double) rowsEvaluated / n;
    }
}
