package dev.soma.engine.data;

import java.util.Arrays;

/**
 * Per-feature standardisation {@code x' = (x − mean) / std}, fit on the training data with the population
 * standard deviation (as scikit-learn's {@code StandardScaler}) and stored with the model, so that prediction
 * applies exactly what training saw. A constant feature keeps a scale of 1: it is centred, not blown up.
 */
public final class Standardizer {

    private final double[] means;
    private final double[] scales;

    private Standardizer(double[] means, double[] scales) {
        this.means = means;
        this.scales = scales;
    }

    /**
     * Fits the means and population standard deviations of {@code data}'s features (two-pass, in double). The 0/1
     * features a table's encoding made (one-hot levels, missing indicators; {@link Dataset#unscaledColumns()}) keep
     * mean 0 and scale 1: they stay 0/1, as a scikit-learn pipeline leaves its one-hot columns.
     */
    public static Standardizer fit(Dataset data) {
        if (data.isSparse()) {
            return fitScalesOnly(data.sparseRows(), data.unscaledColumns());
        }
        int n = data.size();
        int d = data.dimension();
        float[] x = data.featureArray();
        boolean[] unscaled = data.unscaledColumns();
        double[] means = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                means[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            means[j] = unscaled[j] ? 0 : means[j] / n;
        }
        double[] scales = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - means[j];
                scales[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(scales[j] / n);
            scales[j] = std > 0 && !unscaled[j] ? std : 1.0;
        }
        return new Standardizer(means, scales);
    }

    /**
     * Scaling without centring for sparse rows, as scikit-learn's {@code StandardScaler(with_mean=False)}: each
     * column is divided by its population standard deviation (zeros included), and its mean is kept at 0 —
     * subtracting it would turn every stored zero into a non-zero. One pass over the non-zeros, in double.
     */
    static Standardizer fitScalesOnly(SparseRows rows, boolean[] unscaled) {
        int n = rows.rows();
        int d = rows.columns();
        double[] sum = new double[d];
        double[] squares = new double[d];
        int[] index = rows.indexArray();
        float[] value = rows.valueArray();
        for (int k = 0; k < value.length; k++) {
            sum[index[k]] += value[k];
            squares[index[k]] += (double) value[k] * value[k];
        }
        double[] scales = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = sum[j] / n;
            double std = Math.sqrt(Math.max(0, squares[j] / n - mean * mean));
            scales[j] = std > 0 && !unscaled[j] ? std : 1.0;
        }
        return new Standardizer(new double[d], scales);
    }

    /** True when every mean is 0: the standardisation only scales, and keeps sparse rows sparse. */
    public boolean isScaleOnly() {
        for (double m : means) {
            if (m != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A standardisation with these statistics (as read from a model file, or computed by a distributed trainer).
     *
     * @throws IllegalArgumentException if the lengths differ or a scale is not a finite number > 0
     */
    public static Standardizer of(double[] means, double[] scales) {
        if (means.length != scales.length) {
            throw new IllegalArgumentException(means.length + " means but " + scales.length + " scales");
        }
        for (double s : scales) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("a standardisation scale must be a finite number > 0, but was " + s);
            }
        }
        return new Standardizer(means.clone(), scales.clone());
    }

    /** The identity: no standardisation. */
    public static Standardizer identity(int dimension) {
        double[] ones = new double[dimension];
        Arrays.fill(ones, 1.0);
        return new Standardizer(new double[dimension], ones);
    }

    /** True when this changes nothing: every mean 0 and every scale 1. */
    public boolean isIdentity() {
        for (int j = 0; j < means.length; j++) {
            if (means[j] != 0 || scales[j] != 1) {
                return false;
            }
        }
        return true;
    }

    /** The means as floats, for the kernels that centre rows as they read them. */
    public float[] floatMeans() {
        float[] f = new float[means.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = (float) means[j];
        }
        return f;
    }

    /** {@code 1/scale} per feature, as floats. */
    public float[] inverseScales() {
        float[] f = new float[scales.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = (float) (1 / scales[j]);
        }
        return f;
    }

    public int dimension() {
        return means.length;
    }

    /** The training means, one per feature. */
    public double[] means() {
        return means.clone();
    }

    /** The training standard deviations (1 for a constant feature), one per feature. */
    public double[] scales() {
        return scales.clone();
    }

    /** The standardised copy of {@code data}. */
    public Dataset transform(Dataset data) {
        if (data.isSparse()) {
            if (!isScaleOnly()) {
                throw new IllegalArgumentException("centring would make sparse rows dense: a sparse dataset takes a"
                        + " scale-only standardisation");
            }
            return data.withSparseRows(data.sparseRows().scaled(inverseScales()));
        }
        int n = data.size();
        int d = data.dimension();
        float[] x = data.featureArray();
        float[] out = new float[x.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) ((x[i * d + j] - means[j]) / scales[j]);
            }
        }
        return data.withFeatureArray(out);
    }

    /**
     * Weights for raw features that score like {@code w} and {@code bias} on standardised ones:
     * {@code Σ w_j (x_j − μ_j)/s_j + b = Σ (w_j/s_j) x_j + (b − Σ w_j μ_j/s_j)}. The last element is the bias.
     */
    public float[] foldInto(float[] w, float bias) {
        float[] folded = new float[w.length + 1];
        double b = bias;
        for (int j = 0; j < w.length; j++) {
            double wj = w[j] / scales[j];
            folded[j] = (float) wj;
            b -= wj * means[j];
        }
        folded[w.length] = (float) b;
        return folded;
    }
}
