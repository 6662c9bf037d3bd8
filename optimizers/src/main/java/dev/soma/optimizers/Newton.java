package dev.soma.optimizers;

import dev.soma.plugins.CostFunction;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.StepContext;
import java.util.Map;

/**
 * A trust-region Newton method with conjugate-gradient inner iterations, after Lin, Weng and Keerthi, "Trust region
 * Newton method for large-scale logistic regression" (JMLR 9, 2008): full batch, for costs that give Hessian-vector
 * products ({@link CostFunction#hasHessian()}: the engine's linear models with the log loss or the squared error).
 *
 * <p>Each step approximately minimises the quadratic model {@code q(s) = gᵀs + ½·sᵀHs} within a ball
 * {@code ‖s‖ ≤ Δ}: conjugate gradients from {@code s = 0}, stopped when the residual {@code ‖−g − Hs‖} falls below
 * {@code cgTolerance·‖g‖}, or when an iterate would leave the ball (then the step ends on its boundary, along the
 * last direction — Steihaug's rule), or at {@code maxCgIterations}. Each Hessian-vector product is one pass over the
 * data, and H is never formed. The step is taken when the cost's actual reduction is a fair share of the one the
 * model predicts, {@code ρ = (J(θ + s) − J(θ)) / q(s) > 10⁻⁴}; the radius shrinks when ρ is small and grows when the
 * model was good and the step reached the boundary. A refused step is solved again from the same point in the
 * smaller ball, up to {@code maxTrials} times in one step. The first step's ball is unbounded: its length, the first
 * Newton step's, sets the radius, so the method needs no scale from the user.
 *
 * <p>Near the optimum the cost's reduction falls below the rounding of a cost summed from float terms while the
 * gradient is still well above a tight tolerance; there a step whose cost stays within that rounding and whose
 * gradient shrinks is taken, as Newton steps in their region of fast convergence are.
 *
 * <p>The conjugate-gradient vectors are kept in double (O(d) work, small beside a pass); the Hessian products take
 * float vectors, as the cost's evaluations do. A learning-rate schedule's factor scales the radius; the learning
 * rate itself is 1 and unused.
 */
final class Newton extends BaseOptimizer {

    /** The share of the predicted reduction below which a step is refused. */
    private static final double ACCEPT = 1e-4;
    /** Below this ratio the radius shrinks; above {@link #GOOD} it may grow. */
    private static final double POOR = 0.25;
    private static final double GOOD = 0.75;
    private static final double SHRINK = 0.25;
    private static final double GROW = 4;
    /** As in L-BFGS: the relative rounding of a cost summed from float terms. */
    private static final double COST_NOISE = 1e-7;

    private final double cgTolerance;
    private final int maxCgIterations;
    private final int maxTrials;
    /** The trust region's radius; infinite until the first step has set it. */
    private double radius = Double.POSITIVE_INFINITY;
    /** Conjugate-gradient iterations (Hessian-vector products) over all steps so far. */
    private long cgIterations;

    Newton(double cgTolerance, int maxCgIterations, int maxTrials) {
        super("newton", FULL_BATCH, 1.0);
        this.cgTolerance = cgTolerance;
        this.maxCgIterations = maxCgIterations;
        this.maxTrials = maxTrials;
    }

    @Override
    String[] bufferNames() {
        return new String[0];
    }

    /** The message for a cost without second derivatives. */
    static String noHessianMessage() {
        return "the 'newton' optimizer needs the cost's second derivatives (Hessian-vector products), which linear"
                + " and logistic regression give with the log loss or the squared error and no L1 penalty; this"
                + " training's cost has none (a hinge or Huber loss, an L1 penalty, or a network): use the 'lbfgs'"
                + " optimizer instead (--optimizer lbfgs)";
    }

    @Override
    void update(float[] parameters, float[] gradient, float rate, long t, StepContext context) {
        CostFunction function = context.costFunction();
        if (!function.hasHessian()) {
            throw new IllegalArgumentException(noHessianMessage());
        }
        int n = parameters.length;
        double cost = context.cost();
        float[] g = gradient.clone();
        if (Double.isNaN(cost)) {
            cost = function.evaluate(parameters, g);
        }
        double gradientNorm = Math.sqrt(dot(g, g));
        double factor = context.learningRateFactor();
        if (gradientNorm == 0 || !(factor > 0)) {
            return; // at a stationary point, or a schedule that asks for no step
        }
        double[] s = new double[n];
        double[] r = new double[n];
        float[] trial = new float[n];
        float[] trialGradient = new float[n];
        for (int attempt = 0; attempt < maxTrials; attempt++) {
            double bound = radius * Math.min(1, factor);
            boolean boundary = solve(function, parameters, g, gradientNorm, bound, s, r);
            double stepLength = Math.sqrt(dot(s, s));
            if (stepLength == 0) {
                return;
            }
            if (Double.isInfinite(radius)) {
                radius = stepLength;
            }
            // q(s) = gᵀs + ½sᵀHs, and with r = −g − Hs that is ½(gᵀs − sᵀr).
            double gs = 0;
            double sr = 0;
            for (int j = 0; j < n; j++) {
                gs += g[j] * s[j];
                sr += s[j] * r[j];
            }
            double predicted = 0.5 * (gs - sr);
            for (int j = 0; j < n; j++) {
                trial[j] = (float) (parameters[j] + s[j]);
            }
            double trialCost = function.evaluate(trial, trialGradient);
            double actual = trialCost - cost;
            double ratio = predicted < 0 ? actual / predicted : Double.NaN;
            double noise = COST_NOISE * Math.abs(cost);
            boolean withinNoise = predicted < 0 && -predicted <= noise && actual <= noise
                    && dot(trialGradient, trialGradient) < gradientNorm * gradientNorm;
            if (withinNoise) {
                ratio = 1; // the reduction is lost in rounding; the gradient says the step was good
            }
            if (!Double.isFinite(trialCost) || !(ratio >= POOR)) {
                radius = SHRINK * Math.min(stepLength, radius);
            } else if (ratio > GOOD && boundary) {
                radius = Math.max(radius, GROW * stepLength);
            }
            if (Double.isFinite(trialCost) && ratio > ACCEPT) {
                System.arraycopy(trial, 0, parameters, 0, n);
                return;
            }
        }
        // No acceptable step in maxTrials: the engine's stopping criteria decide what next.
    }

