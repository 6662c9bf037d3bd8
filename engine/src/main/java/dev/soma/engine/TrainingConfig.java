package dev.soma.engine;

import dev.soma.engine.kernels.Kernels;
import dev.soma.plugins.Options;
import java.util.List;

/** An immutable snapshot of a {@link Trainer}'s settings, taken when {@code fit} starts. */
record TrainingConfig(String lossName, Options lossOptions, String optimizerName, Options optimizerOptions,
                      double l2, int maxEpochs, double costTolerance, double gradientTolerance, long seed,
                      boolean standardize, List<TrainingListener> listeners, Kernels kernels) {

    TrainingConfig {
        listeners = List.copyOf(listeners);
    }
}
