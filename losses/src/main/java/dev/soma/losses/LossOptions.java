package dev.soma.losses;

import dev.soma.plugins.Option;

/** The options of the built-in losses, shared by their providers. */
final class LossOptions {

    private LossOptions() {
    }

    static final Option<Double> HUBER_DELTA =
            Option.positiveDouble("delta", 1.0, "where the loss turns from quadratic to linear");
}
