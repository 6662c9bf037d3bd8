package dev.soma.spark;

import dev.soma.engine.Standardizer;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;

/**
 * {@code J(θ) = mean log loss + (λ/2)‖w‖²} over the cached blocks, on standardised features, and its gradient:
 * one distributed pass per evaluation. The last evaluation is remembered, so that a line search's accepted point
 * costs no second pass when the driver asks for it again.
 */
final class DistributedObjective {

    private final JavaRDD<RowBlock> blocks;
    private final float[] center;
    private final float[] inverseScale;
    private final double l2;
    private final int depth;
    private final long n;

    private float[] lastTheta;
    private float[] lastGradient;
    private double lastCost;
    private double meanLoss;
    private long passes;

    DistributedObjective(JavaRDD<RowBlock> blocks, Standardizer standardizer, double l2, int depth, long n) {
        this.blocks = blocks;
        double[] means = standardizer.means();
        double[] scales = standardizer.scales();
        boolean identity = true;
        for (int j = 0; j < means.length; j++) {
            identity &= means[j] == 0 && scales[j] == 1;
        }
        this.center = identity ? null : toFloats(means);
        this.inverseScale = new float[scales.length];
        for (int j = 0; j < scales.length; j++) {
            inverseScale[j] = (float) (1 / scales[j]);
        }
        this.l2 = l2;
        this.depth = depth;
        this.n = n;
    }

    double evaluate(float[] theta, float[] gradient) {
        if (lastTheta != null && Arrays.equals(theta, lastTheta)) {
            System.arraycopy(lastGradient, 0, gradient, 0, gradient.length);
            return lastCost;
        }
        int d = inverseScale.length;
        float[] w = new float[d];
        for (int j = 0; j < d; j++) {
            w[j] = theta[j] * inverseScale[j];
        }
        float bias = theta[d];
        float[] c = center;
        PassTotals totals = blocks.treeAggregate(new PassTotals(d), (acc, block) -> acc.add(block, c, w, bias),
                PassTotals::merge, depth);
        passes++;
        double penalty = 0;
        for (int j = 0; j < d; j++) {
            gradient[j] = (float) (totals.gradient[j] * inverseScale[j] / n + l2 * theta[j]);
            penalty += (double) theta[j] * theta[j];
        }
        gradient[d] = (float) (totals.delta / n);
        meanLoss = totals.loss / n;
        double cost = meanLoss + 0.5 * l2 * penalty;
        lastTheta = theta.clone();
        lastGradient = gradient.clone();
        lastCost = cost;
        return cost;
    }

    double meanLoss() {
        return meanLoss;
    }

    double passes() {
        return passes;
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = (float) values[j];
        }
        return f;
    }
}
