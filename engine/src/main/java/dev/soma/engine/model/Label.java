package dev.soma.engine.model;

import dev.soma.engine.data.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a model knows of the label it was trained on: the column's name and, for a classifier, its classes — each
 * class's spelling in the data ({@code "no"}, {@code "-1"}, {@code "true"}) and the value the data held for it
 * (the number, or for text labels the class's index). Class {@code k} of the model is
 * {@code classes().get(k)}; for a binary classifier class 1 is the positive class, the one that sorts last.
 *
 * @param name    the label column's name, or null when unknown (model files written before labels were recorded)
 * @param classes the classes' spellings, in the model's order; empty for regression
 * @param values  the label value of each class in the data it was trained on; empty for regression
 */
public record Label(String name, List<String> classes, float[] values) {

    public Label {
        classes = List.copyOf(classes);
        values = values.clone();
        if (classes.size() != values.length) {
            throw new IllegalArgumentException(classes.size() + " class names for " + values.length + " class values");
        }
    }

    /** A regression target's label. */
    public static Label regression(String name) {
        return new Label(name, List.of(), new float[0]);
    }

    /** A label whose classes are these values, spelled as the data writes numbers (3, not 3.0). */
    public static Label ofValues(String name, float[] values) {
        return new Label(name, Arrays.stream(box(values)).map(Dataset::spell).toList(), values);
    }

    /** The label of {@code data} whose classes are these label values, spelled as the data spells them. */
    static Label ofClasses(Dataset data, float[] values) {
        return new Label(data.labelName(), Arrays.stream(box(values)).map(data::spellLabel).toList(), values);
    }

    /** The label of classes 0 and 1, as model files written before labels were recorded imply. */
    public static Label zeroOne() {
        return ofValues(null, new float[] {0, 1});
    }

    /**
     * The model's class index of example {@code row}'s label: by spelling when the data's labels are text, by value
     * when they are numbers.
     *
     * @throws dev.soma.engine.data.DataFormatException naming the row when the label is not one of the classes
     */
    int classOf(Dataset data, int row) {
        float y = data.label(row);
        int k;
        if (!data.labelClasses().isEmpty()) {
            k = classes.indexOf(data.labelClasses().get((int) y));
        } else {
            k = -1;
            for (int c = 0; c < values.length && k < 0; c++) {
                if (values[c] == y) {
                    k = c;
                }
            }
        }
        if (k < 0) {
            throw data.problemAt(row, "label '" + data.labelName() + "' is '" + data.spellLabel(y)
                    + "', which is not one of the classes the model was trained on: " + classes);
        }
        return k;
    }

    /**
     * Every example's class index (0 … K − 1, in the order of {@link #classes()}).
     *
     * @throws dev.soma.engine.data.DataFormatException naming the row whose label is not one of the classes
     */
    public int[] classesOf(Dataset data) {
        int[] truth = new int[data.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = classOf(data, i);
        }
        return truth;
    }

    private static Float[] box(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Label other && Objects.equals(name, other.name) && classes.equals(other.classes)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, classes, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Label[" + name + ", classes " + classes + "]";
    }
}
