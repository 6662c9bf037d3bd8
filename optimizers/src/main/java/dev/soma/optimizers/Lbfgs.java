package dev.soma.optimizers;

import dev.soma.plugins.CostFunction;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.StepContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * L-BFGS (Nocedal, 1980): a full-batch quasi-Newton method. It keeps the last {@code history} pairs
 * {@code s = θ_{k+1} − θ_k}, {@code y = g_{k+1} − g_k}, turns the gradient into a search direction with the
 * two-loop recursion (an implicit inverse-Hessian product), and finds the step length with a backtracking line
 * search on the Armijo condition {@code J(θ + t·d) ≤ J(θ) + c1·t·gᵀd}, halving t, or cutting it by quadratic
 * interpolation when that is smaller. Every cost evaluation is one pass of the engine's fused SIMD kernels; every
 * vector operation of the recursion goes through {@code VectorOps}.
 *
 * <p>A pair is kept only when {@code sᵀy > 0} (curvature), which keeps the implicit Hessian positive definite.
 * When the direction is not a descent direction, or the line search fails, the history is cleared and the step
 * falls back to steepest descent.
 */
final class Lbfgs extends BaseOptimizer {

    private static final double C1 = 1e-4;
    /** The relative rounding of a cost summed from float terms, below which two costs cannot be told apart. */
    private static final double COST_NOISE = 1e-7;
    private static final double WOLFE_DELTA = 0.1;
    private static final double WOLFE_SIGMA = 0.9;

    private final int history;
    private final int maxLineSearch;
    private int stored;
    private int newest = -1;

    Lbfgs(double learningRate, int history, int maxLineSearch) {
        super("lbfgs", FULL_BATCH, learningRate);
        this.history = history;
        this.maxLineSearch = maxLineSearch;
    }

    @Override
    String[] bufferNames() {
        String[] names = new String[2 * history];
        for (int i = 0; i < history; i++) {
            names[2 * i] = "s" + i;
            names[2 * i + 1] = "y" + i;
        }
        return names;
    }

    @Override
    void update(float[] parameters, float[] gradient, float rate, long t, StepContext context) {
        int n = parameters.length;
        double cost = context.cost();
        CostFunction function = context.costFunction();
        float[] g = gradient.clone();
        if (Double.isNaN(cost)) {
            cost = function.evaluate(parameters, g);
        }
        float[] direction = direction(g);
        double slope = ops().dot(g, direction);
        if (!(slope < 0)) {
            clearHistory();
            direction = negated(g);
            slope = ops().dot(g, direction);
        }
        if (slope == 0) {
            return; // the gradient is exactly zero: nothing to do
        }
        // Without curvature information (the first step, or after a reset) the direction is −g: the learning rate
        // sets the first trial step's length. With it, the quasi-Newton direction already has the right scale, so
        // the line search tries the full step 1 (times a schedule's factor) — whatever the learning rate, which is
        // what the option documents: the first step only.
        double step = stored == 0 ? rate / Math.sqrt(ops().dot(g, g)) : (float) context.learningRateFactor();

        float[] trial = new float[n];
        float[] trialGradient = new float[n];
        for (int attempt = 0; attempt < maxLineSearch; attempt++) {
            System.arraycopy(parameters, 0, trial, 0, n);
            ops().axpy((float) step, direction, 0, trial, 0, n);
            double trialCost = function.evaluate(trial, trialGradient);
            if (acceptable(cost, slope, step, trialCost, ops().dot(trialGradient, direction))) {
                remember(parameters, trial, g, trialGradient);
                System.arraycopy(trial, 0, parameters, 0, n);
                return;
            }
            step = nextStep(step, cost, slope, trialCost);
        }
        // No acceptable step: start the curvature history afresh; the engine's stopping criteria decide what next.
        clearHistory();
    }

