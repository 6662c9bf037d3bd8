package dev.soma.optimizers;

import dev.soma.plugins.Option;
import dev.soma.plugins.Optimizer;
import java.util.List;

/**
 * The built-in optimizer providers, one small class each so that {@link java.util.ServiceLoader} can list them.
 * Defaults follow PyTorch's where it has the rule.
 */
public final class Providers {

    private Providers() {
    }

    static final Option<Double> GD_RATE = ProviderBase.learningRate(0.1);
    static final Option<Double> MOMENTUM_RATE = ProviderBase.learningRate(0.01);
    static final Option<Double> MOMENTUM = Option.fraction("momentum", 0.9, "the velocity's decay μ");
    static final Option<Double> ADAGRAD_RATE = ProviderBase.learningRate(0.01);
    static final Option<Double> RMSPROP_RATE = ProviderBase.learningRate(0.01);
    static final Option<Double> RHO = Option.fraction("rho", 0.99, "the decay ρ of the average of squared gradients");
    static final Option<Double> EPSILON = Option.positiveDouble("epsilon", 1e-8, "added to the root mean square");
    static final Option<Double> ADAM_RATE = ProviderBase.learningRate(0.001);
    static final Option<Double> BETA1 = Option.fraction("beta1", 0.9, "the decay of the first moment");
    static final Option<Double> BETA2 = Option.fraction("beta2", 0.999, "the decay of the second moment");
    static final Option<Double> WEIGHT_DECAY =
            Option.nonNegativeDouble("weightDecay", 0.01, "decoupled weight decay λ: θ ← θ·(1 − ε·λ) each step");
    static final Option<Double> LBFGS_RATE =
            Option.positiveDouble("learningRate", 1.0, "the first step length the line search tries");
    static final Option<Integer> HISTORY = Option.positiveInt("history", 10, "how many (s, y) pairs to keep");
    static final Option<Integer> LINE_SEARCH = Option.positiveInt("maxLineSearch", 30, "cost evaluations per step at most");
    static final Option<Integer> MINIBATCH_SIZE = Option.positiveInt("batchSize", 32, "examples per step, m");

    /** {@code "sgd"}: stochastic gradient descent, one example per step (m = 1). */
    public static final class Sgd extends ProviderBase {
        public Sgd() {
            super("sgd", "stochastic gradient descent: one example per step (m = 1)", List.of(GD_RATE),
                    o -> new GradientDescent("sgd", 1, o.get(GD_RATE)));
        }
    }

    /** {@code "minibatch"}: minibatch gradient descent, {@code batchSize} examples per step. */
    public static final class Minibatch extends ProviderBase {
        public Minibatch() {
            super("minibatch", "minibatch gradient descent: batchSize examples per step (m = k)",
                    List.of(GD_RATE, MINIBATCH_SIZE),
                    o -> new GradientDescent("minibatch", o.get(MINIBATCH_SIZE), o.get(GD_RATE)));
        }
    }

    /** {@code "batch"}: full-batch gradient descent, every example in every step (m = N). */
    public static final class Batch extends ProviderBase {
        public Batch() {
            super("batch", "batch gradient descent: every example in every step (m = N)", List.of(GD_RATE),
                    o -> new GradientDescent("batch", Optimizer.FULL_BATCH, o.get(GD_RATE)));
        }
    }

    /** {@code "momentum"}: gradient descent with momentum. */
    public static final class MomentumProvider extends ProviderBase {
        public MomentumProvider() {
            super("momentum", "gradient descent with momentum: v ← μ·v + g, θ ← θ − ε·v",
                    List.of(MOMENTUM_RATE, MOMENTUM, ProviderBase.BATCH_SIZE),
                    o -> new Momentum("momentum", batchSize(o), o.get(MOMENTUM_RATE), o.get(MOMENTUM), false));
        }
    }

    /** {@code "nesterov"}: Nesterov momentum. */
    public static final class NesterovProvider extends ProviderBase {
        public NesterovProvider() {
            super("nesterov", "Nesterov momentum: v ← μ·v + g, θ ← θ − ε·(g + μ·v)",
                    List.of(MOMENTUM_RATE, MOMENTUM, ProviderBase.BATCH_SIZE),
                    o -> new Momentum("nesterov", batchSize(o), o.get(MOMENTUM_RATE), o.get(MOMENTUM), true));
        }
    }

    /** {@code "adagrad"}. */
    public static final class AdagradProvider extends ProviderBase {
        public AdagradProvider() {
            super("adagrad", "AdaGrad: steps divided by the root of the summed squared gradients",
                    List.of(ADAGRAD_RATE, EPSILON, ProviderBase.BATCH_SIZE),
                    o -> AdaptiveRate.adagrad(batchSize(o), o.get(ADAGRAD_RATE), o.get(EPSILON)));
        }
    }

    /** {@code "rmsprop"}. */
    public static final class RmspropProvider extends ProviderBase {
        public RmspropProvider() {
            super("rmsprop", "RMSProp: steps divided by the root of a moving average of squared gradients",
                    List.of(RMSPROP_RATE, RHO, EPSILON, ProviderBase.BATCH_SIZE),
                    o -> AdaptiveRate.rmsprop(batchSize(o), o.get(RMSPROP_RATE), o.get(RHO), o.get(EPSILON)));
        }
    }

    /** {@code "adam"}. */
    public static final class AdamProvider extends ProviderBase {
        public AdamProvider() {
            super("adam", "Adam: bias-corrected moving averages of the gradient and its square",
                    List.of(ADAM_RATE, BETA1, BETA2, EPSILON, ProviderBase.BATCH_SIZE),
                    o -> new Adam("adam", batchSize(o), o.get(ADAM_RATE), o.get(BETA1), o.get(BETA2), o.get(EPSILON), 0));
        }
    }

    /** {@code "adamw"}. */
    public static final class AdamWProvider extends ProviderBase {
        public AdamWProvider() {
            super("adamw", "AdamW: Adam with decoupled weight decay (on every parameter, bias included)",
                    List.of(ADAM_RATE, BETA1, BETA2, EPSILON, WEIGHT_DECAY, ProviderBase.BATCH_SIZE),
                    o -> new Adam("adamw", batchSize(o), o.get(ADAM_RATE), o.get(BETA1), o.get(BETA2), o.get(EPSILON),
                            o.get(WEIGHT_DECAY)));
        }
    }

    /** {@code "lbfgs"}. */
    public static final class LbfgsProvider extends ProviderBase {
        public LbfgsProvider() {
            super("lbfgs", "L-BFGS: full-batch quasi-Newton with a backtracking line search",
                    List.of(LBFGS_RATE, HISTORY, LINE_SEARCH),
                    o -> new Lbfgs(o.get(LBFGS_RATE), o.get(HISTORY), o.get(LINE_SEARCH)));
        }
    }
}
