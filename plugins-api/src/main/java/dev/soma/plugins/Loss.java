package dev.soma.plugins;

/**
 * A loss {@code L(score, y)} of one example, where the score is the model's output before any link
 * function: the logit for logistic regression, the prediction itself for linear regression. Working from the
 * score lets a loss be computed stably (the log loss from the logit never takes {@code log(0)}).
 *
 * <p>The training cost is the mean of {@code L} over the examples of a batch; the engine back-propagates
 * {@link #derivative δ = ∂L/∂score}. Implementations are immutable and thread-safe.
 */
public interface Loss {

    /** A formula the engine knows and may compute with a fused SIMD kernel instead of calling this loss per example. */
    enum Form {
        /** Nothing the engine knows: it calls {@link #value} and {@link #derivative}. */
        CUSTOM,
        /**
         * Binary cross-entropy of {@code σ(score)} against a 0/1 label, {@code L = log(1 + e^s) − y·s}, with
         * {@code δ = σ(s) − y}.
         */
        LOG_LOSS_FROM_LOGIT
    }

    /** Which models a loss can train: the engine refuses a loss whose task does not match the model's. */
    enum Task {
        /** Class labels (0/1, or ±1): for classifiers such as logistic regression or a linear SVM. */
        CLASSIFICATION,
        /** Real-valued targets: for regression models such as linear regression. */
        REGRESSION,
        /** Either: the engine does not check. */
        ANY
    }

    /** The loss's stable name, the same as its provider's. */
    String name();

    /** {@code L(score, label)}, in double so that sums over many examples keep their precision. */
    double value(float score, float label);

    /** {@code δ = ∂L/∂score} at {@code (score, label)}. */
    float derivative(float score, float label);

    /**
     * Adds up the loss over {@code n} examples and writes each {@code δ} to {@code deltas}.
     *
     * @return {@code Σ L(scores[i], labels[i])} for {@code i < n}
     */
    default double lossAndDeltas(float[] scores, float[] labels, float[] deltas, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += value(scores[i], labels[i]);
            deltas[i] = derivative(scores[i], labels[i]);
        }
        return sum;
    }

    /**
     * The formula this loss computes, if the engine knows it. A loss that returns a form other than
     * {@link Form#CUSTOM} promises that {@link #value} and {@link #derivative} equal that formula exactly.
     */
    default Form form() {
        return Form.CUSTOM;
    }

    /**
     * What the loss is for. The default, for losses written before this method existed, is
     * {@link Task#CLASSIFICATION} when {@link #acceptsLabel} refuses 0.5 (only discrete labels) and
     * {@link Task#ANY} otherwise; a regression loss should say {@link Task#REGRESSION}, so that it is refused on
     * a classifier.
     */
    default Task task() {
        return acceptsLabel(0.5f) ? Task.ANY : Task.CLASSIFICATION;
    }

    /** Whether {@code label} is a valid target for this loss (for example 0 or 1 for the log loss). */
    default boolean acceptsLabel(float label) {
        return Float.isFinite(label);
    }

    /** What a valid label is, in words, for error messages: "0 or 1". */
    default String labelRequirement() {
        return "a finite number";
    }
}
