package dev.soma.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * A test hook, package-private: makes the first attempt of every task on one partition fail, so that tests can
 * check that Spark's retry leaves the model unchanged. Inert unless a test arms it (local mode runs tasks in
 * the test's JVM, where the static state is visible).
 */
final class FaultInjection {

    private static volatile int failingPartition = -1;
    private static final AtomicInteger FAILURES = new AtomicInteger();

    private FaultInjection() {
    }

    static void failFirstAttemptOfPartition(int partition) {
        FAILURES.set(0);
        failingPartition = partition;
    }

    static void clear() {
        failingPartition = -1;
    }

    static int failures() {
        return FAILURES.get();
    }

    /** Called by the per-partition pass. */
    static void maybeFail() {
        if (failingPartition < 0) {
            return;
        }
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == failingPartition && task.attemptNumber() == 0) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected failure of partition " + failingPartition + " (a test)");
        }
    }
}
