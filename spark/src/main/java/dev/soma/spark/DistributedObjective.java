package dev.soma.spark;

import dev.soma.engine.data.Standardizer;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.train.internal.EvaluationCache;
import dev.soma.engine.train.internal.Penalty;
import dev.soma.engine.train.internal.TrainingObjective;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;

/**
 * The engine's training objective of logistic regression over the cached blocks of a Spark dataset, on
 * standardised features: {@code J(θ) = mean log loss + λ1‖w‖₁ + (λ2/2)‖w‖²} (the engine's {@link Penalty}, bias
 * unpenalised) and its gradient, one distributed pass ({@code treeAggregate} of {@link PassTotals}) per
 * evaluation. The engine's {@code TrainingLoop} trains it like any objective; the last full evaluation is kept in
 * the engine's {@link EvaluationCache}, so that a line search's accepted point costs no second pass.
 *
 * <p>The loop cannot shuffle row indices on a cluster, so this objective draws its own minibatches
 * ({@link #minibatches}): a seeded Bernoulli sample of about m rows per step, one Spark job each.
 *
 * <p>The number of examples the loop sees is the row count, capped at {@code Integer.MAX_VALUE}; the pass count
 * uses the true count.
 */
final class DistributedObjective implements TrainingObjective {

    private final JavaRDD<RowBlock> blocks;
    private final long count;
    private final float[] center;
    private final float[] inverseScale;
    private final Penalty penalty;
    private final int depth;
    private final EvaluationCache cache = new EvaluationCache();

    private double meanLoss;
    private double rowsEvaluated;

    DistributedObjective(JavaRDD<RowBlock> blocks, long count, Standardizer standardizer, Penalty penalty, int depth) {
        this.blocks = blocks;
        this.count = count;
        this.center = standardizer.isScaleOnly() ? null : standardizer.floatMeans();
        this.inverseScale = standardizer.inverseScales();
        this.penalty = penalty;
        this.depth = depth;
    }

    @Override
    public int examples() {
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    @Override
    public int parameterCount() {
        return inverseScale.length + 1;
    }

    /**
     * J and ∇J over all rows: one distributed pass, unless the same parameters were evaluated last.
     *
     * @throws UnsupportedOperationException for a subset of rows: the loop asks this objective for all rows only,
     *                                       and takes minibatches from {@link #minibatches}
     */
    @Override
    public double evaluate(float[] theta, Rows rows, float[] gradient) {
        if (rows.size() != examples()) {
            throw new UnsupportedOperationException("a distributed objective evaluates all rows or its own samples,"
                    + " not " + rows.size() + " rows by index");
        }
        if (cache.recall(rows, theta, gradient)) {
            meanLoss = cache.meanLoss();
            return cache.cost();
        }
        int d = inverseScale.length;
        float[] w = scaled(theta);
        float bias = theta[d];
        float[] c = center;
        PassTotals totals = blocks.treeAggregate(new PassTotals(d), (acc, block) -> acc.add(block, c, w, bias),
                PassTotals::merge, depth);
        double cost = finish(totals, theta, gradient);
        cache.remember(rows, theta, gradient, cost, meanLoss);
        return cost;
    }

    /**
     * The epoch's minibatches: ⌈n/m⌉ steps, each on a Bernoulli sample of about m rows drawn from its own seed —
     * derived from the run's seed and the epoch — with the rows of each block picked by that seed and the block's
     * partition and ordinal. The same seed, data and partitioning give the same samples, retries included.
     */
    @Override
    public Iterable<Minibatch> minibatches(int m, long seed, int epoch) {
        double fraction = (double) m / count;
        long steps = (count + m - 1) / m;
        return () -> new Iterator<>() {
            private final SplittableRandom seeds = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * epoch));
            private long step;

            @Override
            public boolean hasNext() {
                return step < steps;
            }

            @Override
            public Minibatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                step++;
                return new Sample(fraction, seeds.nextLong());
            }
        };
    }

    /** One step's sample: the same rows at every evaluation (a line search's), one distributed pass each. */
    private final class Sample implements Minibatch {
        private final double fraction;
        private final long seed;
        private int size;

        Sample(double fraction, long seed) {
            this.fraction = fraction;
            this.seed = seed;
        }

        @Override
        public double evaluate(float[] theta, float[] gradient) {
            int d = inverseScale.length;
            float[] w = scaled(theta);
            float bias = theta[d];
            float[] c = center;
            double f = fraction;
            long s = seed;
            PassTotals totals = blocks.treeAggregate(new PassTotals(d),
                    (acc, block) -> acc.addSample(block, c, w, bias, f, s), PassTotals::merge, depth);
            size = (int) Math.min(Integer.MAX_VALUE, totals.count);
            if (totals.count == 0) {
                Arrays.fill(gradient, 0f);
                return 0;
            }
            return finish(totals, theta, gradient);
        }

        @Override
        public int size() {
            return size;
        }
    }

    private float[] scaled(float[] theta) {
        float[] w = new float[inverseScale.length];
        for (int j = 0; j < w.length; j++) {
            w[j] = theta[j] * inverseScale[j];
        }
        return w;
    }

    /** Means over the rows the totals cover, plus the penalty on the weights, as the single-machine objective. */
    private double finish(PassTotals totals, float[] theta, float[] gradient) {
        int d = inverseScale.length;
        double rows = totals.count;
        for (int j = 0; j < d; j++) {
            gradient[j] = (float) (totals.gradient[j] * inverseScale[j] / rows + penalty.gradient(theta[j]));
        }
        gradient[d] = (float) (totals.delta / rows);
        rowsEvaluated += rows;
        meanLoss = totals.loss / rows;
        return meanLoss + (penalty.isZero() ? 0 : penalty.value(theta, d));
    }

    @Override
    public double meanLoss() {
        return meanLoss;
    }

    @Override
    public double passes() {
        return rowsEvaluated / count;
    }
}
