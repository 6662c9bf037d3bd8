package dev.soma.engine.train.internal;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the chunk tasks an objective handed its pool, with the errors training reports. */
final class ChunkTasks {

    private ChunkTasks() {
    }

    /**
     * Waits for every task; a task's runtime exception is rethrown as it is, anything else it threw wrapped, and an
     * interrupt restores the flag and ends training with a message.
     */
    static void awaitAll(List<? extends Future<?>> tasks) {
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training was interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }
}
