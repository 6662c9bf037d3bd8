package dev.soma.engine.model;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.table.ColumnEncoding;
import dev.soma.engine.table.TableEncoding;
import java.util.List;

/**
 * The checks a fit that continues from a trained model makes before it starts: the same kind of model, the same
 * features read the same way (the {@link TableEncoding}), the same label. Each failure is an
 * {@link IllegalArgumentException} that names what differs.
 */
final class WarmStart {

    private WarmStart() {
    }

    /**
     * @param type        the model type the trainer makes ({@code "logistic-regression"}, ...)
     * @param description the trainer's description, for messages
     */
    static void requireSameSchema(Model initial, String type, String description, Dataset data, String positiveClass) {
        if (initial == null) {
            throw new IllegalArgumentException("the initial model is null");
        }
        if (!initial.type().equals(type)) {
            throw new IllegalArgumentException("the initial model is a " + initial.type() + " model, but this trainer"
                    + " makes " + description + " (" + type + "): continue from a model of the same type");
        }
        if (data == null) {
            return;
        }
        requireSameFeatures(initial, data);
        Label label = initial.label();
        if (label.name() != null && data.labelName() != null && !label.name().equals(data.labelName())) {
            throw new IllegalArgumentException("the initial model predicts the label '" + label.name()
                    + "', but the data's label is '" + data.labelName() + "'");
        }
        if (positiveClass != null && label.classes().size() == 2 && !label.classes().get(1).equals(positiveClass)) {
            throw new IllegalArgumentException("the positive class '" + positiveClass + "' differs from the initial"
                    + " model's, '" + label.classes().get(1) + "': a continued fit keeps the model's classes");
        }
        if (label.classes().isEmpty() && !data.labelClasses().isEmpty()) {
            throw new IllegalArgumentException("the initial model predicts numbers, but the data's label '"
                    + data.labelName() + "' holds classes " + data.labelClasses());
        }
    }

    /** The same feature names, then the same encoding of every input column. */
    private static void requireSameFeatures(Model initial, Dataset data) {
        List<String> expected = initial.featureNames();
        List<String> given = data.featureNames();
        if (!expected.equals(given)) {
            int j = 0;
            while (j < Math.min(expected.size(), given.size()) && expected.get(j).equals(given.get(j))) {
                j++;
            }
            String where = j < Math.min(expected.size(), given.size())
                    ? "feature " + (j + 1) + " is '" + given.get(j) + "' in the data but '" + expected.get(j)
                            + "' in the model"
                    : "the model has " + expected.size() + " features, the data " + given.size();
            throw new IllegalArgumentException("the data's features differ from the initial model's: " + where
                    + "; read the data with the model's encoding (TableReader.readLabelled(file, model.encoding(), ...))");
        }
        TableEncoding mine = initial.encoding();
        TableEncoding theirs = data.encoding().orElse(TableEncoding.numeric(given));
        if (mine.equals(theirs)) {
            return;
        }
        for (int c = 0; c < Math.min(mine.columns().size(), theirs.columns().size()); c++) {
            ColumnEncoding a = mine.columns().get(c);
            ColumnEncoding b = theirs.columns().get(c);
            if (!a.equals(b)) {
                throw new IllegalArgumentException("the data encodes the column '" + b.name() + "' as " + b
                        + ", but the initial model as " + a + "; read the data with the model's encoding"
                        + " (TableReader.readLabelled(file, model.encoding(), ...))");
            }
        }
        throw new IllegalArgumentException("the data's table encoding (missing-value spellings, columns) differs from"
                + " the initial model's; read the data with the model's encoding");
    }
}
