package dev.soma.engine.model;

import dev.soma.engine.data.Dataset;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.Rows;
import java.util.List;
import java.util.Objects;

/**
 * The trained parameters of one neuron, shared by the linear models: weights and bias for raw features (the
 * standardisation folded in), so scoring is one gemv over the caller's data. Immutable.
 */
public final class LinearParameters {

    private final float[] weights;
    private final float bias;
    private final List<String> featureNames;

    public LinearParameters(float[] weights, float bias, List<String> featureNames) {
        this.weights = weights.clone();
        this.bias = bias;
        this.featureNames = dev.soma.engine.table.FeatureNames.immutable(featureNames);
    }

    int dimension() {
        return weights.length;
    }

    float[] weights() {
        return weights.clone();
    }

    float bias() {
        return bias;
    }

    List<String> featureNames() {
        return featureNames;
    }

    /** {@code z = w·x + b} for one example. */
    float score(float[] row) {
        Objects.requireNonNull(row, "row");
        requireDimension(row.length, "the row");
        for (int j = 0; j < row.length; j++) {
            if (!Float.isFinite(row[j])) {
                throw new IllegalArgumentException("feature " + j + " ('" + featureNames.get(j) + "') is " + row[j]
                        + ": every value must be a finite number");
            }
        }
        return kernels().dot(row, 0, weights, 0, weights.length) + bias;
    }

    /** {@code z = Xw + b} for every example of {@code data}. */
    float[] scores(Dataset data) {
        requireDimension(data.dimension(), data.source());
        float[] z = new float[data.size()];
        if (data.isSparse()) {
            dev.soma.engine.data.SparseRows rows = data.sparseRows();
            Kernels kernels = kernels();
            for (int i = 0; i < z.length; i++) {
                z[i] = kernels.sparseDot(rows.valueArray(), rows.indexArray(), rows.start(i), rows.end(i), weights) + bias;
            }
            return z;
        }
        kernels().gemv(data.featureArray(), data.dimension(), Rows.range(0, data.size()), weights, bias, z, 0);
        return z;
    }

    /** {@code z} for every row of {@code rows}, after checking each row. */
    float[] scores(float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        float[] z = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            try {
                z[i] = score(rows[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + i + ": " + e.getMessage(), e);
            }
        }
        return z;
    }

    private void requireDimension(int d, String what) {
        if (d != weights.length) {
            throw new IllegalArgumentException(what + " has " + d + " features, but the model was trained on "
                    + weights.length);
        }
    }

    private static Kernels kernels() {
        return KernelSelection.active();
    }
}
