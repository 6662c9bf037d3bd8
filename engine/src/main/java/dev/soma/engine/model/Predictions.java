package dev.soma.engine.model;

import java.util.List;

/**
 * A model's outputs for a set of rows, as named columns: {@code values[i][c]} is column {@code columns.get(c)}
 * for row {@code i}. The first column is always {@code "prediction"}.
 *
 * @param columns the column names
 * @param values  one array per row, one value per column; a classifier's prediction is the class's label value
 * @param labels  each row's prediction as the data spells it: the class ({@code "yes"}, {@code "-1"}) or the value
 */
public record Predictions(List<String> columns, float[][] values, List<String> labels) {

    public Predictions {
        columns = List.copyOf(columns);
        labels = List.copyOf(labels);
    }
}
