package dev.soma.engine.train.internal;

import dev.soma.engine.kernels.Rows;
import java.util.Arrays;

/**
 * Each example's curvature {@code D_i = s_i·L''(z_i, y_i)} (by position in the batch) from the last pass of a
 * linear objective, which its Hessian products and diagonal multiply by. Recorded by the first full pass — the
 * loop's first evaluation, so that a second-order optimizer's first step needs no pass of its own — and, once an
 * optimizer has asked, by every pass; otherwise dropped at the next pass, so that other optimizers pay (almost)
 * nothing. {@link #values} is null while nothing is recorded; the objectives' passes write it directly.
 */
final class RowCurvature {

    private final int n;
    /** Each row's D by position in the batch of {@link #rows}, or null when the passes do not record it. */
    float[] values;
    private Rows rows;
    private float[] theta;
    /** Whether an optimizer has asked: until then only the first full pass records. */
    private boolean wanted;

    RowCurvature(int n) {
        this.n = n;
    }

    /**
     * Before a pass of {@code m} rows: whether it records (leaves {@link #values} non-null).
     *
     * @param firstPass  no row evaluated yet
     * @param hasHessian whether the objective has curvature at all
     */
    void beforePass(int m, boolean firstPass, boolean hasHessian) {
        if (wanted) {
            return;
        }
        if (firstPass && m == n && hasHessian) {
            values = new float[n];
        } else {
            values = null;
            rows = null;
        }
    }

    /** After a pass over {@code rows} at {@code theta}: what the recorded values are of. */
    void afterPass(Rows rows, float[] theta) {
        if (values != null) {
            this.rows = rows;
            this.theta = theta.clone();
        }
    }

    /** From now on every pass records, as after an optimizer's first request ({@link #needsPass}). */
    void keep() {
        wanted = true;
        if (values == null) {
            values = new float[n];
        }
    }

    /**
     * An optimizer asks for the curvature of {@code rows} at {@code theta}: from now on every pass records, and this
     * says whether a pass must run first (the last one was elsewhere).
     */
    boolean needsPass(float[] theta, Rows rows) {
        wanted = true;
        if (values == null) {
            values = new float[n];
        }
        return this.rows != rows || !Arrays.equals(this.theta, theta);
    }
}
