package dev.soma.engine.metrics;

import java.util.Arrays;

/** Model-independent metrics with scikit-learn's definitions. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The classification report of predicted class probabilities.
     *
     * @param classes       the class labels, increasing
     * @param truth         the index in {@code classes} of each example's true class
     * @param probabilities per example, the probability of each class
     */
    public static ClassificationReport classification(float[] classes, int[] truth, float[][] probabilities) {
        int k = classes.length;
        int n = truth.length;
        if (n == 0) {
            throw new IllegalArgumentException("metrics need at least one example");
        }
        int[][] confusion = new int[k][k];
        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            int predicted = argmax(probabilities[i]);
            confusion[truth[i]][predicted]++;
            // scikit-learn clips probabilities to [eps, 1 − eps] for the log loss.
            logLoss -= Math.log(Math.min(Math.max(probabilities[i][truth[i]], 1e-15), 1 - 1e-15));
        }
        int correct = 0;
        for (int c = 0; c < k; c++) {
            correct += confusion[c][c];
        }
        double precision;
        double recall;
        double f1;
        double auc;
        if (k == 2) {
            precision = precision(confusion, 1);
            recall = recall(confusion, 1);
            f1 = f1(precision, recall);
            auc = rocAuc(truth, probabilities, 1);
        } else {
            precision = 0;
            recall = 0;
            f1 = 0;
            auc = 0;
            for (int c = 0; c < k; c++) {
                double p = precision(confusion, c);
                double r = recall(confusion, c);
                precision += p / k;
                recall += r / k;
                f1 += f1(p, r) / k;
                auc += rocAuc(truth, probabilities, c) / k;
            }
        }
        return new ClassificationReport((double) correct / n, precision, recall, f1, auc, logLoss / n, classes.clone(),
                confusion, n);
    }

    /** RMSE, MAE and R² of predictions. */
    public static RegressionMetrics regression(float[] truth, float[] predictions) {
        int n = truth.length;
        double mean = 0;
        for (float v : truth) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double r = truth[i] - (double) predictions[i];
            squares += r * r;
            absolute += Math.abs(r);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        return new RegressionMetrics(squares / n, absolute / n, total > 0 ? 1 - squares / total : Double.NaN, n);
    }

    private static double precision(int[][] confusion, int c) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    private static double recall(int[][] confusion, int c) {
        int actual = Arrays.stream(confusion[c]).sum();
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    private static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** The area under the ROC curve of class {@code c} against the rest, by the rank-sum statistic (ties averaged). */
    static double rocAuc(int[] truth, float[][] probabilities, int c) {
        int n = truth.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(probabilities[a][c], probabilities[b][c]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && probabilities[order[j + 1]][c] == probabilities[order[i]][c]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (truth[order[t]] == c) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
