package dev.soma.engine;

/** Hears about training progress, once per epoch, on the training thread. */
@FunctionalInterface
public interface TrainingListener {

    /** Called after every epoch. An exception thrown here stops training and reaches the caller of {@code fit}. */
    void onEpoch(EpochReport report);
}
