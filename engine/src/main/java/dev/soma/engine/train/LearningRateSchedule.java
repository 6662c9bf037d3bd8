package dev.soma.engine.train;


/**
 * How the learning rate changes during training, as a factor on the optimizer's own learning rate. The same
 * schedule works with every optimizer: the engine passes the factor to each step.
 *
 * <ul>
 *   <li>{@link #constant()}: 1.</li>
 *   <li>{@link #stepDecay(int, double)}: {@code γ^⌊(epoch−1)/every⌋}.</li>
 *   <li>{@link #exponential(double)}: {@code γ^(epoch−1)}.</li>
 *   <li>{@link #inverseTime(double)}: scikit-learn's {@code invscaling}, {@code 1/t^power} with t the 1-based step.</li>
 *   <li>{@link #cosine(int, double)}: from 1 down to {@code minFactor} along half a cosine over {@code epochs}.</li>
 *   <li>{@link #reduceOnPlateau(double, int, double, double)}: multiply by {@code factor} when the monitored cost
 *       has not improved by {@code threshold} for {@code patience} epochs, not below {@code minFactor}.</li>
 * </ul>
 *
 * A schedule is an immutable description; {@link #start()} makes the tracker of one training run.
 */
public sealed interface LearningRateSchedule {

    /** The per-run state of a schedule. */
    interface Tracker {
        /** The factor for a step of {@code epoch} (1-based), {@code step} (1-based, counted over the run). */
        double factor(int epoch, long step);

        /** Told the monitored cost at the end of each epoch. */
        default void endEpoch(double cost) {
        }

        /** The state to checkpoint (empty for stateless schedules). */
        default double[] state() {
            return new double[0];
        }

        /** Restores {@link #state()}. */
        default void restore(double[] state) {
        }
    }

    Tracker start();

    static LearningRateSchedule constant() {
        return new Stateless("constant", (epoch, step) -> 1);
    }

    static LearningRateSchedule stepDecay(int everyEpochs, double gamma) {
        requirePositive(everyEpochs, "everyEpochs");
        requireFactor(gamma, "gamma");
        return new Stateless("step(every " + everyEpochs + ", γ " + gamma + ")",
                (epoch, step) -> Math.pow(gamma, (epoch - 1) / everyEpochs));
    }

    static LearningRateSchedule exponential(double gamma) {
        requireFactor(gamma, "gamma");
        return new Stateless("exponential(γ " + gamma + ")", (epoch, step) -> Math.pow(gamma, epoch - 1));
    }

    static LearningRateSchedule inverseTime(double power) {
        if (!(power >= 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("power must be a finite number >= 0, but was " + power);
        }
        return new Stateless("inverse-time(power " + power + ")", (epoch, step) -> 1 / Math.pow(step, power));
    }

    static LearningRateSchedule cosine(int epochs, double minFactor) {
        requirePositive(epochs, "epochs");
        requireFactor(minFactor, "minFactor");
        return new Stateless("cosine(" + epochs + " epochs, min " + minFactor + ")", (epoch, step) -> {
            double progress = Math.min(1, (epoch - 1) / (double) epochs);
            return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        });
    }

    static LearningRateSchedule reduceOnPlateau(double factor, int patience, double threshold, double minFactor) {
        requireFactor(factor, "factor");
        requirePositive(patience, "patience");
        requireFactor(minFactor, "minFactor");
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("threshold must be >= 0, but was " + threshold);
        }
        return new Plateau(factor, patience, threshold, minFactor);
    }

    /** A schedule that is a function of the epoch and step alone. */
    record Stateless(String description, Factor function) implements LearningRateSchedule {
        @Override
        public Tracker start() {
            return function::at;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** The factor of a stateless schedule. */
    @FunctionalInterface
    interface Factor {
        double at(int epoch, long step);
    }

    /** Reduce-on-plateau, as PyTorch's {@code ReduceLROnPlateau} in "min" mode with an absolute threshold. */
    record Plateau(double factor, int patience, double threshold, double minFactor) implements LearningRateSchedule {
        @Override
        public Tracker start() {
            return new Tracker() {
                private double current = 1;
                private double best = Double.POSITIVE_INFINITY;
                private int badEpochs;

                @Override
                public double factor(int epoch, long step) {
                    return current;
                }

                @Override
                public void endEpoch(double cost) {
                    if (cost < best - threshold) {
                        best = cost;
                        badEpochs = 0;
                    } else if (++badEpochs >= patience) {
                        current = Math.max(minFactor, current * factor);
                        badEpochs = 0;
                    }
                }

                @Override
                public double[] state() {
                    return new double[] {current, best, badEpochs};
                }

                @Override
                public void restore(double[] state) {
                    current = state[0];
                    best = state[1];
                    badEpochs = (int) state[2];
                }
            };
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
        }
    }

    private static void requireFactor(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, but was " + value);
        }
    }
}
