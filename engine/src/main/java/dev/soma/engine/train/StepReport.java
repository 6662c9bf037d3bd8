package dev.soma.engine.train;

/**
 * One optimizer step, given to {@link TrainingListener#onStep}.
 *
 * @param epoch        1-based
 * @param step         1-based, counted over the run
 * @param batchSize    examples in the step's batch
 * @param cost         the batch's cost before the step
 * @param gradientNorm the norm of the batch's gradient before the step
 * @param learningRate the optimizer's learning rate times the schedule's factor
 */
public record StepReport(int epoch, long step, int batchSize, double cost, double gradientNorm, double learningRate) {
}
