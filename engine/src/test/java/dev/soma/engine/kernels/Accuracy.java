package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exact references and error bounds for the kernel tests: each path (scalar and vector) is compared with the
 * exact result, never with the other path, so that an error of either shows.
 *
 * <p><b>The bound for a float sum.</b> A float sum (or dot product) of {@code n} terms computed in any order is
 * within {@code γ_n·Σ|terms|} of the exact value, {@code γ_n ≈ n·u} (u = 2⁻²⁴, the unit roundoff). That worst case
 * needs every rounding error to have the same sign and its maximal size; at n = 10 007 it allows an error of ~30
 * on a dot product of ~400, so a test held to it cannot see a wrong element. Rounding errors of sums of random
 * data behave as independent, mean-zero random variables, and then (Higham and Mary, "A new approach to
 * probabilistic rounding error analysis", SIAM J. Sci. Comput. 41(5), 2019, Theorem 3.1) the error is within
 * {@code λ·√n·u·Σ|terms|} (first order) with probability at least {@code 1 − 2n·exp(−λ²(1−u)²/2)}. With
 * {@link #LAMBDA} = 7 that is 1 − 4.6·10⁻⁷ at n = 10⁴ for one sum, where the tests evaluate a few thousand sums
 * of random data on fixed seeds. For n ≤ 48 the bound is above the worst case {@code n·u·Σ|terms|}, so there it
 * is rigorous. A term {@code (n + 1)·Float.MIN_VALUE} covers roundings in the subnormal range, whose absolute
 * error of up to half the smallest subnormal is not relative to anything.
 *
 * <p>The exact references sum the float terms as exact double products with Neumaier's compensated summation:
 * their own error is about 2⁻⁵³ of the result, far below the bounds.
 */
public final class Accuracy {

    /** u = 2⁻²⁴, half a float ulp at 1. */
    public static final double UNIT_ROUNDOFF = 0x1p-24;

    /** λ of the probabilistic bound: see the class comment. */
    public static final double LAMBDA = 7;

    /**
     * Each path's σ is within this of the exact σ, relative (SigmoidAccuracyTest): the vector path evaluates exp
     * and log1p in float.
     */
    public static final double TRANSCENDENTAL_RELATIVE = 1e-6;

    private Accuracy() {
    }

    /** The bound on |computed − exact| for a float sum of {@code n} terms whose magnitudes sum to {@code magnitude}. */
    public static double sumBound(int n, double magnitude) {
        return LAMBDA * Math.sqrt(n) * UNIT_ROUNDOFF * magnitude + (n + 1) * (double) Float.MIN_VALUE;
    }

    /** {@code Σ a[aOff + i]·b[bOff + i]} exactly (to double precision). */
    public static double exactDot(float[] a, int aOff, float[] b, int bOff, int n) {
        Compensated sum = new Compensated();
        for (int i = 0; i < n; i++) {
            sum.add((double) a[aOff + i] * b[bOff + i]);
        }
        return sum.value();
    }

    /** {@code Σ |a[aOff + i]·b[bOff + i]|}. */
    public static double magnitude(float[] a, int aOff, float[] b, int bOff, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += Math.abs((double) a[aOff + i] * b[bOff + i]);
        }
        return m;
    }

    /** Neumaier's compensated summation in double: the sum of doubles to about one rounding of the result. */
    public static final class Compensated {
        private double sum;
        private double compensation;

        public void add(double term) {
            double t = sum + term;
            if (Math.abs(sum) >= Math.abs(term)) {
                compensation += (sum - t) + term;
            } else {
                compensation += (term - t) + sum;
            }
            sum = t;
        }

        public double value() {
            return sum + compensation;
        }
    }

    /**
     * The exact results of the fused logistic pass ({@link Kernels#logisticPass}) and the error each float path may
     * make. Per row k: the score {@code z = (x − c)·w + b} is a float sum of d products (and d subtractions when
     * centred) plus the bias, within {@code zTol = sumBound(…)}; {@code δ = σ(z) − y} moves by at most
     * {@code zTol/4} (|σ'| ≤ 1/4), plus σ's own relative error and the rounding of δ; the loss moves by at most
     * {@code zTol} (|∂L/∂z| = |δ| ≤ 1) plus its transcendental error. {@code g_j = Σ_k δ_k·(x_kj − c_j)} inherits
     * {@code Σ_k |x_kj − c_j|·δTol_k} from the deltas and its own summation bound.
     */
    public static final class LogisticReference {
        final double[] delta;
        final double[] deltaTolerance;
        final double lossSum;
        final double lossTolerance;
        final double deltaSum;
        final double deltaSumTolerance;
        final double[] g;
        final double[] gTolerance;

        public LogisticReference(float[] x, int d, Rows rows, float[] center, float[] labels, float[] w,
                                 float bias) {
            int m = rows.size();
            delta = new double[m];
            deltaTolerance = new double[m];
            Compensated loss = new Compensated();
            Compensated deltas = new Compensated();
            double lossTol = 0;
            double deltaTol = 0;
            double lossMagnitude = 0;
            double deltaMagnitude = 0;
            for (int k = 0; k < m; k++) {
                int o = rows.offset(k, d);
                Compensated z = new Compensated();
                double zMagnitude = Math.abs(bias);
                for (int j = 0; j < d; j++) {
                    double xc = center == null ? x[o + j] : (double) x[o + j] - center[j];
                    z.add(xc * w[j]);
                    zMagnitude += Math.abs(xc * w[j]);
                }
                z.add(bias);
                double zk = z.value();
                double zTol = sumBound(center == null ? d + 1 : 2 * d + 1, zMagnitude);
                double sigma = 1 / (1 + Math.exp(-zk));
                double y = labels[k];
                delta[k] = sigma - y;
                deltaTolerance[k] = zTol / 4 + TRANSCENDENTAL_RELATIVE * sigma + UNIT_ROUNDOFF * (Math.abs(delta[k]) + 1e-30);
                double lk = Math.max(zk, 0) - y * zk + Math.log1p(Math.exp(-Math.abs(zk)));
                loss.add(lk);
                deltas.add(delta[k]);
                lossTol += zTol + TRANSCENDENTAL_RELATIVE * (Math.abs(zk) + 1);
                deltaTol += deltaTolerance[k];
                lossMagnitude += Math.abs(lk);
                deltaMagnitude += Math.abs(delta[k]);
            }
            // The vector path accumulates the per-row losses and deltas of a block in float lanes.
            lossSum = loss.value();
            lossTolerance = lossTol + sumBound(m, lossMagnitude);
            deltaSum = deltas.value();
            deltaSumTolerance = deltaTol + sumBound(m, deltaMagnitude);
            g = new double[d];
            gTolerance = new double[d];
            for (int j = 0; j < d; j++) {
                Compensated gj = new Compensated();
                double magnitude = 0;
                double inherited = 0;
                for (int k = 0; k < m; k++) {
                    double xc = center == null ? x[rows.offset(k, d) + j] : (double) x[rows.offset(k, d) + j] - center[j];
                    gj.add(delta[k] * xc);
                    magnitude += Math.abs(delta[k] * xc);
                    inherited += Math.abs(xc) * deltaTolerance[k];
                }
                g[j] = gj.value();
                gTolerance[j] = inherited + sumBound(center == null ? m : 2 * m, magnitude);
            }
        }

        /** Asserts the outputs of one path: δ by position at {@code out[outOff + k]}, the gradient and the sums. */
        public void check(String path, float[] out, int outOff, float[] gradient, PassSums sums) {
            for (int k = 0; k < delta.length; k++) {
                assertEquals(delta[k], out[outOff + k], deltaTolerance[k], path + ": δ at position " + k);
            }
            for (int j = 0; j < g.length; j++) {
                assertEquals(g[j], gradient[j], gTolerance[j], path + ": g[" + j + "]");
            }
            assertEquals(deltaSum, sums.delta, deltaSumTolerance, path + ": Σδ");
            assertEquals(lossSum, sums.loss, lossTolerance, path + ": Σ loss");
        }
    }
}
