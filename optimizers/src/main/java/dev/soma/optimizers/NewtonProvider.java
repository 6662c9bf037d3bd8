package dev.soma.optimizers;

import java.util.List;

/** {@code "newton"}. */
public final class NewtonProvider extends BuiltInOptimizerProvider {
    public NewtonProvider() {
        super("newton", "trust-region Newton with conjugate gradients: full batch, for linear and logistic regression"
                        + " (log loss or squared error, no L1)",
                List.of(OptimizerOptions.CG_TOLERANCE, OptimizerOptions.MAX_CG, OptimizerOptions.MAX_TRIALS,
                        OptimizerOptions.PRECONDITION, OptimizerOptions.NEWTON_SOLVER,
                        OptimizerOptions.NEWTON_PAIRS),
                o -> new Newton(o.get(OptimizerOptions.CG_TOLERANCE), o.get(OptimizerOptions.MAX_CG),
                        o.get(OptimizerOptions.MAX_TRIALS), o.get(OptimizerOptions.PRECONDITION),
                        o.get(OptimizerOptions.NEWTON_SOLVER), o.get(OptimizerOptions.NEWTON_PAIRS)));
    }
}
