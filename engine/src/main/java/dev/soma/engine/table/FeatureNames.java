package dev.soma.engine.table;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The feature names of an encoded table: the named features of its columns, then, with feature hashing,
 * {@code hash:0 … hash:2^bits−1}, which are spelled on demand rather than held (2^20 strings would take more memory
 * than the weights they name). Immutable; code that copies feature lists keeps this one as it is
 * ({@link #immutable}).
 */
public final class FeatureNames extends AbstractList<String> implements RandomAccess {

    private final List<String> named;
    private final int hashed;
    private final String prefix;
    private final int first;

    FeatureNames(List<String> named, int hashed) {
        this(named, hashed, "hash:", 0);
    }

    private FeatureNames(List<String> named, int numbered, String prefix, int first) {
        this.named = List.copyOf(named);
        this.hashed = numbered;
        this.prefix = prefix;
        this.first = first;
    }

    /**
     * {@code prefix + first … prefix + (first + count − 1)}, spelled on demand: the names of a LIBSVM file's
     * numbered features ({@code f1 … fN}), which may be millions.
     */
    public static FeatureNames numbered(String prefix, int first, int count) {
        return new FeatureNames(List.of(), count, prefix, first);
    }

    /** The name of hashed feature {@code k}. */
    public static String hashed(int k) {
        return "hash:" + k;
    }

    /** {@code names} as an immutable list: this class as it is, anything else copied. */
    public static List<String> immutable(List<String> names) {
        return names instanceof FeatureNames ? names : List.copyOf(names);
    }

    /** The features named after columns and levels, without the hashed ones. */
    public List<String> named() {
        return named;
    }

    @Override
    public String get(int index) {
        if (index < named.size()) {
            return named.get(index);
        }
        java.util.Objects.checkIndex(index, size());
        return prefix + (first + index - named.size());
    }

    @Override
    public int size() {
        return named.size() + hashed;
    }
}
