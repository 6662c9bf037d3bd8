package dev.soma.plugins;

/**
 * A loss {@code L(score, y)} of one example, where the score is the model's output before any link
 * function: the logit for logistic regression, the prediction itself for linear regression. Working from the
 * score lets a loss be computed stably (the log loss from the logit never takes {@code log(0)}).
 *
 * <p>The training cost is the mean of {@code L} over the examples of a batch (plus the penalty); the engine
 * back-propagates {@link #derivative δ = ∂L/∂score} through the model. For a linear model with score
 * {@code s = w·x + b}, the gradient is {@code ∂J/∂w = mean(δ·x)} and {@code ∂J/∂b = mean(δ)}.
 *
 * <p>The engine computes a {@link Form#CUSTOM} loss through {@link #lossAndDeltas}, over chunks of a batch
 * (with per-example weights, through {@link #value} and {@link #derivative}, each scaled by the weight), so the
 * three must agree. It never calls the loss with a label that {@link #acceptsLabel} refused (it checks every label before
 * training and reports the first bad one with {@link #labelRequirement}), and it refuses a loss whose
 * {@link #task()} does not fit the model.
 *
 * <p>Implementations are immutable and thread-safe: the engine calls one instance from several threads.
 */
public interface Loss {

    /** A formula the engine knows and may compute with a fused SIMD kernel instead of calling this loss per example. */
    enum Form {
        /** Nothing the engine knows: it calls {@link Loss#lossAndDeltas}, which by default calls
         * {@link Loss#value} and {@link Loss#derivative} per example. */
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

    /**
     * The loss's stable name, as users select it.
     *
     * @return the same name as its provider's {@link PluginProvider#name()}
     */
    String name();

    /**
     * The loss of one example.
     *
     * @param score the model's output before any link function (a logit, a prediction)
     * @param label the example's target, one that {@link #acceptsLabel} accepts
     * @return {@code L(score, label) ≥ 0}, in double so that sums over many examples keep their precision; finite
     *         for every finite score
     */
    double value(float score, float label);

    /**
     * The derivative of the loss of one example with respect to the score.
     *
     * @param score the model's output before any link function
     * @param label the example's target, one that {@link #acceptsLabel} accepts
     * @return {@code δ = ∂L/∂score} at {@code (score, label)} (a subgradient at a kink)
     */
    float derivative(float score, float label);

    /**
     * The second derivative of the loss of one example with respect to the score, for second-order optimizers
     * (the built-in {@code newton}): the curvature {@code D} in the Hessian {@code (1/m)·XᵀDX} of a linear model's
     * cost. The default, NaN, says the loss has none to give (the hinge loss has no second derivative at its kink):
     * such a loss trains with first-order and quasi-Newton optimizers only.
     *
     * @param score the model's output before any link function
     * @param label the example's target, one that {@link #acceptsLabel} accepts
     * @return {@code ∂²L/∂score² ≥ 0} at {@code (score, label)}, or NaN for none (the default)
     */
    default double secondDerivative(float score, float label) {
        return Double.NaN;
    }

    /**
     * The batch form: adds up the loss over {@code n} examples and writes each {@code δ}. The default calls
     * {@link #value} and {@link #derivative} per example; override it only to compute both faster, with the same
     * results.
     *
     * <p>The engine calls it <b>in place</b>, with {@code deltas} the same array as {@code scores}: read
     * {@code scores[i]} before writing {@code deltas[i]}, and do not read a score after its delta was written.
     *
     * @param scores the scores, {@code scores[0, n)}
     * @param labels the labels, {@code labels[0, n)}
     * @param deltas receives {@code ∂L/∂score} of example {@code i} at {@code deltas[i]}; may be {@code scores}
     * @param n      how many examples
     * @return {@code Σ L(scores[i], labels[i])} for {@code 0 ≤ i < n} (the sum, not the mean)
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
     * {@link Form#CUSTOM} promises that {@link #value} and {@link #derivative} equal that formula exactly: the
     * engine may then use its fused kernel and never call them.
     *
     * @return {@link Form#CUSTOM} unless overridden
     */
    default Form form() {
        return Form.CUSTOM;
    }

    /**
     * What the loss is for: the engine refuses a loss whose task does not match the model's (a regression loss on
     * logistic regression, a classification loss on linear regression), from the command line and from Java. The
     * default, for losses written before this method existed, is {@link Task#CLASSIFICATION} when
     * {@link #acceptsLabel} refuses 0.5 (only discrete labels) and {@link Task#ANY} otherwise; a regression loss
     * should say {@link Task#REGRESSION}, so that it is refused on a classifier.
     *
     * @return the task (null counts as {@link Task#ANY})
     */
    default Task task() {
        return acceptsLabel(0.5f) ? Task.ANY : Task.CLASSIFICATION;
    }

    /**
     * Whether {@code label} is a valid target for this loss. The default accepts every finite number (a
     * regression loss); a classification loss accepts its classes only (0 or 1 for the log loss).
     *
     * @param label a label from the training data
     * @return true if the loss can be computed for it; never true for NaN
     */
    default boolean acceptsLabel(float label) {
        return Float.isFinite(label);
    }

    /**
     * What a valid label is, in words, for the error message about a label {@link #acceptsLabel} refused.
     *
     * @return a phrase such as {@code "0 or 1"} or {@code "a finite number"} (the default)
     */
    default String labelRequirement() {
        return "a finite number";
    }
}
