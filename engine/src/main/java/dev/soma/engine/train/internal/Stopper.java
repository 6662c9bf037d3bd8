package dev.soma.engine.train.internal;

/**
 * scikit-learn's "no improvement" rule: an epoch improves when the monitored value (the training cost, or the
 * validation loss with early stopping) falls below the best so far minus {@code tolerance}; after
 * {@code patience} epochs in a row without improvement, training stops. With early stopping it also keeps the
 * parameters of the best epoch, to restore at the end.
 */
final class Stopper {

    private final double tolerance;
    private final int patience;
    private final boolean keepBest;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;
    private int bestEpoch;
    private float[] bestTheta;

    Stopper(double tolerance, int patience, boolean keepBest) {
        this.tolerance = tolerance;
        this.patience = patience;
        this.keepBest = keepBest;
    }

    /** Records an epoch's monitored value. */
    void record(int epoch, double monitored, float[] theta) {
        if (monitored < best - tolerance) {
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (monitored < best) {
            best = monitored;
            bestEpoch = epoch;
            if (keepBest) {
                bestTheta = theta.clone();
            }
        }
    }

    /** Whether {@code patience} epochs in a row brought no improvement (never, when the rule is off). */
    boolean exhausted(boolean active) {
        return active && badEpochs >= patience;
    }

    double best() {
        return best;
    }

    int badEpochs() {
        return badEpochs;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** The parameters of the best epoch (a copy), or null when not kept. */
    float[] bestTheta() {
        return bestTheta == null ? null : bestTheta.clone();
    }

    void restore(double best, int badEpochs, int bestEpoch, float[] bestTheta) {
        this.best = best;
        this.badEpochs = badEpochs;
        this.bestEpoch = bestEpoch;
        this.bestTheta = bestTheta;
    }
}
