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

    FeatureNames(List<String> named, int hashed) {
        this.named = List.copyOf(named);
        this.hashed = hashed;
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
        return hashed(index - named.size());
    }

    @Override
    public int size() {
        return named.size() + hashed;
    }
}
