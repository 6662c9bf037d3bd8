package dev.soma.engine.table;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Feature hashing (the "hashing trick"): {@code column=value} goes to feature {@code h mod 2^bits} of the hashed
 * block with the sign of {@code h}, where {@code h} is the 32-bit MurmurHash3 (x86) of its UTF-8 bytes, seed 0.
 * The index comes from the low bits and the sign from the top bit, so they are independent; two values that
 * collide cancel on average instead of adding up. A text cell is split into lower-case words (runs of letters and
 * digits), each hashed as {@code column=word}; a word that repeats counts again.
 */
final class FeatureHasher {

    private static final int SEED = 0;

    private final int mask;

    FeatureHasher(int bits) {
        this.mask = (1 << bits) - 1;
    }

    /** Receives hashed entries: feature {@code index} of the hashed block gets {@code value} added. */
    interface Sink {
        void add(int index, float value);
    }

    /** {@code column=value} as one signed entry. */
    void category(String column, String value, Sink sink) {
        int h = murmur(column + "=" + value);
        sink.add(h & mask, h < 0 ? -1f : 1f);
    }

    /** Every lower-case word of {@code text} as a signed entry of {@code column=word}. */
    void words(String column, String text, Sink sink) {
        String lower = text.toLowerCase(Locale.ROOT);
        int i = 0;
        int length = lower.length();
        while (i < length) {
            while (i < length && !Character.isLetterOrDigit(lower.codePointAt(i))) {
                i += Character.charCount(lower.codePointAt(i));
            }
            int start = i;
            while (i < length && Character.isLetterOrDigit(lower.codePointAt(i))) {
                i += Character.charCount(lower.codePointAt(i));
            }
            if (i > start) {
                category(column, lower.substring(start, i), sink);
            }
        }
    }

    static int murmur(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash32x86(bytes, 0, bytes.length, SEED);
    }
}
