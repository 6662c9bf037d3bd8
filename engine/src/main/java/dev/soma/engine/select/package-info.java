/**
 * Model selection: cross-validation folds ({@link dev.soma.engine.select.Folds}) and what is built on them.
 */
package dev.soma.engine.select;
