package dev.soma.engine.train.internal;

import dev.soma.engine.train.LearningRateSchedule;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingCheckpoint;
import dev.soma.engine.train.TrainingListener;

import dev.soma.engine.kernels.Kernels;
import dev.soma.plugins.Options;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** An immutable snapshot of a {@link Trainer}'s settings, taken when {@code fit} starts. */
public record TrainingConfig(String lossName, Options lossOptions, String optimizerName, Options optimizerOptions,
                      Penalty penalty, LearningRateSchedule schedule, int maxEpochs, double costTolerance,
                      int patience, double gradientTolerance, double validationFraction, Duration maxTime, long seed,
                      boolean standardize, List<TrainingListener> listeners,
                      Consumer<TrainingCheckpoint> checkpoints, TrainingCheckpoint resumeFrom, Kernels kernels,
                      double clipGradientNorm, java.util.function.BooleanSupplier cancelled, boolean shuffle,
                      dev.soma.plugins.OptimizerState initialOptimizerState,
                      Consumer<dev.soma.plugins.OptimizerState> finalOptimizerState) {

    public TrainingConfig {
        listeners = List.copyOf(listeners);
    }

    /** A configuration that shuffles the rows every epoch (the default). */
    public TrainingConfig(String lossName, Options lossOptions, String optimizerName, Options optimizerOptions,
                          Penalty penalty, LearningRateSchedule schedule, int maxEpochs, double costTolerance,
                          int patience, double gradientTolerance, double validationFraction, Duration maxTime,
                          long seed, boolean standardize, List<TrainingListener> listeners,
                          Consumer<TrainingCheckpoint> checkpoints, TrainingCheckpoint resumeFrom, Kernels kernels,
                          double clipGradientNorm, java.util.function.BooleanSupplier cancelled) {
        this(lossName, lossOptions, optimizerName, optimizerOptions, penalty, schedule, maxEpochs, costTolerance,
                patience, gradientTolerance, validationFraction, maxTime, seed, standardize, listeners, checkpoints,
                resumeFrom, kernels, clipGradientNorm, cancelled, true, null, null);
    }

    /** These settings with another penalty (the points of a regularisation path differ in nothing else). */
    public TrainingConfig withPenalty(Penalty penalty) {
        return with(penalty, resumeFrom, initialOptimizerState);
    }

    /**
     * The settings of a fit that continues a sweep's optimizer: this penalty, no checkpoint to resume and no optimizer
     * state to restore (both were the first fit's).
     */
    public TrainingConfig forNextFit(Penalty penalty) {
        return with(penalty, null, null);
    }

    private TrainingConfig with(Penalty penalty, TrainingCheckpoint resume, dev.soma.plugins.OptimizerState state) {
        return new TrainingConfig(lossName, lossOptions, optimizerName, optimizerOptions, penalty, schedule, maxEpochs,
                costTolerance, patience, gradientTolerance, validationFraction, maxTime, seed, standardize, listeners,
                checkpoints, resume, kernels, clipGradientNorm, cancelled, shuffle, state, finalOptimizerState);
    }

    public boolean earlyStopping() {
        return validationFraction > 0;
    }
}
