package dev.soma.spark;

import dev.soma.engine.data.Standardizer;
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

    private float[] lastTheta;
    private float[] lastGradient;
    private double lastCost;
    private double meanLoss;
    private double passes;

    DistributedObjective(JavaRDD<RowBlock> blocks, Standardizer standardizer, double l2, int depth) {
        this.blocks = blocks;
        this.center = standardizer.isIdentity() ? null : standardizer.floatMeans();
        this.inverseScale = standardizer.inverseScales();
        this.l2 = l2;
        this.depth = depth;
    }

    double evaluate(float[] theta, float[] gradient) {
        if (lastTheta != null && Arrays.equals(theta, lastTheta)) {
            System.arraycopy(lastGradient, 0, gradient, 0, gradient.length);
            return lastCost;
        }
        int d = inverseScale.length;
        float[] w = scaled(theta);
        float bias = theta[d];
        float[] c = center;
        PassTotals totals = blocks.treeAggregate(new PassTotals(d), (acc, block) -> acc.add(block, c, w, bias),
                PassTotals::merge, depth);
        passes++;
        double cost = finish(totals, theta, gradient);
        lastTheta = theta.clone();
        lastGradient = gradient.clone();
        lastCost = cost;
        return cost;
    }

    /**
     * J and ∇J over a seeded Bernoulli sample of the rows, about {@code fraction} of them (a minibatch): one
     * distributed pass that reads only the sampled rows. The same seed gives the same sample.
     */
    double evaluateSample(float[] theta, float[] gradient, double fraction, long seed) {
        int d = inverseScale.length;
        float[] w = scaled(theta);
        float bias = theta[d];
        float[] c = center;
        PassTotals totals = blocks.treeAggregate(new PassTotals(d),
                (acc, block) -> acc.addSample(block, c, w, bias, fraction, seed), PassTotals::merge, depth);
        passes += fraction;
        if (totals.count == 0) {
            Arrays.fill(gradient, 0f);
            return Double.NaN;
        }
        return finish(totals, theta, gradient);
    }

    private float[] scaled(float[] theta) {
        float[] w = new float[inverseScale.length];
        for (int j = 0; j < w.length; j++) {
            w[j] = theta[j] * inverseScale[j];
        }
        return w;
    }

    /** Means over the rows the totals cover, plus the L2 penalty on the weights. */
    private double finish(PassTotals totals, float[] theta, float[] gradient) {
        int d = inverseScale.length;
        double rows = totals.count;
        double penalty = 0;
        for (int j = 0; j < d; j++) {
            gradient[j] = (float) (totals.gradient[j] * inverseScale[j] / rows + l2 * theta[j]);
            penalty += (double) theta[j] * theta[j];
        }
        gradient[d] = (float) (totals.delta / rows);
        meanLoss = totals.loss / rows;
        return meanLoss + 0.5 * l2 * penalty;
    }

    double meanLoss() {
        return meanLoss;
    }

    double passes() {
        return passes;
    }
}
