package dev.soma.engine.data;

import java.util.function.LongSupplier;

/**
 * Checks, before a large allocation, that the heap can still hold it, so that data too large for the heap fails
 * early with a message naming the size needed — instead of an {@code OutOfMemoryError} halfway through training.
 * Reading holds up to two copies of the features while its buffer grows; training a linear model then adds no
 * copy (standardisation happens as the kernels read the rows), a network one standardised copy.
 */
public final class MemoryBudget {

    private final LongSupplier available;

    MemoryBudget(LongSupplier availableBytes) {
        this.available = availableBytes;
    }

    /** The heap as the JVM reports it: the maximum less what is in use. */
    public static MemoryBudget heap() {
        Runtime runtime = Runtime.getRuntime();
        return new MemoryBudget(() -> runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory()));
    }

    /**
     * Throws {@link DataFormatException} about {@code source} if {@code bytes} more cannot be allocated.
     *
     * @param sizeSoFar how much data has been read, for the message
     */
    public void require(long bytes, String source, long sizeSoFar) {
        long free = available.getAsLong();
        if (bytes > free) {
            throw new DataFormatException(source, "the data does not fit in the heap: after " + mb(sizeSoFar)
                    + " of features, growing the buffer needs " + mb(bytes) + " more but only " + mb(free)
                    + " is free (maximum heap " + mb(Runtime.getRuntime().maxMemory()) + "). Reading needs up to twice the"
                    + " features' size in floats (a network trains on one more copy): start java with a larger -Xmx,"
                    + " or train on a sample");
        }
    }

    /**
     * Throws {@link DataFormatException} about {@code source} if its first {@code rows} rows alone, encoded to
     * {@code bytes} of features, would not fit: a reader that counts before it allocates fails early on a file far
     * larger than the heap, not after reading all of it.
     */
    public void requireRows(long rows, long bytes, String source) {
        long free = available.getAsLong();
        if (bytes > free) {
            throw new DataFormatException(source, "the data does not fit in the heap: its first " + rows + " rows alone"
                    + " encode to at least " + mb(bytes) + " of features, but only " + mb(free) + " is free (maximum heap "
                    + mb(Runtime.getRuntime().maxMemory()) + "): start java with a larger -Xmx, or train on a sample");
        }
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