    /**
     * Armijo's sufficient decrease; or, where the decrease is lost in the rounding of a float cost, Hager and
     * Zhang's approximate Wolfe conditions: the cost did not rise beyond its noise and the slope along the
     * direction has flattened, {@code σ·φ'(0) ≤ φ'(t) ≤ (2δ − 1)·φ'(0)}. Near the optimum the cost differences
     * fall below float resolution long before the gradient does, and without this the search stalls there.
     */
    private static boolean acceptable(double cost, double slope, double step, double trialCost, double trialSlope) {
        if (!Double.isFinite(trialCost)) {
            return false;
        }
        if (trialCost <= cost + C1 * step * slope) {
            return true;
        }
        boolean withinNoise = trialCost <= cost + COST_NOISE * Math.abs(cost);
        return withinNoise && trialSlope >= WOLFE_SIGMA * slope && trialSlope <= (2 * WOLFE_DELTA - 1) * slope;
    }

    /** Backtracking: the minimiser of the quadratic through J(0), J'(0) and J(t), kept within [t/10, t/2]. */
    private static double nextStep(double step, double cost, double slope, double trialCost) {
        if (!Double.isFinite(trialCost)) {
            return step / 10;
        }
        double quadratic = -slope * step * step / (2 * (trialCost - cost - slope * step));
        return Math.max(step / 10, Math.min(step / 2, quadratic));
    }

    /** The two-loop recursion: {@code d = −H·g} from the stored pairs, newest first. */
    private float[] direction(float[] g) {
        int n = g.length;
        float[] q = g.clone();
        double[] alpha = new double[history];
        double[] rho = new double[history];
        for (int k = 0; k < stored; k++) {
            int i = index(k);
            float[] s = buffer("s" + i);
            float[] y = buffer("y" + i);
            rho[i] = 1 / (double) ops().dot(y, s);
            alpha[i] = rho[i] * ops().dot(s, q);
            ops().axpy((float) -alpha[i], y, q);
        }
        if (stored > 0) {
            int i = index(0);
            float[] s = buffer("s" + i);
            float[] y = buffer("y" + i);
            ops().scale((float) (ops().dot(s, y) / (double) ops().dot(y, y)), q, 0, n); // H0 = sᵀy / yᵀy · I
        }
        for (int k = stored - 1; k >= 0; k--) {
            int i = index(k);
            float[] s = buffer("s" + i);
            float[] y = buffer("y" + i);
            double beta = rho[i] * ops().dot(y, q);
            ops().axpy((float) (alpha[i] - beta), s, q);
        }
        ops().scale(-1f, q, 0, n);
        return q;
    }

    /** Stores the pair of the accepted step if it has positive curvature. */
    private void remember(float[] from, float[] to, float[] gFrom, float[] gTo) {
        int n = from.length;
        float[] s = to.clone();
        ops().axpy(-1f, from, s);
        float[] y = gTo.clone();
        ops().axpy(-1f, gFrom, y);
        double curvature = ops().dot(s, y);
        if (!(curvature > 1e-20 * Math.sqrt((double) ops().dot(s, s) * ops().dot(y, y)))) {
            return;
        }
        newest = (newest + 1) % history;
        System.arraycopy(s, 0, buffer("s" + newest), 0, n);
        System.arraycopy(y, 0, buffer("y" + newest), 0, n);
        stored = Math.min(stored + 1, history);
    }

    /** The buffer slot of the k-th newest pair. */
    private int index(int k) {
        return Math.floorMod(newest - k, history);
    }

    private void clearHistory() {
        stored = 0;
        newest = -1;
    }

    private float[] negated(float[] g) {
        float[] d = g.clone();
        ops().scale(-1f, d, 0, d.length);
        return d;
    }

    @Override
    public void reset() {
        super.reset();
        clearHistory();
    }

    @Override
    void copyExtraStateTo(BaseOptimizer copy) {
        Lbfgs other = (Lbfgs) copy;
        other.stored = stored;
        other.newest = newest;
    }

    @Override
    public OptimizerState state() {
        OptimizerState base = super.state();
        Map<String, float[]> buffers = new LinkedHashMap<>();
        for (String b : base.bufferNames()) {
            buffers.put(b, base.buffer(b));
        }
        return new OptimizerState(name(), steps(), buffers, Map.of("stored", (double) stored, "newest", (double) newest));
    }

    @Override
    public void restore(OptimizerState state) {
        super.restore(state);
        stored = (int) state.scalar("stored");
        newest = (int) state.scalar("newest");
    }

    @Override
    BaseOptimizer sameConfiguration() {
        return new Lbfgs(learningRate(), history, maxLineSearch);
    }
}
