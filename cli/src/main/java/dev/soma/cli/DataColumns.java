package dev.soma.cli;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.DecimalCells;
import dev.soma.engine.model.Model;
import dev.soma.engine.table.EncodedTable;
import dev.soma.engine.table.TableReader;
import dev.soma.engine.table.TableSpec;
import dev.soma.engine.table.UnknownLevels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one column policy of the commands that read data. In the row layout every file is a table: training infers
 * or takes each column's type, and a model reads its input columns by name, in any order, through the encoding it
 * learned (strings, levels, missing cells), other columns ignored. The column layout (one feature per CSV row) is
 * numbers only.
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

    /** Training data: every column but the label (and the ignored ones) is a feature. */
    static Dataset training(Path file, Layout layout, TableSpec spec) throws IOException {
        return layout == Layout.columns ? CsvDatasetReader.readColumnLayout(file, spec.label())
                : TableReader.read(file, spec);
    }

    /** Data to score {@code model} on: its input columns by name and the label column. */
    static EncodedTable labelled(Path file, Layout layout, Model model, String labelOption, TableSpec dialect,
                                 UnknownLevels unknown) throws IOException {
        String label = labelColumn(model, labelOption);
        if (layout == Layout.columns) {
            Dataset data = CsvDatasetReader.readColumnLayout(file, label, model.featureNames());
            return new EncodedTable(data, true, 0, Map.of());
        }
        return TableReader.readLabelled(file, model.encoding(), label, classesAreText(model), dialect, unknown);
    }

    /**
     * True when the data's labels must be matched to the model's classes by spelling: unless every class is a
     * number whose value is the class's value (0/1, -1/1, 3/5 as trained), as for classes that are words, or
     * numbers read as classes with --classes (whose values are class indexes).
     */
    private static boolean classesAreText(Model model) {
        List<String> classes = model.label().classes();
        float[] values = model.label().values();
        for (int k = 0; k < classes.size(); k++) {
            String c = classes.get(k);
            try {
                if (!DecimalCells.looksNumeric(c) || Float.parseFloat(c) != values[k]) {
                    return true;
                }
            } catch (NumberFormatException e) {
                return true; // "inf", "nan": spelled like numbers, but classes by name
            }
        }
        return false;
    }

    /** The rows to predict for, encoded as {@code model} reads them. */
    static EncodedTable features(Path file, Layout layout, Model model, TableSpec dialect, UnknownLevels unknown)
            throws IOException {
        if (layout == Layout.columns) {
            float[][] rows = CsvDatasetReader.readColumnLayoutFeatures(file, model.featureNames());
            Dataset data = Dataset.fromRows(rows, new float[rows.length]).withFeatureNames(model.featureNames());
            return new EncodedTable(data, false, 0, Map.of());
        }
        return TableReader.readRows(file, model.encoding(), dialect, unknown);
    }

    /** The columns {@code names} as text, one array per example. */
    static String[][] text(Path file, Layout layout, List<String> names, TableSpec dialect) throws IOException {
        return layout == Layout.columns ? CsvDatasetReader.readColumnLayoutText(file, names)
                : TableReader.readText(file, names, dialect);
    }
}
