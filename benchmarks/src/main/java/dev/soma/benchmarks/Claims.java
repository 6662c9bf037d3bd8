package dev.soma.benchmarks;

import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingSummary;

/**
 * The work a training benchmark divides its time by, checked after every invocation: a benchmark whose training
 * stopped early throws, so JMH reports a failure instead of a time per epoch that is too small.
 */
final class Claims {

    private Claims() {
    }

    /**
     * Requires that training ran exactly {@code expected} epochs and stopped because the epoch budget ran out
     * (no tolerance, time limit or cancellation cut it short).
     *
     * @throws IllegalStateException naming the benchmark and both counts otherwise
     */
    static void epochs(String benchmark, TrainingSummary summary, int expected) {
        if (summary.epochs() != expected || summary.stopReason() != StopReason.MAX_EPOCHS) {
            throw new IllegalStateException(benchmark + " ran " + summary.epochs() + " epochs but counts "
                    + expected + " (stopped by " + summary.stopReason() + "): its time per epoch would be wrong");
        }
    }

    /**
     * Requires that training stopped because the norm of the full gradient reached {@code tolerance} (and not by a
     * budget, a cost tolerance or cancellation), after {@code expectedEpochs} epochs when that is positive: the
     * count a reference run of the same settings took, so that a timed run did the same work.
     *
     * @throws IllegalStateException naming the benchmark, the stop and the counts otherwise
     */
    static void converged(String benchmark, TrainingSummary summary, double tolerance, int expectedEpochs) {
        if (summary.stopReason() != StopReason.GRADIENT_TOLERANCE || !(summary.gradientNorm() <= tolerance)
                || (expectedEpochs > 0 && summary.epochs() != expectedEpochs)) {
            throw new IllegalStateException(benchmark + " stopped by " + summary.stopReason() + " after "
                    + summary.epochs() + " epochs at gradient norm " + summary.gradientNorm() + ", but claims a "
                    + "gradient norm of at most " + tolerance
                    + (expectedEpochs > 0 ? " after " + expectedEpochs + " epochs" : ""));
        }
    }
}
