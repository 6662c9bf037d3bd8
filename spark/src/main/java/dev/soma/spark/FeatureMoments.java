package dev.soma.spark;

import java.io.Serializable;

/**
 * Per-feature count, mean and sum of squared deviations, merged across partitions with Chan et al.'s parallel
 * update — the distributed version of the engine's two-pass standardisation (same population standard
 * deviation, without the cancellation of a sum of squares). Sparse blocks cost O(non-zeros + d), and mark the data
 * as sparse: {@link #sparse}.
 */
final class FeatureMoments implements Serializable {

    long count;
    double[] mean;
    double[] m2;
    /** True when some block holds sparse rows: the data is then standardised by scaling alone. */
    boolean sparse;

    FeatureMoments add(RowBlock block) {
        if (block.isSparse()) {
            return merge(sparseMoments(block));
        }
        FeatureMoments other = new FeatureMoments();
        other.count = block.rows;
        other.mean = new double[block.d];
        other.m2 = new double[block.d];
        for (int i = 0; i < block.rows; i++) {
            for (int j = 0; j < block.d; j++) {
                other.mean[j] += block.x[i * block.d + j];
            }
        }
        for (int j = 0; j < block.d; j++) {
            other.mean[j] /= block.rows;
        }
        for (int i = 0; i < block.rows; i++) {
            for (int j = 0; j < block.d; j++) {
                double c = block.x[i * block.d + j] - other.mean[j];
                other.m2[j] += c * c;
            }
        }
        return merge(other);
    }

    /**
     * A sparse block's moments in O(non-zeros + d): the means from the non-zeros, then the squared deviations of
     * the non-zeros plus {@code mean²} for each of a column's zeros — the same two passes as for dense rows.
     */
    private static FeatureMoments sparseMoments(RowBlock block) {
        FeatureMoments other = new FeatureMoments();
        other.count = block.rows;
        other.sparse = true;
        other.mean = new double[block.d];
        other.m2 = new double[block.d];
        int nnz = block.start[block.rows];
        int[] nonZeros = new int[block.d];
        for (int k = 0; k < nnz; k++) {
            other.mean[block.index[k]] += block.value[k];
            nonZeros[block.index[k]]++;
        }
        for (int j = 0; j < block.d; j++) {
            other.mean[j] /= block.rows;
        }
        for (int k = 0; k < nnz; k++) {
            double c = block.value[k] - other.mean[block.index[k]];
            other.m2[block.index[k]] += c * c;
        }
        for (int j = 0; j < block.d; j++) {
            other.m2[j] += (double) (block.rows - nonZeros[j]) * other.mean[j] * other.mean[j];
        }
        return other;
    }

    FeatureMoments merge(FeatureMoments other) {
        sparse |= other.sparse;
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            other.sparse |= sparse;
            return other;
        }
        long total = count + other.count;
        for (int j = 0; j < mean.length; j++) {
            double delta = other.mean[j] - mean[j];
            m2[j] += other.m2[j] + delta * delta * ((double) count * other.count / total);
            mean[j] += delta * other.count / total;
        }
        count = total;
        return this;
    }

    /** Population standard deviations, 1 for a constant feature (as the engine's standardizer). */
    double[] scales() {
        double[] scales = new double[mean.length];
        for (int j = 0; j < scales.length; j++) {
            double std = Math.sqrt(m2[j] / count);
            scales[j] = std > 0 ? std : 1.0;
        }
        return scales;
    }
}
