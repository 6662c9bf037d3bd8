package dev.soma.engine.train;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.model.Model;
import dev.soma.engine.plugins.PluginBoundary;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.engine.train.internal.ModelFactory;
import dev.soma.engine.train.internal.TrainingConfig;
import dev.soma.engine.train.internal.TrainingLoop;
import dev.soma.engine.train.internal.TrainingObjective;
import dev.soma.plugins.Loss;
import dev.soma.plugins.Optimizer;
import java.time.Duration;
import java.util.Objects;

/**
 * A model that learns as data arrives: each {@link #partialFit} takes one pass over a batch of new rows and
 * returns the updated model. Get one from {@link Trainer#online()} or {@link Trainer#online(Model)}.
 *
 * <p>The rules:
 * <ul>
 *   <li>One optimizer runs for the learner's whole life: its state (Adam's moments, momentum, the step count the
 *       schedule and bias corrections read) continues from one call to the next, as in one long epoch.</li>
 *   <li>A batch is visited in its own row order, in steps of the optimizer's batch size (the last step of a batch
 *       takes the rows left); nothing is shuffled, within or across calls. So streaming a dataset in chunks whose
 *       sizes are multiples of the batch size gives exactly the model of one unshuffled epoch over the whole
 *       ({@code trainer.shuffle(false).maxEpochs(1)}), bit for bit. A full-batch optimizer (batch, lbfgs) takes one
 *       step per call on the whole batch.</li>
 *   <li>The standardisation is fixed at the start: the initial model's, or fit on the first batch (when the
 *       trainer standardises). The classes too: the initial model's, or the first batch's (which must then hold
 *       every class); later batches may hold any of them, in any spelling the model knows, and must have the
 *       model's features and encoding.</li>
 *   <li>The schedule sees one epoch (epoch 1) whose steps go on across calls, so step-based schedules continue;
 *       the stopping rules, early stopping, sample weights and checkpoints do not apply. Batches train on the
 *       calling thread.</li>
 * </ul>
 * Not thread-safe: feed it from one thread (or synchronise).
 *
 * @param <M> the model it makes
 */
public final class OnlineTrainer<M> {

    private final ModelFactory<M> factory;
    private final TrainingConfig config;
    private final Loss loss;
    private final String positiveClass;
    private final TrainingLoop loop;
    private final Optimizer optimizer;
    private final LearningRateSchedule.Tracker schedule;
    private final long started = System.nanoTime();
    /** The model whose schema (type, features, classes) every batch is checked against. */
    private Model reference;
    private Standardizer standardizer;
    private float[] theta;
    private int batches;
    private long rows;
    private double lastCost = Double.NaN;
    private double lastLoss = Double.NaN;

    OnlineTrainer(Trainer<M> trainer, ModelFactory<M> factory, TrainingConfig config, Model initial) {
        trainer.requireOnlineSettings();
        this.factory = factory;
        this.config = config;
        PluginRegistry registry = trainer.registry();
        this.loss = trainer.loss(registry);
        this.optimizer = PluginBoundary.guard(registry.optimizer(config.optimizerName(), config.optimizerOptions()));
        this.positiveClass = trainer.positiveClass();
        this.loop = new TrainingLoop(config, loss != null ? loss.name() : "cross-entropy", optimizer);
        this.schedule = config.schedule().start();
        if (initial != null) {
            ModelFactory.PreparedFit<M> prepared = factory.prepareFrom(initial, null, loss, positiveClass);
            start(initial, initial.standardizer(), prepared.initialParameters(config.seed()));
        }
    }

    private void start(Model reference, Standardizer standardizer, float[] theta) {
        this.reference = reference;
        this.standardizer = standardizer;
        this.theta = theta;
        loop.initialise(theta.length);
    }

    /**
     * One pass over {@code batch}'s rows, in their order, continuing from the model so far; returns the updated
     * model.
     *
     * @throws IllegalArgumentException if the batch's features, encoding or label differ from the model's
     * @throws dev.soma.engine.data.DataFormatException naming the row, for a label that is not one of the classes
     * @throws TrainingDivergedException if the batch's cost after the pass is not finite
     */
    public M partialFit(Dataset batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.size() == 0) {
            throw new IllegalArgumentException("the batch has no rows");
        }
        ModelFactory.PreparedFit<M> prepared;
        if (reference == null) {
            prepared = factory.prepare(batch, loss, positiveClass);
            Dataset trained = prepared.asTrained(batch);
            Standardizer fitted = config.standardize() ? Standardizer.fit(trained)
                    : Standardizer.identity(batch.dimension());
            float[] start = prepared.initialParameters(config.seed());
            start((Model) prepared.create(start, fitted, summary(0)), fitted, start);
        } else {
            prepared = factory.prepareFrom(reference, batch, loss, positiveClass);
        }
        Dataset trained = prepared.asTrained(batch);
        TrainingObjective objective = prepared.objective(trained, standardizer, config.penalty(), null,
                config.kernels(), null, 1);
        loop.onlinePass(objective, theta, schedule, 1);
        lastCost = objective.evaluate(theta, Rows.range(0, objective.examples()), new float[theta.length]);
        lastLoss = objective.meanLoss();
        if (!Double.isFinite(lastCost)) {
            throw new TrainingDivergedException(batches + 1, Double.NaN, Double.NaN, optimizer.name(),
                    optimizer.learningRate());
        }
        batches++;
        rows += batch.size();
        return model();
    }

    /**
     * The model as it stands (null before the first batch of a learner that started from scratch).
     * Its summary counts each batch as an epoch and reports the last batch's cost after its pass.
     */
    public M model() {
        if (reference == null) {
            return null;
        }
        return factory.prepareFrom(reference, null, loss, positiveClass).create(theta.clone(), standardizer,
                summary(batches));
    }

    /** The optimizer's state now (a copy): its step count, moments and the like. */
    public dev.soma.plugins.OptimizerState optimizerState() {
        return optimizer.state();
    }

    /** The batches taken so far. */
    public int batches() {
        return batches;
    }

    /** The rows seen so far. */
    public long rows() {
        return rows;
    }

    private TrainingSummary summary(int epochs) {
        return new TrainingSummary(epochs, StopReason.MAX_EPOCHS, lastCost, lastLoss, Double.NaN,
                loss != null ? loss.name() : "cross-entropy", optimizer.name(), config.optimizerOptions().asMap(),
                optimizer.learningRate(), optimizer.batchSize(), config.penalty().l1(), config.penalty().l2(),
                Double.NaN, epochs, 0, config.kernels().name(), config.kernels().lanes(),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
