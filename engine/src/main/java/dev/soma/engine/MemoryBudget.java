package dev.soma.engine;

import java.util.function.LongSupplier;

/**
 * Checks, before a large allocation, that the heap can still hold it, so that data too large for the heap fails
 * early with a message naming the size needed — instead of an {@code OutOfMemoryError} halfway through training.
 * Training needs about three copies of the features (as read, standardised, and while growing the read buffer),
 * which the messages say.
 */
final class MemoryBudget {

    private final LongSupplier available;

    MemoryBudget(LongSupplier availableBytes) {
        this.available = availableBytes;
    }

    /** The heap as the JVM reports it: the maximum less what is in use. */
    static MemoryBudget heap() {
        Runtime runtime = Runtime.getRuntime();
        return new MemoryBudget(() -> runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory()));
    }

    /**
     * Throws {@link DataFormatException} about {@code source} if {@code bytes} more cannot be allocated.
     *
     * @param sizeSoFar how much data has been read, for the message
     */
    void require(long bytes, String source, long sizeSoFar) {
        long free = available.getAsLong();
        if (bytes > free) {
            throw new DataFormatException(source, "the data does not fit in the heap: after " + mb(sizeSoFar)
                    + " of features, growing the buffer needs " + mb(bytes) + " more but only " + mb(free)
                    + " is free (maximum heap " + mb(Runtime.getRuntime().maxMemory()) + "). Training needs about three"
                    + " times the features' size in floats: start java with a larger -Xmx, or train on a sample");
        }
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
