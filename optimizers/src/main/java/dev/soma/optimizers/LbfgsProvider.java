package dev.soma.optimizers;

import java.util.List;

/** {@code "lbfgs"}. */
public final class LbfgsProvider extends BuiltInOptimizerProvider {
    public LbfgsProvider() {
        super("lbfgs", "L-BFGS: full-batch quasi-Newton with a backtracking line search",
                List.of(OptimizerOptions.LBFGS_RATE, OptimizerOptions.HISTORY, OptimizerOptions.LINE_SEARCH),
                o -> new Lbfgs(o.get(OptimizerOptions.LBFGS_RATE), o.get(OptimizerOptions.HISTORY), o.get(OptimizerOptions.LINE_SEARCH)));
    }
}
