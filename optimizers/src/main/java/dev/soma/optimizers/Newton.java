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
 * {@code ‖s‖_M ≤ Δ}: preconditioned conjugate gradients from {@code s = 0}, with {@code M} the Hessian's diagonal
 * when the cost gives it ({@link CostFunction#hessianDiagonal}, one more pass a step; else the identity), stopped when
 * the residual {@code r = −g − Hs} has {@code rᵀM⁻¹r ≤ cgTolerance²·gᵀM⁻¹g}, or when an iterate would leave the ball
 * (the step then ends on its boundary, along the last direction — Steihaug's rule), or at {@code cgIterations}.
 * Each Hessian-vector product is one pass over the data; H is never formed. The step is taken when the cost's actual
 * reduction is a fair share of the one the model predicts, {@code ρ = (J(θ + s) − J(θ)) / q(s) > 10⁻⁴}; the radius
 * shrinks when ρ is small and grows when the model was good and the step reached the boundary. A refused step is
 * solved again from the same point in the smaller ball, up to {@code maxTrials} times in one step. The first step's
 * ball is unbounded: its length, the first Newton step's, sets the radius, so the method needs no scale from the
 * user. On the text-like 300,000 × 100,000 set the diagonal preconditioner took the passes to the optimum from 65
 * to 40 (benchmarks/README.md).
 *
 * <p>Near the optimum the cost's reduction falls below the rounding of a cost summed from float terms while the
 * gradient is still well above a tight tolerance; there a step whose cost stays within that rounding and whose
 * gradient shrinks (in the M⁻¹-norm the conjugate gradients measure it by) is taken, as Newton steps in their region
 * of fast convergence are.
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
    private final boolean precondition;
    /** The trust region's radius; infinite until the first step has set it. */
    private double radius = Double.POSITIVE_INFINITY;
    /** Conjugate-gradient iterations (Hessian-vector products) over all steps so far. */
    private long cgIterations;

    Newton(double cgTolerance, int maxCgIterations, int maxTrials, boolean precondition) {
        super("newton", FULL_BATCH, 1.0);
        this.cgTolerance = cgTolerance;
        this.maxCgIterations = maxCgIterations;
        this.maxTrials = maxTrials;
        this.precondition = precondition;
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
        double[] m = null;
        for (int attempt = 0; attempt < maxTrials; attempt++) {
            double bound = radius * Math.min(1, factor);
            if (m == null) {
                m = preconditioner(function, parameters);
            }
            boolean boundary = solve(function, parameters, g, m, bound, s, r);
            double stepLength = 0;
            for (int j = 0; j < n; j++) {
                stepLength += m[j] * s[j] * s[j];
            }
            stepLength = Math.sqrt(stepLength);
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
                    && scaledNorm(trialGradient, m) < scaledNorm(g, m);
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
     * Conjugate gradients on {@code Hs = −g} from {@code s = 0} within {@code ‖s‖_M ≤ bound}, preconditioned by the
     * diagonal {@code M} (all ones without one); leaves the step in {@code s} and the residual {@code −g − Hs} in
     * {@code r}. Returns whether the step ended on the boundary.
     */
    private boolean solve(CostFunction function, float[] theta, float[] g, double[] m, double bound, double[] s,
                          double[] r) {
        int n = g.length;
        double[] p = new double[n];
        double[] z = new double[n];
        float[] direction = new float[n];
        float[] product = new float[n];
        for (int j = 0; j < n; j++) {
            s[j] = 0;
            r[j] = -g[j];
            z[j] = r[j] / m[j];
            p[j] = z[j];
        }
        double rz = dot(r, z);
        // A constant forcing term: each step cuts the gradient about 1/cgTolerance-fold. One that tightens as the
        // gradient falls (superlinear steps) took 50 passes instead of 40 on the text-like set, overshooting the
        // tolerance it cannot see, and 52 instead of 61 on heart_scale.
        double tolerance = cgTolerance * Math.sqrt(rz);
        double boundSquared = bound * bound;
        for (int iteration = 0; iteration < maxCgIterations; iteration++) {
            if (Math.sqrt(rz) <= tolerance) {
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
            double alpha = rz / pHp;
            if (!(pHp > 0) || Double.isFinite(bound) && normSquaredAfter(s, alpha, p, m) >= boundSquared) {
                if (Double.isInfinite(bound)) {
                    if (iteration == 0) {
                        // No curvature along the first direction and no ball yet: that direction, for the ratio
                        // test to judge.
                        for (int j = 0; j < n; j++) {
                            s[j] = p[j];
                            r[j] = -g[j] - product[j];
                        }
                    }
                    return false;
                }
                double tau = toBoundary(s, p, m, boundSquared);
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
                z[j] = r[j] / m[j];
                next += r[j] * z[j];
            }
            double beta = next / rz;
            rz = next;
            for (int j = 0; j < n; j++) {
                p[j] = z[j] + beta * p[j];
            }
        }
        return false;
    }

    /** {@code ‖s + alpha·p‖²_M}. */
    private static double normSquaredAfter(double[] s, double alpha, double[] p, double[] m) {
        double sum = 0;
        for (int j = 0; j < s.length; j++) {
            double v = s[j] + alpha * p[j];
            sum += m[j] * v * v;
        }
        return sum;
    }

    /** The τ ≥ 0 with {@code ‖s + τ·p‖_M = bound}, given {@code ‖s‖_M < bound}. */
    private static double toBoundary(double[] s, double[] p, double[] m, double boundSquared) {
        double sp = 0;
        double pp = 0;
        double ss = 0;
        for (int j = 0; j < s.length; j++) {
            sp += m[j] * s[j] * p[j];
            pp += m[j] * p[j] * p[j];
            ss += m[j] * s[j] * s[j];
        }
        double room = Math.max(0, boundSquared - ss);
        double root = Math.sqrt(sp * sp + pp * room);
        // The stable form of (−sp + root)/pp: no cancellation when sp > 0.
        return sp > 0 ? room / (sp + root) : (root - sp) / pp;
    }

    /**
     * The preconditioner: the Hessian's diagonal where the cost gives it (an entry that is not positive, such as an
     * unused feature's without a penalty, takes the mean of the positive ones), else ones.
     */
    private double[] preconditioner(CostFunction function, float[] theta) {
        int n = theta.length;
        double[] m = new double[n];
        float[] diagonal = new float[n];
        if (!precondition || !function.hessianDiagonal(theta, diagonal)) {
            java.util.Arrays.fill(m, 1);
            return m;
        }
        double sum = 0;
        int positive = 0;
        for (float v : diagonal) {
            if (v > 0 && Float.isFinite(v)) {
                sum += v;
                positive++;
            }
        }
        double fill = positive > 0 ? sum / positive : 1;
        for (int j = 0; j < n; j++) {
            m[j] = diagonal[j] > 0 && Float.isFinite(diagonal[j]) ? diagonal[j] : fill;
        }
        return m;
    }

    /** {@code vᵀM⁻¹v}. */
    private static double scaledNorm(float[] v, double[] m) {
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            sum += (double) v[j] * v[j] / m[j];
        }
        return sum;
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
        return new Newton(cgTolerance, maxCgIterations, maxTrials, precondition);
    }
}
