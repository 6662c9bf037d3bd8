package dev.soma.engine.model;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.engine.train.internal.LinearObjective;
import dev.soma.engine.train.internal.ModelFactory;
import dev.soma.engine.train.internal.Penalty;
import dev.soma.engine.train.internal.TrainingObjective;

import dev.soma.engine.kernels.Kernels;
import dev.soma.plugins.Loss;
import java.util.Arrays;
import java.util.List;

/** The single-neuron models: θ = [w, b] from zero, the loss plugin on the score, standardisation folded in. */
final class LinearModelFactory<M> implements ModelFactory<M> {

    /** Makes the model from its parameters for raw features. */
    interface Factory<M> {
        M create(LinearParameters model, Standardizer standardizer, TrainingSummary summary, Label label,
                 dev.soma.engine.table.TableEncoding encoding);
    }

    private final String type;
    private final String description;
    private final String defaultLoss;
    private final Loss.Task task;
    private final Factory<M> factory;

    /** @param task {@link Loss.Task#CLASSIFICATION} for a classifier, {@link Loss.Task#REGRESSION} for regression */
    LinearModelFactory(String type, String description, String defaultLoss, Loss.Task task, Factory<M> factory) {
        this.type = type;
        this.description = description;
        this.defaultLoss = defaultLoss;
        this.task = task;
        this.factory = factory;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String defaultLoss() {
        return defaultLoss;
    }

    @Override
    public boolean classifier() {
        return task == Loss.Task.CLASSIFICATION;
    }

    /** Refuses a loss made for the other task: a regression loss cannot train a classifier, nor the reverse. */
    private void requireTask(Loss loss) {
        Loss.Task lossTask = loss.task();
        if (lossTask == null || lossTask == Loss.Task.ANY || lossTask == task) {
            return;
        }
        boolean classifier = task == Loss.Task.CLASSIFICATION;
        throw new IllegalArgumentException("the '" + loss.name() + "' loss is a " + word(lossTask)
                + " loss and cannot train " + description + ", a " + (classifier ? "classifier" : "regression model")
                + ": use a " + word(task) + " loss (" + (classifier ? "log or hinge" : "mse or huber") + ") or a "
                + (classifier ? "regression model (linear regression)" : "classifier (logistic regression, a linear SVM)"));
    }

    private static String word(Loss.Task task) {
        return task == Loss.Task.CLASSIFICATION ? "classification" : "regression";
    }

    /**
     * The two classes of a binary classifier's labels, in any spelling: two numbers (0/1, -1/+1, 1/2), or two words
     * (no/yes, false/true). The one that sorts last is class 1, the positive class.
     */
    private Label binaryClasses(Dataset data, Loss loss, String positiveClass) {
        java.util.TreeSet<Float> distinct = new java.util.TreeSet<>();
        float[] y = data.labelArray();
        for (int i = 0; i < y.length; i++) {
            if (distinct.add(y[i]) && distinct.size() > 2) {
                List<String> seen = distinct.stream().map(data::spellLabel).toList();
                throw data.problemAt(i, "label '" + data.labelName() + "' takes a third value, "
                        + data.spellLabel(y[i]) + " (of " + seen + "), but "
                        + description + " with the '" + loss.name() + "' loss separates two classes: use softmax or mlp"
                        + " for more");
            }
        }
        if (distinct.size() == 1) {
            throw new DataFormatException(data.source(), "every label '" + data.labelName() + "' is " + data.spellLabel(y[0])
                    + ": " + description + " needs examples of both classes");
        }
        float[] values = {distinct.first(), distinct.last()};
        if (positiveClass != null) {
            String first = data.spellLabel(values[0]);
            String last = data.spellLabel(values[1]);
            if (positiveClass.equals(first)) {
                values = new float[] {values[1], values[0]};
            } else if (!positiveClass.equals(last)) {
                throw new IllegalArgumentException("the positive class '" + positiveClass + "' is not one of the label '"
                        + data.labelName() + "''s classes [" + first + ", " + last + "]");
            }
        }
        return Label.ofClasses(data, values);
    }

    @Override
    public PreparedFit<M> prepare(Dataset data, Loss loss) {
        return prepare(data, loss, null);
    }

    @Override
    public PreparedFit<M> prepare(Dataset data, Loss loss, String positiveClass) {
        requireTask(loss);
        // A classifier's loss takes discrete labels (0/1): map its two classes to them.
        boolean classification = task == Loss.Task.CLASSIFICATION;
        Label label;
        float[] trainedLabels;
        if (classification) {
            label = binaryClasses(data, loss, positiveClass);
            float positive = label.values()[1];
            float[] y = data.labelArray();
            trainedLabels = new float[y.length];
            for (int i = 0; i < y.length; i++) {
                trainedLabels[i] = y[i] == positive ? 1f : 0f;
            }
        } else {
            if (positiveClass != null) {
                throw ModelFactory.noPositiveClass(description, positiveClass);
            }
            if (!data.labelClasses().isEmpty()) {
                throw new DataFormatException(data.source(), "the label '" + data.labelName() + "' holds words "
                        + data.labelClasses() + ", but " + description + " with the '" + loss.name()
                        + "' loss predicts numbers: use a classifier (logistic, svm, softmax, mlp) for classes");
            }
            label = Label.regression(data.labelName());
            trainedLabels = null;
        }
        requireLabels(data, trainedLabels != null ? trainedLabels : data.labelArray(), loss);
        // Data without a table encoding gets the plain numeric one here, once, rather than from each model made
        // (a regularisation path makes twenty).
        return prepared(label, data.featureNames(),
                data.encoding().orElseGet(() -> dev.soma.engine.table.TableEncoding.numeric(data.featureNames())), loss,
                null, data, trainedLabels);
    }

    /**
     * Continues from {@code initial}'s parameters: its weights for raw features unfolded into weights for features
     * standardised by its own standardizer (which the continued fit keeps), and its classes.
     */
    @Override
    public PreparedFit<M> prepareFrom(dev.soma.engine.model.Model initial, Dataset data, Loss loss,
                                      String positiveClass) {
        requireTask(loss);
        WarmStart.requireSameSchema(initial, type, description, data, positiveClass);
        LinearModel start = (LinearModel) initial;
        Label label = start.label();
        float[] trained = null;
        if (data != null) {
            trained = trainedLabels(label, data);
            requireLabels(data, trained != null ? trained : data.labelArray(), loss);
        }
        Standardizer standardizer = start.standardizer();
        float[] w = start.weights();
        int d = w.length;
        float[] theta = new float[d + 1];
        double[] means = standardizer.means();
        double[] scales = standardizer.scales();
        double b = start.bias();
        for (int j = 0; j < d; j++) {
            theta[j] = (float) (w[j] * scales[j]);
            b += (double) w[j] * means[j];
        }
        theta[d] = (float) b;
        return prepared(label, start.featureNames(), start.encoding(), loss, theta, data, trained);
    }

    /** A classifier's labels as the loss takes them: 0 for the label's class 0, 1 for its class 1; null for regression. */
    private float[] trainedLabels(Label label, Dataset data) {
        if (task != Loss.Task.CLASSIFICATION) {
            return null;
        }
        int[] classes = label.classesOf(data);
        float[] y = new float[classes.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes[i];
        }
        return y;
    }

    private void requireLabels(Dataset data, float[] y, Loss loss) {
        for (int i = 0; i < y.length; i++) {
            if (!loss.acceptsLabel(y[i])) {
                throw data.problemAt(i, "label '" + data.labelName() + "' is " + y[i] + ", but " + description
                        + " with the '" + loss.name() + "' loss needs " + loss.labelRequirement());
            }
        }
    }

    /**
     * @param start   the starting θ for standardised features, or null for zeros
     * @param checked the data whose labels were checked, or null
     * @param labels  its labels as the loss takes them (null for regression), which {@code asTrained} of the same
     *                data then uses rather than reading the classes again
     */
    private PreparedFit<M> prepared(Label label, List<String> names, dev.soma.engine.table.TableEncoding encoding,
                                    Loss loss, float[] start, Dataset checked, float[] labels) {
        int d = names.size();
        boolean classification = task == Loss.Task.CLASSIFICATION;
        return new PreparedFit<>() {
            @Override
            public Dataset asTrained(Dataset original) {
                if (!classification) {
                    return original;
                }
                return original.withLabels(original == checked && labels != null ? labels
                        : trainedLabels(label, original), List.of());
            }

            @Override
            public TrainingObjective objective(Dataset data, Standardizer standardizer, Penalty penalty,
                                               float[] weights, Kernels kernels,
                                               java.util.concurrent.ExecutorService pool, int threads) {
                return data.isSparse()
                        ? new dev.soma.engine.train.internal.SparseLinearObjective(data, standardizer, loss, penalty,
                                weights, kernels, pool, threads)
                        : new LinearObjective(data, standardizer, loss, penalty, weights, kernels, pool, threads);
            }

            @Override
            public float[] initialParameters(long seed) {
                return start != null ? start.clone() : new float[d + 1];
            }

            @Override
            public M create(float[] theta, Standardizer standardizer, TrainingSummary summary) {
                float[] folded = standardizer.foldInto(Arrays.copyOf(theta, d), theta[d]);
                return factory.create(new LinearParameters(Arrays.copyOf(folded, d), folded[d], names), standardizer,
                        summary, label, encoding);
            }
        };
    }
}
