package dev.soma.losses;

import dev.soma.plugins.BasicProvider;
import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Option;
import dev.soma.plugins.Options;
import java.util.List;
import java.util.function.Function;

/** The built-in loss providers, one small class each so that {@link java.util.ServiceLoader} can list them. */
public final class Providers {

    private Providers() {
    }

    static final Option<Double> HUBER_DELTA =
            Option.positiveDouble("delta", 1.0, "where the loss turns from quadratic to linear");

    /** The built-in losses' base: a {@link BasicProvider} of losses. */
    abstract static class Base extends BasicProvider<Loss> implements LossProvider {
        Base(String name, String description, List<Option<?>> options, Function<Options, Loss> factory) {
            super(name, description, options, factory);
        }
    }

    /** {@code "log"}: binary cross-entropy from the logit, for logistic regression. */
    public static final class LogLossProvider extends Base {
        public LogLossProvider() {
            super(LogLoss.NAME, "binary cross-entropy of sigmoid(score) against labels 0/1, computed stably from the logit",
                    List.of(), o -> new LogLoss());
        }
    }

    /** {@code "mse"}: squared error, for linear regression. */
    public static final class SquaredErrorProvider extends Base {
        public SquaredErrorProvider() {
            super(SquaredError.NAME, "squared error (score - label)^2, for linear regression", List.of(),
                    o -> new SquaredError());
        }
    }

    /** {@code "hinge"}: the linear SVM's loss. */
    public static final class HingeProvider extends Base {
        public HingeProvider() {
            super(Hinge.NAME, "hinge loss max(0, 1 - t*score) with t = 2*label - 1, a linear SVM", List.of(),
                    o -> new Hinge());
        }
    }

    /** {@code "huber"}: robust regression. */
    public static final class HuberProvider extends Base {
        public HuberProvider() {
            super(Huber.NAME, "Huber loss: squared error within delta of the label, linear beyond", List.of(HUBER_DELTA),
                    o -> new Huber(o.get(HUBER_DELTA)));
        }
    }
}
