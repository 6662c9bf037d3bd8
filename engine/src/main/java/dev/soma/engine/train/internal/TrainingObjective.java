package dev.soma.engine.train.internal;

import dev.soma.engine.kernels.Rows;
import dev.soma.plugins.CostFunction;

/**
 * A model's training objective over a dataset: the cost {@code J(θ)} of a batch of rows and its gradient, for
 * parameters packed in one flat array. One neuron ({@link LinearObjective}) and a multi-layer network
 * ({@code NetworkObjective}) both train through the same loop, optimizers, schedules and stopping rules by
 * implementing this. Not thread-safe: one per training run.
 */
public interface TrainingObjective {

    /** The number of examples, n. */
    int examples();

    /** The number of parameters. */
    int parameterCount();

    /** Computes {@code J} over {@code rows} at {@code theta} and writes {@code ∇J} into {@code gradient}. */
    double evaluate(float[] theta, Rows rows, float[] gradient);

    /** The mean loss, without the penalty, of the last {@link #evaluate}. */
    double meanLoss();

    /** Full passes over the data so far: rows evaluated / n. */
    double passes();

    /**
     * Whether {@link #hessianTimes} works: the cost is twice differentiable and the objective knows its curvature.
     * False unless overridden.
     */
    default boolean hasHessian() {
        return false;
    }

    /**
     * Writes {@code ∇²J(θ)·v} over {@code rows} into {@code out} (see {@link CostFunction#hessianTimes}).
     *
     * @throws UnsupportedOperationException when {@link #hasHessian()} is false
     */
    default void hessianTimes(float[] theta, Rows rows, float[] v, float[] out) {
        throw new UnsupportedOperationException("this objective gives no Hessian-vector products");
    }

    /**
     * Writes the diagonal of {@code ∇²J(θ)} over {@code rows} (see {@link CostFunction#hessianDiagonal}); returns
     * false (the default) when the objective does not give it.
     */
    default boolean hessianDiagonal(float[] theta, Rows rows, float[] out) {
        return false;
    }

    /** Whether {@link #hessianMatrix} works (see {@link CostFunction#hasHessianMatrix}). False unless overridden. */
    /**
     * Makes the evaluations from now on those of the same data with another penalty — its buffers, standardisation and
     * curvature kept, any remembered evaluation forgotten — for fits that differ only in their penalty, as the
     * points of a regularisation path do ({@link dev.soma.engine.train.PenaltySweep}). Returns false (the default)
     * when this objective cannot; the caller then builds a new one.
     */
    default boolean changePenalty(Penalty penalty) {
        return false;
    }

    /**
     * Asks that every full pass from now on keep what the second-order products need (each row's curvature), as
     * they do once an optimizer has asked for one: the loop calls this when the optimizer continues from a carried
     * state (a warm start), whose first steps may reuse a carried Hessian factor and ask for a new matrix only
     * later, at the point of the last pass. The default has nothing to keep.
     */
    default void keepCurvature() {
    }

    default boolean hasHessianMatrix() {
        return false;
    }

    /**
     * Writes {@code ∇²J(θ)} over {@code rows} as a dense row-major matrix into {@code out} (see
     * {@link CostFunction#hessianMatrix}).
     *
     * @throws UnsupportedOperationException when {@link #hasHessianMatrix()} is false
     */
    default void hessianMatrix(float[] theta, Rows rows, double[] out) {
        throw new UnsupportedOperationException("this objective gives no Hessian matrix");
    }

    /**
     * What the objective's L2 penalty adds to the Hessian's diagonal entry of {@code parameter} (see
     * {@link CostFunction#l2Penalty}); {@link Double#NaN} (the default) when the objective does not say.
     */
    default double l2Penalty(int parameter) {
        return Double.NaN;
    }

    /**
     * The objective over a fixed batch, as the {@link CostFunction} an optimizer may call, with the objective's
     * Hessian-vector products when it has them.
     */
    default CostFunction over(Rows rows) {
        TrainingObjective objective = this;
        return new CostFunction() {
            @Override
            public double evaluate(float[] theta, float[] gradient) {
                return objective.evaluate(theta, rows, gradient);
            }

            @Override
            public boolean hasHessian() {
                return objective.hasHessian();
            }

            @Override
            public void hessianTimes(float[] theta, float[] v, float[] out) {
                objective.hessianTimes(theta, rows, v, out);
            }

            @Override
            public boolean hessianDiagonal(float[] theta, float[] out) {
                return objective.hessianDiagonal(theta, rows, out);
            }

            @Override
            public boolean hasHessianMatrix() {
                return objective.hasHessianMatrix();
            }

            @Override
            public void hessianMatrix(float[] theta, double[] out) {
                objective.hessianMatrix(theta, rows, out);
            }

            @Override
            public double l2Penalty(int parameter) {
                return objective.l2Penalty(parameter);
            }
        };
    }

    /**
     * One step of plain gradient descent on the batch {@code order[from, to)}, for an optimizer that declares
     * {@link dev.soma.plugins.Optimizer#plainGradientDescent()}: {@code θ ← θ − rate·∇J_batch(θ)}, with exactly the
     * float operations of {@link #evaluate} followed by {@code ops.axpy(-rate, ∇J, θ)} — the model is the same bits
     * as with the optimizer's own step. The batch's cost is not needed, so an objective may skip computing it;
     * {@link #meanLoss()} is then unspecified until the next {@link #evaluate}. The default does exactly that
     * evaluation and update; an objective may fuse them.
     *
     * @param gradient scratch of the parameter count, overwritten
     */
    default void plainStep(float[] theta, int[] order, int from, int to, float rate, float[] gradient,
                           dev.soma.plugins.VectorOps ops) {
        evaluate(theta, Rows.indexed(order, from, to), gradient);
        ops.axpy(-rate, gradient, theta);
    }

    /**
     * The loop calls this after a run of {@link #plainStep}s (the end of an epoch's fused steps, or their
     * interruption), before anyone else reads {@code theta}: an objective that keeps θ in a deferred form while it
     * steps (a sparse objective's scale factor, θ = s·v) writes the true θ back here. The default has nothing to do.
     */
    default void endPlainSteps(float[] theta) {
    }

    /**
     * A hint that {@code rows} will be evaluated soon: an objective may start loading them. Does nothing unless
     * overridden.
     */
    default void prefetch(Rows rows) {
    }

    /**
     * The minibatches of one epoch, when the objective draws them itself; null (the default) lets the loop draw
     * them: the n rows shuffled with the run's seed and the epoch, cut into consecutive batches of m. An objective
     * whose rows the loop cannot index — a distributed dataset, whose rows live on other machines — returns its
     * own draw here, and is then asked to {@link #evaluate} all n rows only. The same seed and epoch must give the
     * same batches, so that the same run gives the same model.
     *
     * @param m     the optimizer's batch size, less than n
     * @param seed  the run's seed
     * @param epoch the epoch, 1-based
     */
    default Iterable<Minibatch> minibatches(int m, long seed, int epoch) {
        return null;
    }

    /**
     * A minibatch an objective drew itself: its cost and gradient (as the optimizer's {@link CostFunction}: the
     * same rows at every call), and how many rows it held.
     */
    interface Minibatch extends CostFunction {

        /**
         * The rows in the batch, known once it has been evaluated (a sample's size may vary). A batch that turns out
         * empty is skipped: the loop takes no step on it.
         */
        int size();
    }
}
