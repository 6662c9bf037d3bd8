package dev.soma.engine.train.internal;

import dev.soma.engine.kernels.Rows;
import java.util.Arrays;

/**
 * An objective's last evaluation: asking again for the same batch at the same parameters — a line search's
 * accepted point, then the epoch's full evaluation — is answered from here instead of another pass. Batches are
 * told apart by identity: the loop asks for all rows with one {@link Rows} object for the whole run.
 */
public final class EvaluationCache {

    private Rows rows;
    private float[] theta;
    private float[] gradient;
    private double cost;
    private double meanLoss;

    /** If {@code rows} and {@code theta} are those of the last evaluation, copies its gradient out and says so. */
    public boolean recall(Rows rows, float[] theta, float[] gradient) {
        if (rows != this.rows || !Arrays.equals(theta, this.theta)) {
            return false;
        }
        System.arraycopy(this.gradient, 0, gradient, 0, gradient.length);
        return true;
    }

    public double cost() {
        return cost;
    }

    public double meanLoss() {
        return meanLoss;
    }

    public void remember(Rows rows, float[] theta, float[] gradient, double cost, double meanLoss) {
        this.rows = rows;
        if (this.theta == null || this.theta.length != theta.length) {
            this.theta = new float[theta.length];
            this.gradient = new float[gradient.length];
        }
        System.arraycopy(theta, 0, this.theta, 0, theta.length);
        System.arraycopy(gradient, 0, this.gradient, 0, gradient.length);
        this.cost = cost;
        this.meanLoss = meanLoss;
    }

    /** Forgets the last evaluation: the cost it was of has changed (another penalty). */
    public void forget() {
        rows = null;
        theta = null;
        gradient = null;
    }
}
