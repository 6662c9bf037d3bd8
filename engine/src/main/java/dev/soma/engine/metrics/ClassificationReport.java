package dev.soma.engine.metrics;

/**
 * The classification metrics of scikit-learn, on one set of predictions. For two classes, precision, recall and
 * F1 are those of the second class (label 1), as scikit-learn's {@code average="binary"}, and the ROC AUC is
 * that of its probability; for more classes they are macro averages (one class against the rest, then the mean),
 * as {@code average="macro"} and {@code roc_auc_score(multi_class="ovr")}. A precision with no predicted
 * positives, or a recall with no actual ones, is 0 (scikit-learn's {@code zero_division=0}); an AUC with one
 * class absent is NaN.
 *
 * @param classes   the class labels, increasing
 * @param confusion {@code confusion[true][predicted]} counts
 */
public record ClassificationReport(double accuracy, double precision, double recall, double f1, double rocAuc,
                                   double logLoss, float[] classes, int[][] confusion, int examples) implements Report {
}
