package dev.soma.engine.train;

/** Hears about training progress on the training thread: after every epoch, and (if it wants) every step. */
@FunctionalInterface
public interface TrainingListener {

    /** Called after every epoch. An exception thrown here stops training and reaches the caller of {@code fit}. */
    void onEpoch(EpochReport report);

    /** Called before every optimizer step; does nothing unless overridden. */
    default void onStep(StepReport report) {
    }
}
