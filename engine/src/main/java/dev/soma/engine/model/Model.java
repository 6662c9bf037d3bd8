package dev.soma.engine.model;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.table.TableEncoding;
import dev.soma.engine.metrics.Report;
import dev.soma.engine.train.TrainingSummary;
import java.util.List;

/**
 * A trained Soma model: what every model can do, whatever it is — {@link LogisticRegression},
 * {@link LinearRegression}, {@link LinearSvm} (the {@link LinearModel}s) or {@link MlpClassifier} (which softmax
 * regression is). Code that works on any model — the command line, model files, evaluation — takes a
 * {@code Model}; the model-specific methods (probabilities, decision function, classes) stay on each class.
 * Immutable and safe to share between threads.
 */
public sealed interface Model permits LinearModel, MlpClassifier {

    /**
     * What the model is, as its model file names it: {@code "logistic-regression"}, {@code "linear-regression"},
     * {@code "linear-svm"} or {@code "mlp-classifier"}.
     */
    String type();

    /** True for a classifier (labels are classes), false for regression (labels are numbers). */
    boolean isClassifier();

    /** True when {@link #predictions} can give class probabilities (not for the SVM, which gives scores). */
    boolean hasProbabilities();

    /**
     * The label the model was trained on: the column's name (null for model files that did not record it) and, for a
     * classifier, each class's spelling and value in the data.
     */
    Label label();

    /** The feature names, in the column order the model reads. */
    List<String> featureNames();

    /**
     * How the model reads a raw row of its training table: each input column numeric (with its imputation) or
     * categorical (with its levels). For a model trained on plain numbers, every feature is a numeric column.
     * {@link TableEncoding#bind} it to a column layout to encode raw rows for {@link #predictions}.
     */
    TableEncoding encoding();

    /**
     * The model's output for one raw record, its cells by column name as the training table spells them
     * ({@code "age" → "41"}, {@code "job" → "skilled"}); columns the model does not read are ignored, a level not
     * seen in training encodes as zeros. For many records, bind a {@link dev.soma.engine.table.RecordEncoder} once.
     *
     * @throws IllegalArgumentException naming the column the record lacks or the cell the model cannot read
     */
    default Predictions predictions(java.util.Map<String, String> record, boolean withScores) {
        return predictions(new float[][] {encoding().encode(record)}, withScores);
    }

    /** The standardisation fit on the training data (the identity if it was turned off). */
    Standardizer standardizer();

    /** How the model was trained: epochs, stop reason, final cost, optimizer, kernels, time. */
    TrainingSummary summary();

    /**
     * The model's output for each row, as named columns: first {@code "prediction"} (the class label, or the
     * predicted value), then, with {@code withScores}, the probability of class 1 ({@code "probability"}), the
     * SVM's score ({@code "score"}), or one probability per class ({@code "p_<class>"}).
     *
     * @throws IllegalArgumentException naming the row, when a row has the wrong number of features or a value
     *                                  that is not a finite number
     */
    Predictions predictions(float[][] rows, boolean withScores);

    /**
     * The model's output for every example of {@code data} (its labels are not read), as
     * {@link #predictions(float[][], boolean)} gives it. Linear models score sparse datasets without densifying
     * them; a network reads each sparse row as a dense one.
     *
     * @throws IllegalArgumentException when the data has another number of features than the model
     */
    default Predictions predictions(Dataset data, boolean withScores) {
        float[][] rows = new float[data.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = data.row(i);
        }
        return predictions(rows, withScores);
    }

    /**
     * Every metric of the model on labelled examples, with scikit-learn's definitions: a
     * {@link dev.soma.engine.metrics.ClassificationReport} for a classifier, a
     * {@link dev.soma.engine.metrics.RegressionMetrics} for regression.
     *
     * @throws dev.soma.engine.data.DataFormatException naming the row, for a label the model cannot take
     */
    Report report(Dataset data);
}