    /**
     * Conjugate gradients on {@code Hs = −g} from {@code s = 0} within {@code ‖s‖ ≤ bound}; leaves the step in
     * {@code s} and the residual {@code −g − Hs} in {@code r}. Returns whether the step ended on the boundary.
     */
    private boolean solve(CostFunction function, float[] theta, float[] g, double gradientNorm, double bound,
                          double[] s, double[] r) {
        int n = g.length;
        double[] p = new double[n];
        float[] direction = new float[n];
        float[] product = new float[n];
        for (int j = 0; j < n; j++) {
            s[j] = 0;
            r[j] = -g[j];
            p[j] = r[j];
        }
        double rr = dot(r, r);
        double tolerance = cgTolerance * gradientNorm;
        double boundSquared = bound * bound;
        for (int iteration = 0; iteration < maxCgIterations; iteration++) {
            if (Math.sqrt(rr) <= tolerance) {
                return false;
            }
            for (int j = 0; j < n; j++) {
                direction[j] = (float) p[j];
            }
            function.hessianTimes(theta, direction, product);
            cgIterations++;
            double pHp = 0;
            for (int j = 0; j < n; j++) {
                pHp += p[j] * product[j];
            }
            double alpha = rr / pHp;
            if (!(pHp > 0) || Double.isFinite(bound) && normSquaredAfter(s, alpha, p) >= boundSquared) {
                if (Double.isInfinite(bound)) {
                    if (iteration == 0) {
                        // No curvature along −g and no ball yet: a step of ‖g‖ along −g, for the ratio test to judge.
                        for (int j = 0; j < n; j++) {
                            s[j] = p[j];
                            r[j] = -g[j] - product[j];
                        }
                    }
                    return false;
                }
                double tau = toBoundary(s, p, boundSquared);
                for (int j = 0; j < n; j++) {
                    s[j] += tau * p[j];
                    r[j] -= tau * product[j];
                }
                return true;
            }
            double next = 0;
            for (int j = 0; j < n; j++) {
                s[j] += alpha * p[j];
                r[j] -= alpha * product[j];
                next += r[j] * r[j];
            }
            double beta = next / rr;
            rr = next;
            for (int j = 0; j < n; j++) {
                p[j] = r[j] + beta * p[j];
            }
        }
        return false;
    }

    /** {@code ‖s + alpha·p‖²}. */
    private static double normSquaredAfter(double[] s, double alpha, double[] p) {
        double sum = 0;
        for (int j = 0; j < s.length; j++) {
            double v = s[j] + alpha * p[j];
            sum += v * v;
        }
        return sum;
    }

    /** The τ ≥ 0 with {@code ‖s + τ·p‖ = bound}, given {@code ‖s‖ < bound}. */
    private static double toBoundary(double[] s, double[] p, double boundSquared) {
        double sp = 0;
        double pp = 0;
        double ss = 0;
        for (int j = 0; j < s.length; j++) {
            sp += s[j] * p[j];
            pp += p[j] * p[j];
            ss += s[j] * s[j];
        }
        double room = Math.max(0, boundSquared - ss);
        double root = Math.sqrt(sp * sp + pp * room);
        // The stable form of (−sp + root)/pp: no cancellation when sp > 0.
        return sp > 0 ? room / (sp + root) : (root - sp) / pp;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (double) a[j] * b[j];
        }
        return sum;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    /** Hessian-vector products (conjugate-gradient iterations) so far. */
    long cgIterations() {
        return cgIterations;
    }

    @Override
    public void reset() {
        super.reset();
        radius = Double.POSITIVE_INFINITY;
        cgIterations = 0;
    }

    @Override
    void copyExtraStateTo(BaseOptimizer copy) {
        Newton other = (Newton) copy;
        other.radius = radius;
        other.cgIterations = cgIterations;
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(name(), steps(), Map.of(), Map.of("radius", radius));
    }

    @Override
    public void restore(OptimizerState state) {
        super.restore(state);
        radius = state.scalar("radius");
    }

    @Override
    BaseOptimizer sameConfiguration() {
        return new Newton(cgTolerance, maxCgIterations, maxTrials);
    }
}
