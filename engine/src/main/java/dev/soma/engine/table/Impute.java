package dev.soma.engine.table;

/** How a missing numeric cell is filled: not at all (it is an error), or with a statistic of the training column. */
public enum Impute {
    /** A missing numeric cell is an error that names it. */
    NONE,
    /** The training column's mean over its present cells. */
    MEAN,
    /** The training column's median over its present cells (the mean of the middle two for an even count). */
    MEDIAN
}
