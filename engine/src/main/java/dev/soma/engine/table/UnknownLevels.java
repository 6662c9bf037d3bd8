package dev.soma.engine.table;

/** What encoding does with a categorical cell whose level the training data did not have. */
public enum UnknownLevels {
    /** The column's one-hot block is all zeros (the column says nothing), and the cell is counted. */
    ZEROS,
    /** An error naming the file, line, column and level. */
    ERROR
}
