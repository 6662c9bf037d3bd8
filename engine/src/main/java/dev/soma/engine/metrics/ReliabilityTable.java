package dev.soma.engine.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a binary classifier's probabilities are calibrated: the examples grouped by their predicted probability
 * of class 1 into equal-width bins, each bin's mean predicted probability against the fraction that is truly of
 * class 1 (a calibrated model has the two close in every bin). The bins are scikit-learn's
 * {@code calibration_curve(strategy="uniform")}: edges k/bins, a probability on an inner edge in the bin below.
 *
 * @param bins                       the bins that hold an example, in increasing order
 * @param expectedCalibrationError   Σ (bin count / n)·|fraction positive − mean predicted| over the bins
 * @param brierScore                 the mean of (p − y)², y the true class (0 or 1)
 */
public record ReliabilityTable(List<Bin> bins, double expectedCalibrationError, double brierScore) {

    /**
     * One bin of predicted probabilities {@code (lower, upper]} (the first includes 0).
     *
     * @param count            the examples in it
     * @param meanPredicted    their mean predicted probability of class 1
     * @param fractionPositive the fraction of them truly of class 1
     */
    public record Bin(double lower, double upper, int count, double meanPredicted, double fractionPositive) {
    }

    public ReliabilityTable {
        bins = List.copyOf(bins);
    }

    /**
     * The table of probabilities {@code p1} (of class 1) against the true classes (0 or 1), in {@code binCount} bins.
     *
     * @throws IllegalArgumentException when the lengths differ, there is no example, a probability is outside
     *                                  [0, 1], or a class is not 0 or 1
     */
    public static ReliabilityTable of(float[] p1, int[] truth, int binCount) {
        if (p1.length != truth.length || p1.length == 0) {
            throw new IllegalArgumentException(p1.length + " probabilities for " + truth.length + " classes");
        }
        if (binCount < 1) {
            throw new IllegalArgumentException("a reliability table needs at least 1 bin, not " + binCount);
        }
        int[] count = new int[binCount];
        double[] predicted = new double[binCount];
        int[] positives = new int[binCount];
        double brier = 0;
        for (int i = 0; i < p1.length; i++) {
            double p = p1[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability " + i + " is " + p);
            }
            if (truth[i] != 0 && truth[i] != 1) {
                throw new IllegalArgumentException("class " + truth[i] + " of example " + i + ": a reliability table is of two classes");
            }
            int bin = 0;
            while (bin < binCount - 1 && p > (double) (bin + 1) / binCount) {
                bin++;
            }
            count[bin]++;
            predicted[bin] += p;
            positives[bin] += truth[i];
            brier += (p - truth[i]) * (p - truth[i]);
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            if (count[b] > 0) {
                double mean = predicted[b] / count[b];
                double fraction = (double) positives[b] / count[b];
                bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, count[b], mean, fraction));
                ece += (double) count[b] / p1.length * Math.abs(fraction - mean);
            }
        }
        return new ReliabilityTable(bins, ece, brier / p1.length);
    }
}
