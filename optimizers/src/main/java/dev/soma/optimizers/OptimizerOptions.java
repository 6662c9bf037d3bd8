package dev.soma.optimizers;

import dev.soma.plugins.Option;

/**
 * The options of the built-in optimizers, shared by their providers. Defaults follow PyTorch's where it has the rule.
 */
final class OptimizerOptions {

    private OptimizerOptions() {
    }

    static final Option<Double> GD_RATE = BuiltInOptimizerProvider.learningRate(0.1);
    static final Option<Double> MOMENTUM_RATE = BuiltInOptimizerProvider.learningRate(0.01);
    static final Option<Double> MOMENTUM = Option.fraction("momentum", 0.9, "the velocity's decay μ");
    static final Option<Double> ADAGRAD_RATE = BuiltInOptimizerProvider.learningRate(0.01);
    static final Option<Double> RMSPROP_RATE = BuiltInOptimizerProvider.learningRate(0.01);
    static final Option<Double> RHO = Option.fraction("rho", 0.99, "the decay ρ of the average of squared gradients");
    static final Option<Double> EPSILON = Option.positiveDouble("epsilon", 1e-8, "added to the root mean square");
    static final Option<Double> ADAM_RATE = BuiltInOptimizerProvider.learningRate(0.001);
    static final Option<Double> BETA1 = Option.fraction("beta1", 0.9, "the decay of the first moment");
    static final Option<Double> BETA2 = Option.fraction("beta2", 0.999, "the decay of the second moment");
    static final Option<Double> WEIGHT_DECAY =
            Option.nonNegativeDouble("weightDecay", 0.01, "decoupled weight decay λ: θ ← θ·(1 − ε·λ) each step");
    static final Option<Double> LBFGS_RATE =
            Option.positiveDouble("learningRate", 1.0,
                    "the length of the first step (along −g); later steps try the quasi-Newton step 1");
    static final Option<Integer> HISTORY = Option.positiveInt("history", 10, "how many (s, y) pairs to keep");
    static final Option<Integer> LINE_SEARCH = Option.positiveInt("maxLineSearch", 30, "cost evaluations per step at most");
    static final Option<Double> CG_TOLERANCE = Option.fraction("cgTolerance", 0.1,
            "a Newton step's conjugate gradients stop when the residual is below this times the gradient"
                    + " (both in the preconditioner's norm)");
    static final Option<Integer> MAX_CG = Option.positiveInt("cgIterations", 250,
            "conjugate-gradient iterations (Hessian-vector products, one pass each) per Newton step at most");
    static final Option<Integer> MAX_TRIALS = Option.positiveInt("maxTrials", 20,
            "trust-region steps tried (the radius shrunk after each refusal) per Newton step at most");
    static final Option<Boolean> PRECONDITION = Option.flag("precondition", true,
            "precondition the conjugate gradients with the Hessian's diagonal, where the cost gives it");
    static final Option<String> NEWTON_SOLVER = Option.choice("solver", Newton.CG,
            "how a Newton step is solved: cg (conjugate gradients, one pass per Hessian product), cholesky (the whole"
                    + " Hessian built in one pass and factorised; dense linear models up to 1024 parameters) or auto"
                    + " (cholesky up to " + Newton.AUTO_CHOLESKY_LIMIT + " parameters where the cost offers it, else cg)",
            Newton.AUTO, Newton.CG, Newton.CHOLESKY);
    static final Option<Integer> NEWTON_PAIRS = Option.nonNegativeInt("pairs", Newton.PAIRS,
            "with solver=cholesky, how many curvature pairs (step, change of gradient) of the last steps correct a"
                    + " reused Hessian factor, as BFGS corrects its matrix; 0 for plain chord steps");
    static final Option<Integer> MINIBATCH_SIZE = Option.positiveInt("batchSize", 32, "examples per step, m");
}
