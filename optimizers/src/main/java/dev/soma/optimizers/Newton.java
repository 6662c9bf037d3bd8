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
    /** How each step is solved: {@code auto}, {@code cg} or {@code cholesky}. */
    private final String solver;
    /**
     * The Hessian matrix of the last Cholesky step and its Cholesky factor (reused between steps): the matrix in the
     * upper triangle and on the diagonal, the factor's strict lower triangle below it (its diagonal is
     * {@link #factorDiagonal}).
     */
    private double[] matrix;
    /**
     * What the cost's L2 penalty adds to each diagonal entry of {@link #matrix} ({@link CostFunction#l2Penalty}), so
     * that the matrix minus it is the data's part; null when the cost did not say.
     */
    private double[] penalty;
    /** The Cholesky factor's diagonal (its strict lower triangle is in {@link #matrix}). */
    private double[] factorDiagonal;
    /** Whether {@link #matrix} holds a factor that may be reused; the last step's gradient (squared), and whether
     * that step was taken whole. */
    private boolean factorValid;
    private boolean lastStepGood;
    private double lastGradientSquared;
    /**
     * The cost the factor was last used on: a factor restored from another run (or copied) has none, and its first
     * step here is tried whatever the gradient ratio (not state: the cost is the run's).
     */
    private CostFunction factorFunction;
    /**
     * Curvature pairs gathered since the matrix was last built, oldest first: each a step {@code s} and the change
     * of the data's gradient along it ({@code y}, the gradient's change less the L2 penalty's), in the ring
     * {@link #pairSteps}/{@link #pairChanges} of the {@code pairs} option's size ({@link #PAIRS} by default). The
     * Cholesky steps on a reused or carried factor are corrected by them, as BFGS corrects its matrix (see
     * {@link #correctedDirection}).
     */
    private final int maxPairs;
    private final float[][] pairSteps;
    private final float[][] pairChanges;
    private int pairCount;
    private int pairOldest;
    /**
     * Where the last Cholesky step ended and the data's gradient there (the cost's less its L2 penalty's): the next step
     * starting elsewhere — the next fit of a regularisation path, at its extrapolated start — forms the pair between
     * the two points.
     */
    private float[] stepEnd;
    private float[] stepEndDataGradient;
    /** The cost whose L2 penalty was last read ({@link #statedPenalty}) and what it said (null: nothing). */
    private CostFunction penaltyReadFrom;
    private double[] penaltyRead;
    /** Hessian matrices built (one pass each) over all steps so far. */
    private long factorisations;
    /** Carried matrices given a new penalty and factorised again (no pass) over all steps so far. */
    private long penaltyShifts;
    /** The trust region's radius; infinite until the first step has set it. */
    private double radius = Double.POSITIVE_INFINITY;
    /** Conjugate-gradient iterations (Hessian-vector products) over all steps so far. */
    private long cgIterations;

    Newton(double cgTolerance, int maxCgIterations, int maxTrials, boolean precondition) {
        this(cgTolerance, maxCgIterations, maxTrials, precondition, CG);
    }

    Newton(double cgTolerance, int maxCgIterations, int maxTrials, boolean precondition, String solver) {
        this(cgTolerance, maxCgIterations, maxTrials, precondition, solver, PAIRS);
    }

    Newton(double cgTolerance, int maxCgIterations, int maxTrials, boolean precondition, String solver,
           int maxPairs) {
        super("newton", FULL_BATCH, 1.0);
        this.maxPairs = maxPairs;
        this.pairSteps = new float[Math.max(1, maxPairs)][];
        this.pairChanges = new float[Math.max(1, maxPairs)][];
        this.cgTolerance = cgTolerance;
        this.maxCgIterations = maxCgIterations;
        this.maxTrials = maxTrials;
        this.precondition = precondition;
        this.solver = solver;
    }

    /** The solvers: conjugate gradients, the Cholesky factor of the whole matrix, or whichever suits the cost. */
    static final String AUTO = "auto";
    static final String CG = "cg";
    static final String CHOLESKY = "cholesky";

    /**
     * {@code auto} factorises the whole Hessian when the cost offers it and has at most this many parameters. The
     * matrix costs {@code p²/2} multiply-adds per row against {@code 2p} for one conjugate-gradient product, so it
     * pays while a Newton step runs more than about {@code p/4} products' worth of work otherwise — and it buys
     * exact steps, which converge quadratically and make a warm start pay: see benchmarks/README.md.
     */
    static final int AUTO_CHOLESKY_LIMIT = 256;

    /**
     * A factor is reused for the next step when the last step cut the gradient's norm at least this much (4-fold).
     * At 0.5 a factor carried from the previous fit of a path was kept for chord steps that cut the gradient only
     * about 2.4-fold each (the old λ's matrix is off by Δλ in the penalty's directions): 136 steps and 167 passes on
     * the breast-cancer path against 73 and 114 at 0.25 (benchmarks/README.md).
     */
    private static final double REUSE_RATIO = 0.25;

    /**
     * The most curvature pairs a reused factor is corrected by, unless the {@code pairs} option says otherwise. Each
     * costs two dot products and two updates of length p per step (the two loops of L-BFGS around the factor's
     * solve), far less than a pass.
     */
    static final int PAIRS = 8;

    /** The Armijo share of the predicted decrease a Cholesky step's cost must achieve. */
    private static final double ARMIJO = 1e-4;

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
        if (useCholesky(function, n) && choleskyStep(function, parameters, g, cost, factor, false)) {
            return;
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

    /** Whether this step solves by the Cholesky factor of the whole Hessian. */
    private boolean useCholesky(CostFunction function, int n) {
        return switch (solver) {
            case CHOLESKY -> {
                if (!function.hasHessianMatrix()) {
                    throw new IllegalArgumentException("the 'newton' optimizer's solver=cholesky needs the cost's"
                            + " whole Hessian matrix, which dense linear and logistic regression give for at most"
                            + " 1024 parameters; this training's cost has none: use solver=cg (or auto)");
                }
                yield true;
            }
            case AUTO -> n <= AUTO_CHOLESKY_LIMIT && function.hasHessianMatrix();
            default -> false;
        };
    }

    /**
     * One Newton step by the Cholesky factor: {@code s = −H⁻¹g} with H built in one pass, then a backtracking line
     * search from {@code min(1, factor)} (halving, at most {@code maxTrials} evaluations) for Armijo's decrease
     * {@code J(θ + αs) ≤ J(θ) + 10⁻⁴·α·gᵀs} — or, where that decrease is lost in the rounding of a float-summed cost,
     * a cost within that rounding and a smaller gradient. A matrix that is not positive definite (no L2 penalty and
     * collinear features, or all curvature vanished) gets a ridge {@code τ·I}, τ from 10⁻¹⁰ of its mean diagonal up
     * by 100-fold until it factorises: the step is then Levenberg's, still a descent direction, and the line search
     * keeps it safe. Returns false when no step could be formed (the caller falls back to conjugate gradients).
     *
     * <p>The last factor is reused (a chord step: a pass instead of a matrix) after a step that was taken whole and
     * cut the gradient at least {@code 1/REUSE_RATIO}-fold; a factor from another run — restored by
     * {@link #restore}, as the regularisation path hands each fit the previous fit's final state — is tried for the
     * first step whatever the gradient, and the same rule then judges it. When both that run's cost and this one say
     * what their L2 penalty adds to the Hessian's diagonal ({@link CostFunction#l2Penalty}) and the two differ, the
     * carried matrix first gets the new penalty in place of the old one on its diagonal and is factorised again
     * (about {@code p³/3} multiply-adds, no pass): its data part is that of the point where it was built, at or near
     * the previous optimum, so from there the step is the Newton step of the new cost — on a regularisation path the
     * tangent predictor, whose error is of the order of Δλ². A cost that does not say keeps the old factor (a chord
     * step, off by Δλ in the penalised directions). A reused factor whose whole step fails is not searched along:
     * the matrix is built here and a fresh step taken ({@code built} says the factor is already fresh).
     */
    private boolean choleskyStep(CostFunction function, float[] parameters, float[] g, double cost, double factor,
                                 boolean built) {
        int n = parameters.length;
        double gradientSquared = dot(g, g);
        // The last factor is reused while the steps it gave cut the gradient fast (a chord step then converges about
        // as well as a fresh Newton step for a pass instead of a matrix): only after a step that did.
        // A factor from another run (the previous fit of a regularisation path, handed over by restore, or a run
        // resumed from a checkpoint) is tried once whatever the gradient: its last gradient was of another cost.
        // The same rule then judges its step as any reused factor's.
        boolean carried = factorValid && function != factorFunction;
        boolean reuse = !built && (carried
                || factorValid && lastStepGood && gradientSquared <= REUSE_RATIO * REUSE_RATIO * lastGradientSquared);
        factorFunction = function;
        if (!built) {
            // A start away from where the last step ended (the next fit of a path) gives the pair between them.
            pairFromLastStepEnd(function, parameters, g);
        }
        if (carried && !built) {
            shiftPenalty(function, n);
            reuse = factorValid;
        }
        if (!reuse && !built) {
            buildFactor(function, parameters);
            if (!factorValid) {
                return false;
            }
        }
        double[] s = correctedDirection(function, g);
        lastGradientSquared = gradientSquared;
        lastStepGood = false;
        double slope = 0;
        for (int j = 0; j < n; j++) {
            slope += g[j] * s[j];
        }
        if (!(slope < 0)) {
            factorValid = false;
            return false;
        }
        float[] trial = new float[n];
        float[] trialGradient = new float[n];
        double gradientNorm = dot(g, g);
        double noise = COST_NOISE * Math.abs(cost);
        double alpha = Math.min(1, factor);
        for (int attempt = 0; attempt < maxTrials; attempt++, alpha *= 0.5) {
            if (attempt == 1 && reuse) {
                // A reused factor's whole step failed: its matrix is too far from here to be worth a line search
                // (each trial a pass); build the matrix here and take a fresh Newton step instead.
                buildFactor(function, parameters);
                if (!factorValid) {
                    return false;
                }
                return choleskyStep(function, parameters, g, cost, factor, true);
            }
            for (int j = 0; j < n; j++) {
                trial[j] = (float) (parameters[j] + alpha * s[j]);
            }
            double trialCost = function.evaluate(trial, trialGradient);
            if (!Double.isFinite(trialCost)) {
                continue;
            }
            double actual = trialCost - cost;
            boolean armijo = actual <= ARMIJO * alpha * slope;
            boolean withinNoise = actual <= noise && -alpha * slope <= noise
                    && dot(trialGradient, trialGradient) < gradientNorm;
            if (armijo || withinNoise) {
                double[] now = penaltyOrZero(function, n);
                addPair(now, parameters, g, trial, trialGradient);
                stepEnd = trial.clone();
                stepEndDataGradient = new float[n];
                for (int j = 0; j < n; j++) {
                    stepEndDataGradient[j] = (float) (trialGradient[j] - now[j] * trial[j]);
                }
                System.arraycopy(trial, 0, parameters, 0, n);
                lastStepGood = attempt == 0;
                return true;
            }
        }
        return true; // no acceptable step: the engine's stopping criteria decide what next
    }

    /** Builds the Hessian matrix at {@code parameters} (one pass) and factorises it; sets {@link #factorValid}. */
    private void buildFactor(CostFunction function, float[] parameters) {
        int n = parameters.length;
        if (matrix == null || matrix.length != n * n) {
            matrix = new double[n * n];
            factorDiagonal = new double[n];
        }
        function.hessianMatrix(parameters, matrix);
        factorisations++;
        pairCount = 0; // the matrix is exact here: the pairs were corrections of an older one
        penalty = statedPenalty(function, n);
        factorValid = factorise(matrix, n, factorDiagonal);
        lastStepGood = false;
    }

    /**
     * The step {@code −B⁻¹g} where B is the factorised matrix corrected by the curvature pairs as BFGS would correct
     * it (L-BFGS's two loops, with the factor's solve in the place of L-BFGS's scaled identity): a reused factor's
     * matrix was built elsewhere — a step or a fit back — and the pairs tell it how the Hessian has changed along
     * the directions the steps took. Each pair's {@code y} is the data's part plus the current penalty times its
     * step, so pairs gathered under another λ stay right. Without pairs, the plain Newton step on the factor.
     */
    private double[] correctedDirection(CostFunction function, float[] g) {
        int n = g.length;
        double[] q = new double[n];
        for (int j = 0; j < n; j++) {
            q[j] = -g[j];
        }
        if (pairCount == 0) {
            solveFactored(matrix, n, factorDiagonal, q);
            return q;
        }
        double[] now = penaltyOrZero(function, n);
        // The pairs, oldest first, whose curvature is still positive with today's penalty: a pair kept under a
        // larger λ may have lost it (its data part flat), and would make the corrected matrix indefinite.
        float[][] steps = new float[pairCount][];
        double[][] y = new double[pairCount][];
        double[] rho = new double[pairCount];
        int used = 0;
        for (int k = 0; k < pairCount; k++) {
            float[] step = pairSteps[(pairOldest + k) % pairSteps.length];
            double[] change = withPenalty(pairChanges[(pairOldest + k) % pairSteps.length], step, now);
            double sy = curvatureAlong(step, change);
            if (Double.isNaN(sy)) {
                continue;
            }
            steps[used] = step;
            y[used] = change;
            rho[used] = 1 / sy;
            used++;
        }
        double[] alpha = new double[used];
        for (int k = used - 1; k >= 0; k--) {
            float[] step = steps[k];
            double a = 0;
            for (int j = 0; j < n; j++) {
                a += step[j] * q[j];
            }
            alpha[k] = rho[k] * a;
            for (int j = 0; j < n; j++) {
                q[j] -= alpha[k] * y[k][j];
            }
        }
        solveFactored(matrix, n, factorDiagonal, q);
        for (int k = 0; k < used; k++) {
            float[] step = steps[k];
            double b = 0;
            for (int j = 0; j < n; j++) {
                b += y[k][j] * q[j];
            }
            b *= rho[k];
            for (int j = 0; j < n; j++) {
                q[j] += (alpha[k] - b) * step[j];
            }
        }
        return q;
    }

    /**
     * The pair from where the last step ended to {@code parameters}, when they differ: the data's gradient changes
     * by {@code (g − P·θ) − d_end}, {@code P} the diagonal of {@link CostFunction#l2Penalty} and {@code d_end} the
     * data's gradient kept where the step ended (its gradient less the penalty of its own cost), so a new λ between
     * the two points changes nothing.
     */
    private void pairFromLastStepEnd(CostFunction function, float[] parameters, float[] g) {
        if (stepEnd == null || stepEnd.length != parameters.length || !factorValid
                || java.util.Arrays.equals(stepEnd, parameters)) {
            return;
        }
        int n = parameters.length;
        double[] now = penaltyOrZero(function, n);
        float[] step = new float[n];
        float[] change = new float[n];
        for (int j = 0; j < n; j++) {
            step[j] = (float) ((double) parameters[j] - stepEnd[j]);
            change[j] = (float) (((double) g[j] - now[j] * parameters[j]) - stepEndDataGradient[j]);
        }
        keepPair(step, change, now);
        stepEnd = null;
    }

    /**
     * The pair of an accepted step from {@code from} (gradient {@code g}) to {@code to} (gradient {@code gTo}), both
     * of the cost whose penalty is {@code now}.
     */
    private void addPair(double[] now, float[] from, float[] g, float[] to, float[] gTo) {
        int n = from.length;
        float[] step = new float[n];
        float[] change = new float[n];
        for (int j = 0; j < n; j++) {
            double s = (double) to[j] - from[j];
            step[j] = (float) s;
            change[j] = (float) (((double) gTo[j] - g[j]) - now[j] * s);
        }
        keepPair(step, change, now);
    }

    /**
     * Keeps a pair (the oldest goes when the ring is full; none with {@code pairs=0}) if the curvature along it is
     * positive with the penalty {@code now} — BFGS's condition for a correction that stays positive definite; a step
     * lost in rounding is dropped.
     */
    private void keepPair(float[] step, float[] change, double[] now) {
        if (maxPairs == 0 || Double.isNaN(curvatureAlong(step, withPenalty(change, step, now)))) {
            return;
        }
        int slot;
        if (pairCount < maxPairs) {
            slot = (pairOldest + pairCount) % maxPairs;
            pairCount++;
        } else {
            slot = pairOldest;
            pairOldest = (pairOldest + 1) % maxPairs;
        }
        pairSteps[slot] = step;
        pairChanges[slot] = change;
    }

    /** A pair's change of the whole gradient under the penalty {@code now}: its data part plus {@code now·s}. */
    private static double[] withPenalty(float[] change, float[] step, double[] now) {
        double[] y = new double[step.length];
        for (int j = 0; j < step.length; j++) {
            y[j] = change[j] + now[j] * step[j];
        }
        return y;
    }

    /**
     * The curvature {@code sᵀy} along a pair, or NaN when it is not clearly positive — below {@code 10⁻⁸·‖s‖·‖y‖}
     * (BFGS's condition for a correction that stays positive definite, with room for the float rounding of a pair
     * taken where the gradient is small); NaN too for a step lost in rounding.
     */
    private static double curvatureAlong(float[] step, double[] y) {
        double sy = 0;
        double ss = 0;
        double yy = 0;
        for (int j = 0; j < step.length; j++) {
            sy += step[j] * y[j];
            ss += (double) step[j] * step[j];
            yy += y[j] * y[j];
        }
        return sy > 1e-8 * Math.sqrt(ss * yy) ? sy : Double.NaN;
    }

    /** {@link #statedPenalty}, with 0 for a cost that does not say (its pairs then hold the whole change). */
    private double[] penaltyOrZero(CostFunction function, int n) {
        double[] p = statedPenalty(function, n);
        return p != null ? p : new double[n];
    }

    /**
     * {@link #penaltyOf} the cost, read once per cost (a fit's cost is one object for all its steps and trials): the
     * steps ask for it several times.
     */
    private double[] statedPenalty(CostFunction function, int n) {
        if (function != penaltyReadFrom) {
            penaltyRead = penaltyOf(function, n);
            penaltyReadFrom = function;
        }
        return penaltyRead;
    }

    /**
     * What {@code function}'s L2 penalty adds to each diagonal entry of its Hessian, or null when it does not say for
     * some parameter (or says something that is not a finite number ≥ 0).
     */
    private static double[] penaltyOf(CostFunction function, int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double v = function.l2Penalty(i);
            if (!(v >= 0) || !Double.isFinite(v)) {
                return null;
            }
            p[i] = v;
        }
        return p;
    }

    /**
     * Puts {@code function}'s penalty in the place of the carried matrix's on its diagonal and factorises it again,
     * when both are known and they differ; else leaves the matrix and its factor as they are. Sets
     * {@link #factorValid}.
     */
    private void shiftPenalty(CostFunction function, int n) {
        double[] now = statedPenalty(function, n);
        if (penalty == null || now == null || java.util.Arrays.equals(penalty, now)) {
            return;
        }
        for (int i = 0; i < n; i++) {
            matrix[i * n + i] = matrix[i * n + i] - penalty[i] + now[i];
        }
        penalty = now;
        penaltyShifts++;
        factorValid = factorise(matrix, n, factorDiagonal);
    }

    /**
     * The Cholesky factor L of the symmetric {@code a} (row-major n × n; read from its upper triangle, which is
     * kept): L's strict lower triangle goes to {@code a}'s, its diagonal to {@code diagonal}. A matrix that is not
     * positive definite gets a ridge (see {@link #choleskyStep}). Returns false when even a large ridge fails (a
     * matrix with non-finite entries).
     */
    static boolean factorise(double[] a, int n, double[] diagonal) {
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
        }
        if (!Double.isFinite(trace)) {
            return false;
        }
        double scale = trace > 0 ? trace / n : 1;
        double ridge = 0;
        for (int attempt = 0; attempt < 12; attempt++) {
            if (choleskyLower(a, n, ridge, diagonal)) {
                return true;
            }
            ridge = ridge == 0 ? 1e-10 * scale : ridge * 100;
        }
        return false;
    }

    /** One attempt of {@link #factorise} on {@code a + ridge·I}; returns whether it was positive definite. */
    private static boolean choleskyLower(double[] a, int n, double ridge, double[] diagonal) {
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            double sum = a[rowJ + j] + ridge - prefixDot(a, rowJ, rowJ, j);
            if (!(sum > 0) || !Double.isFinite(sum)) {
                return false;
            }
            double ljj = Math.sqrt(sum);
            diagonal[j] = ljj;
            for (int i = j + 1; i < n; i++) {
                int rowI = i * n;
                // The matrix's (i, j), from the upper triangle, less the dot product of L's rows i and j so far.
                a[rowI + j] = (a[rowJ + i] - prefixDot(a, rowI, rowJ, j)) / ljj;
            }
        }
        return true;
    }

    /**
     * {@code Σ_{k<length} a[from1 + k]·a[from2 + k]} in four interleaved partial sums: the factor's (and the
     * solve's) inner loop, whose one running sum would wait on each multiply-add in turn — four chains keep the
     * floating-point unit busy, which made the factorisation the largest optimizer cost of a warm fit on 62
     * parameters no more. The order is fixed, so the result is too.
     */
    static double prefixDot(double[] a, int from1, int from2, int length) {
        return prefixDot(a, from1, a, from2, length);
    }

    /** {@code Σ_{k<length} a[aFrom + k]·b[bFrom + k]}, in the four interleaved sums of {@link #prefixDot}. */
    static double prefixDot(double[] a, int aFrom, double[] b, int bFrom, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            s0 += a[aFrom + k] * b[bFrom + k];
            s1 += a[aFrom + k + 1] * b[bFrom + k + 1];
            s2 += a[aFrom + k + 2] * b[bFrom + k + 2];
            s3 += a[aFrom + k + 3] * b[bFrom + k + 3];
        }
        for (; k < length; k++) {
            s0 += a[aFrom + k] * b[bFrom + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Solves {@code L·Lᵀ·x = b} in place, L from {@link #factorise}: forward by rows of L (dot products,
     * {@link #prefixDot}), backward by rows of L too — each solved entry taken out of the entries before it, a
     * loop over contiguous memory instead of down a column.
     */
    static void solveFactored(double[] a, int n, double[] diagonal, double[] b) {
        for (int i = 0; i < n; i++) {
            b[i] = (b[i] - prefixDot(a, i * n, b, 0, i)) / diagonal[i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double x = b[i] / diagonal[i];
            b[i] = x;
            int row = i * n;
            for (int k = 0; k < i; k++) {
                b[k] -= a[row + k] * x;
            }
        }
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

    /** Hessian matrices built and factorised so far. */
    long factorisations() {
        return factorisations;
    }

    /** Carried matrices given a new L2 penalty and factorised again so far. */
    long penaltyShifts() {
        return penaltyShifts;
    }

    @Override
    public void reset() {
        super.reset();
        radius = Double.POSITIVE_INFINITY;
        cgIterations = 0;
        factorisations = 0;
        penaltyShifts = 0;
        factorValid = false;
        penalty = null;
        lastStepGood = false;
        factorFunction = null;
        pairCount = 0;
        pairOldest = 0;
        stepEnd = null;
        stepEndDataGradient = null;
        penaltyReadFrom = null;
        penaltyRead = null;
    }

    @Override
    void copyExtraStateTo(BaseOptimizer copy) {
        Newton other = (Newton) copy;
        other.radius = radius;
        other.cgIterations = cgIterations;
        other.factorisations = factorisations;
        other.penaltyShifts = penaltyShifts;
        other.penalty = penalty == null ? null : penalty.clone();
        other.factorValid = factorValid;
        other.lastStepGood = lastStepGood;
        other.lastGradientSquared = lastGradientSquared;
        other.factorFunction = factorFunction;
        other.pairCount = pairCount;
        other.pairOldest = pairOldest;
        for (int k = 0; k < pairSteps.length; k++) {
            other.pairSteps[k] = pairSteps[k] == null ? null : pairSteps[k].clone();
            other.pairChanges[k] = pairChanges[k] == null ? null : pairChanges[k].clone();
        }
        other.stepEnd = stepEnd == null ? null : stepEnd.clone();
        other.stepEndDataGradient = stepEndDataGradient == null ? null : stepEndDataGradient.clone();
        if (matrix != null) {
            other.matrix = matrix.clone();
            other.factorDiagonal = factorDiagonal.clone();
        }
    }

    /**
     * Buffer names of the matrix's rows (the factor below the diagonal and on it, the matrix above it), of the
     * matrix's diagonal and of the penalty's: each double split into three floats, {@code hi + mid + lo} exactly.
     */
    private static final String[] ROW_PARTS = {"matrix.hi.", "matrix.mid.", "matrix.lo."};
    /** {@code ROW_NAMES[part][i]} = {@code ROW_PARTS[part] + i}, made once rather than at every snapshot. */
    private static final String[][] ROW_NAMES = new String[3][AUTO_CHOLESKY_LIMIT];

    static {
        for (int part = 0; part < 3; part++) {
            for (int i = 0; i < AUTO_CHOLESKY_LIMIT; i++) {
                ROW_NAMES[part][i] = ROW_PARTS[part] + i;
            }
        }
    }
    private static final String DIAGONAL = "matrix.diagonal.";
    private static final String PAIR_STEP = "pair.step.";
    private static final String PAIR_CHANGE = "pair.change.";
    private static final String STEP_END = "step.end";
    private static final String STEP_END_DATA_GRADIENT = "step.end.dataGradient";
    private static final String PENALTY = "penalty.";
    private static final String[] PARTS = {"hi", "mid", "lo"};

    /**
     * The radius, and — when a valid factor of at most {@link #AUTO_CHOLESKY_LIMIT} parameters is held — the matrix
     * and its Cholesky factor with what the reuse rule needs: row i of L up to its diagonal, then row i of the matrix
     * after it, in three buffers {@code matrix.hi.i}, {@code matrix.mid.i}, {@code matrix.lo.i} whose floats add up
     * to the doubles exactly, so that restore gives back the same bits; the matrix's diagonal in
     * {@code matrix.diagonal.*} and, when the cost said it, its penalty's ({@link CostFunction#l2Penalty}) in
     * {@code penalty.*}, the same way; scalars {@code lastGradientSquared} and {@code lastStepGood}. A regularisation
     * path hands it to the next fit, whose first step puts the new penalty in the matrix and steps from there (see
     * {@link #choleskyStep}).
     */
    @Override
    public OptimizerState state() {
        Map<String, Double> scalars = new java.util.LinkedHashMap<>();
        scalars.put("radius", radius);
        int n = factorDiagonal == null ? 0 : factorDiagonal.length;
        Map<String, float[]> buffers = java.util.LinkedHashMap.newLinkedHashMap(3 * n + 8 + 2 * PAIRS);
        if (factorValid && n > 0 && n <= AUTO_CHOLESKY_LIMIT && splitMatrix(buffers, n)) {
            scalars.put("lastGradientSquared", lastGradientSquared);
            scalars.put("lastStepGood", lastStepGood ? 1.0 : 0.0);
            scalars.put("pairs", (double) pairCount);
            for (int k = 0; k < pairCount; k++) {
                buffers.put(PAIR_STEP + k, pairSteps[(pairOldest + k) % pairSteps.length].clone());
                buffers.put(PAIR_CHANGE + k, pairChanges[(pairOldest + k) % pairSteps.length].clone());
            }
            if (stepEnd != null && stepEnd.length == n) {
                buffers.put(STEP_END, stepEnd.clone());
                buffers.put(STEP_END_DATA_GRADIENT, stepEndDataGradient.clone());
            }
        } else {
            buffers.clear();
        }
        return new OptimizerState(name(), steps(), buffers, scalars);
    }

    /** Writes the matrix, its factor and its penalty as float triples; false if some entry does not split exactly. */
    private boolean splitMatrix(Map<String, float[]> buffers, int n) {
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                row[j] = j < i ? matrix[i * n + j] : j == i ? factorDiagonal[i] : matrix[i * n + j];
            }
            if (!split(buffers, ROW_NAMES[0][i], ROW_NAMES[1][i], ROW_NAMES[2][i], row)) {
                return false;
            }
        }
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = matrix[i * n + i];
        }
        return split(buffers, DIAGONAL + PARTS[0], DIAGONAL + PARTS[1], DIAGONAL + PARTS[2], diagonal)
                && (penalty == null || split(buffers, PENALTY + PARTS[0], PENALTY + PARTS[1], PENALTY + PARTS[2],
                        penalty));
    }

    /** Puts {@code values} as three float buffers that add up to them exactly; false if one does not split. */
    private static boolean split(Map<String, float[]> buffers, String hiName, String midName, String loName,
                                 double[] values) {
        int n = values.length;
        float[] hi = new float[n];
        float[] mid = new float[n];
        float[] lo = new float[n];
        for (int j = 0; j < n; j++) {
            double x = values[j];
            hi[j] = (float) x;
            double rest = x - hi[j];
            mid[j] = (float) rest;
            lo[j] = (float) (rest - mid[j]);
            if (!Float.isFinite(hi[j]) || ((double) hi[j] + mid[j]) + lo[j] != x) {
                return false;
            }
        }
        buffers.put(hiName, hi);
        buffers.put(midName, mid);
        buffers.put(loName, lo);
        return true;
    }

    /** The doubles of three float buffers written by {@link #split}. */
    private static double[] join(OptimizerState state, String prefix, int n) {
        float[] hi = state.buffer(prefix + PARTS[0]);
        float[] mid = state.buffer(prefix + PARTS[1]);
        float[] lo = state.buffer(prefix + PARTS[2]);
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = ((double) hi[j] + mid[j]) + lo[j];
        }
        return x;
    }

    @Override
    public void restore(OptimizerState state) {
        super.restore(state);
        radius = state.scalar("radius");
        int n = parameterCount();
        factorValid = false;
        factorFunction = null;
        penalty = null;
        pairCount = 0;
        pairOldest = 0;
        stepEnd = null;
        stepEndDataGradient = null;
        if (n > AUTO_CHOLESKY_LIMIT || !state.bufferNames().contains(ROW_NAMES[0][0])) {
            return; // no matrix (or a factor in the earlier form, without its matrix: not carried)
        }
        matrix = new double[n * n];
        factorDiagonal = new double[n];
        for (int i = 0; i < n; i++) {
            float[] hi = state.buffer(ROW_NAMES[0][i]);
            float[] mid = state.buffer(ROW_NAMES[1][i]);
            float[] lo = state.buffer(ROW_NAMES[2][i]);
            for (int j = 0; j < n; j++) {
                double x = ((double) hi[j] + mid[j]) + lo[j];
                if (j == i) {
                    factorDiagonal[i] = x;
                } else {
                    matrix[i * n + j] = x;
                }
            }
        }
        double[] diagonal = join(state, DIAGONAL, n);
        for (int i = 0; i < n; i++) {
            matrix[i * n + i] = diagonal[i];
        }
        if (state.bufferNames().contains(PENALTY + PARTS[0])) {
            penalty = join(state, PENALTY, n);
        }
        lastGradientSquared = state.scalar("lastGradientSquared");
        lastStepGood = state.scalar("lastStepGood") != 0;
        int pairs = state.scalars().containsKey("pairs") ? (int) state.scalar("pairs") : 0;
        // The newest, when the state holds more than this optimizer keeps.
        for (int k = pairs - Math.min(pairs, maxPairs); k < pairs; k++) {
            pairSteps[pairCount] = state.buffer(PAIR_STEP + k).clone();
            pairChanges[pairCount] = state.buffer(PAIR_CHANGE + k).clone();
            pairCount++;
        }
        boolean ended = state.bufferNames().contains(STEP_END);
        stepEnd = ended ? state.buffer(STEP_END).clone() : null;
        stepEndDataGradient = ended ? state.buffer(STEP_END_DATA_GRADIENT).clone() : null;
        factorValid = true;
    }

    @Override
    BaseOptimizer sameConfiguration() {
        return new Newton(cgTolerance, maxCgIterations, maxTrials, precondition, solver, maxPairs);
    }
}
