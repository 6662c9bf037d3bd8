package dev.soma.engine.model;

import dev.soma.engine.network.Architecture;
import dev.soma.engine.train.Trainer;

/**
 * Softmax (multinomial logistic) regression: one layer from the inputs to K outputs with softmax, trained on
 * the cross-entropy — an {@link MlpClassifier} without hidden layers.
 */
public final class SoftmaxRegression {

    private SoftmaxRegression() {
    }

    /** A trainer for softmax regression. */
    public static Trainer<MlpClassifier> trainer() {
        return MlpClassifier.trainer(Architecture.none());
    }
}
