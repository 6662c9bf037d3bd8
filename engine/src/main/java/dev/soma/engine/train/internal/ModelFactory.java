package dev.soma.engine.train.internal;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingSummary;

import dev.soma.engine.kernels.Kernels;
import dev.soma.plugins.Loss;

/**
 * What a {@link Trainer} needs to know about the model it trains: its default loss, how it reads the labels,
 * its objective and starting parameters, and how trained parameters become the model. One neuron and a
 * multi-layer network are two factories; everything else — optimizers, schedules, stopping, checkpoints — is shared.
 *
 * @param <M> the model
 */
public interface ModelFactory<M> {

    /** For messages: "logistic regression". */
    String description();

    /** The loss plugin trained on unless the user picks another, or null when the kind has its own output loss. */
    String defaultLoss();

    /** True for a classifier (cross-validation then stratifies its folds by class), false for regression. */
    default boolean classifier() {
        return true;
    }

    /** Checks the labels against the loss (null for a kind with its own) and learns what it needs from them. */
    PreparedFit<M> prepare(Dataset data, Loss loss);

    /**
     * As {@link #prepare(Dataset, Loss)}, with the class a binary classifier takes as its positive class (class 1),
     * by its spelling in the data; null for the default (the class that sorts last). Kinds without a positive class
     * refuse a non-null one.
     */
    default PreparedFit<M> prepare(Dataset data, Loss loss, String positiveClass) {
        if (positiveClass != null) {
            throw noPositiveClass(description(), positiveClass);
        }
        return prepare(data, loss);
    }

    /**
     * Prepares a fit that continues from {@code initial}'s parameters (warm start): the same model type, features,
     * encoding and classes (the data's labels must be among the model's classes; a batch need not hold them all).
     * The fit keeps {@code initial}'s standardizer, so its parameters keep their meaning; the prepared fit's
     * {@link PreparedFit#initialParameters} are the model's, for features standardised by it. With {@code data}
     * null only the model's type is checked (for making models from parameters, as online learning does).
     *
     * @throws IllegalArgumentException naming what differs between the model and this trainer or the data
     */
    default PreparedFit<M> prepareFrom(dev.soma.engine.model.Model initial, Dataset data, Loss loss,
                                       String positiveClass) {
        throw new IllegalArgumentException(description() + " cannot continue from a trained model");
    }

    /** The error for a positive class given to a model that has none. */
    static IllegalArgumentException noPositiveClass(String description, String positiveClass) {
        return new IllegalArgumentException(description + " has no positive class: a positive class ('"
                + positiveClass + "') is for binary classifiers (logistic regression, a linear SVM)");
    }

    /** One training run's model-specific parts. */
    interface PreparedFit<M> {

        /**
         * The objective over {@code data} as the standardizer standardises it (the identity when training without
         * standardisation). Whether that takes a copy of the data is the kind's choice.
         *
         * @param pool    threads to share large batches over, or null for the calling thread alone
         * @param threads the pool's size
         */
        TrainingObjective objective(Dataset data, Standardizer standardizer, Penalty penalty, float[] sampleWeights,
                                    Kernels kernels,
                                    java.util.concurrent.ExecutorService pool, int threads);

        /**
         * The data as the model trains on it: by default as given; a binary classifier maps its two classes, in any
         * spelling (-1/+1, 1/2, no/yes), to the labels 0 and 1 its loss takes.
         */
        default Dataset asTrained(Dataset data) {
            return data;
        }

        /** The starting parameters, from the seed. */
        float[] initialParameters(long seed);

        /** The model from trained parameters (for standardised features) and the standardisation. */
        M create(float[] theta, Standardizer standardizer, TrainingSummary summary);
    }
}
