package dev.soma.plugins;

/**
 * The training cost over the current batch, for optimizers that evaluate it at other points than the one the
 * engine gave them (a line search). Each call is one pass over the batch, done by the engine's SIMD kernels;
 * the engine counts the passes. An optimizer gets it from {@link StepContext#costFunction()}.
 *
 * <p>Some costs also give Hessian-vector products ({@link #hasHessian()}): the engine's linear models with the log
 * loss or the squared error and no L1 penalty, whose Hessian is {@code (1/m)·Xᵀ·D·X + λ2·I} (the bias
 * unpenalised), one pass over the batch per product. A second-order optimizer (the built-in {@code newton})
 * needs them; the defaults say there are none, so a cost written before they existed stays valid.
 *
 * <p>A cost with few parameters may also give its whole Hessian matrix ({@link #hasHessianMatrix()}), built in one
 * pass over the batch, which a Newton method factorises instead of running conjugate gradients: the engine's dense
 * linear models do (their sparse ones, whose parameter counts are large, do not).
 *
 * <p>A cost with an L2 penalty may say how much that penalty adds to each diagonal entry of its Hessian
 * ({@link #l2Penalty}), so that a Newton method which kept the matrix of a neighbouring cost (the previous fit of a
 * regularisation path, on the same data with another λ) can put the new penalty in its place without a pass.
 */
@FunctionalInterface
public interface CostFunction {

    /**
     * Computes {@code J(parameters)} over the batch and its gradient {@code ∇J}: the same cost and mean gradient,
     * penalties included, as the engine passes to {@link Optimizer#step}. Neither array is kept.
     *
     * @param parameters the point θ to evaluate at, of the parameter count; read only
     * @param gradient   receives {@code ∇J(θ)}, same length as {@code parameters}
     * @return the cost {@code J(θ)}: the mean loss over the batch plus the penalty
     */
    double evaluate(float[] parameters, float[] gradient);

    /**
     * Whether {@link #hessianTimes} is available.
     *
     * @return false unless the cost is twice differentiable and says how to multiply by its Hessian
     */
    default boolean hasHessian() {
        return false;
    }

    /**
     * Writes {@code ∇²J(θ)·v}: the Hessian of the cost at {@code parameters} times {@code v}, the penalty included.
     * A call at the parameters of this function's last {@link #evaluate} costs one pass over the batch (the
     * curvature of each example is kept from that evaluation); at other parameters it may cost one more pass.
     * None of the arrays is kept.
     *
     * @param parameters the point θ, of the parameter count; read only
     * @param v          the vector to multiply, same length; read only
     * @param out        receives {@code ∇²J(θ)·v}, same length; not {@code v}
     * @throws UnsupportedOperationException when {@link #hasHessian()} is false
     */
    default void hessianTimes(float[] parameters, float[] v, float[] out) {
        throw new UnsupportedOperationException("this cost gives no Hessian-vector products");
    }

    /**
     * Writes the diagonal of the Hessian at {@code parameters}, for a second-order optimizer's preconditioner, if
     * the cost gives it. At the parameters of the last {@link #evaluate} it costs at most one pass.
     *
     * @param parameters the point θ; read only
     * @param out        receives {@code diag ∇²J(θ)}, same length
     * @return whether {@code out} was written; false (the default) when the cost does not give the diagonal
     */
    default boolean hessianDiagonal(float[] parameters, float[] out) {
        return false;
    }

    /**
     * Whether {@link #hessianMatrix} is available.
     *
     * @return false unless the cost can write its whole Hessian matrix; true implies {@link #hasHessian()}
     */
    default boolean hasHessianMatrix() {
        return false;
    }

    /**
     * Writes the Hessian {@code ∇²J(θ)}, the penalty included, as a dense symmetric matrix in row-major order: the
     * entry of row {@code i} and column {@code j} at {@code out[i·p + j]}, where {@code p} is the parameter count
     * (both triangles written). The entries are exactly those whose products {@link #hessianTimes} gives, up to
     * rounding; they are summed in double and in an order fixed by the batch alone (not the number of threads).
     * At the parameters of the last {@link #evaluate} it costs one pass over the batch, with {@code p²/2}
     * multiply-adds per example, so it pays only for small {@code p}.
     *
     * @param parameters the point θ, of the parameter count {@code p}; read only
     * @param out        receives the {@code p × p} matrix, of length at least {@code p·p}
     * @throws UnsupportedOperationException when {@link #hasHessianMatrix()} is false
     */
    default void hessianMatrix(float[] parameters, double[] out) {
        throw new UnsupportedOperationException("this cost gives no Hessian matrix");
    }

    /**
     * The second derivative that the cost's L2 penalty adds to the diagonal entry of {@code parameter} in its
     * Hessian: {@code λ2} for a weight under the penalty {@code (λ2/2)·‖w‖²}, 0 for a parameter the penalty leaves
     * alone (the engine's bias), and 0 for every parameter of a cost without an L2 penalty. Saying it is a promise
     * that the rest of the Hessian — the data's part, {@code ∇²J(θ) − diag(l2Penalty)} — does not depend on the
     * penalty: two costs on the same data and batch that differ only in λ2 have the same data part at the same θ.
     * A Newton method uses it to carry a matrix from one cost to the next (see the class comment); a wrong answer
     * there costs convergence speed, not correctness, as long as the step is still checked against
     * {@link #evaluate}.
     *
     * @param parameter the parameter's index, from 0 to the parameter count − 1
     * @return the penalty's constant contribution to {@code ∂²J/∂θ_parameter²}, at least 0; {@link Double#NaN} (the
     *         default) when the cost does not say
     */
    default double l2Penalty(int parameter) {
        return Double.NaN;
    }
}
