package dev.soma.cli;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one column policy of the commands that read a model's data ({@code predict}, {@code evaluate}): the model's
 * feature columns are read by name, in any order, other columns are ignored (they may hold text), and either
 * layout is accepted: one example per CSV row, or one feature per CSV row ({@code --layout columns}).
 */
final class DataColumns {

    /** How a CSV file holds its examples. */
    enum Layout { rows, columns }

    private DataColumns() {
    }

    /**
     * The label column to score {@code model} against: the {@code --label} option, else the one the model records,
     * else (model files written before labels were recorded) null: the file's last column, or last row in the
     * column layout.
     */
    static String labelColumn(Model model, String labelOption) {
        return labelOption != null ? labelOption : model.label().name();
    }

    /** Training data: every column but the label is a feature. */
    static Dataset all(Path file, Layout layout, String label) throws IOException {
        return layout == Layout.columns ? CsvDatasetReader.readColumnLayout(file, label)
                : CsvDatasetReader.withLabelColumn(label).read(file);
    }

    /** Data to score {@code model} on: its features by name and the label column. */
    static Dataset labelled(Path file, Layout layout, Model model, String labelOption) throws IOException {
        String label = labelColumn(model, labelOption);
        return layout == Layout.columns ? CsvDatasetReader.readColumnLayout(file, label, model.featureNames())
                : CsvDatasetReader.withLabelColumn(label).read(file, model.featureNames());
    }

    /** The columns {@code names} as numbers, one array per example. */
    static float[][] features(Path file, Layout layout, List<String> names) throws IOException {
        return layout == Layout.columns ? CsvDatasetReader.readColumnLayoutFeatures(file, names)
                : CsvDatasetReader.readFeatures(file, names);
    }

    /** The columns {@code names} as text, one array per example. */
    static String[][] text(Path file, Layout layout, List<String> names) throws IOException {
        return layout == Layout.columns ? CsvDatasetReader.readColumnLayoutText(file, names)
                : CsvDatasetReader.readText(file, names);
    }
}
