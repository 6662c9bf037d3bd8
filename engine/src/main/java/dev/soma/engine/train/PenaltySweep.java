package dev.soma.engine.train;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.train.internal.ModelFactory;
import dev.soma.engine.train.internal.Penalty;
import dev.soma.engine.train.internal.TrainingConfig;
import dev.soma.engine.train.internal.TrainingLoop;
import dev.soma.engine.train.internal.TrainingObjective;
import dev.soma.plugins.Optimizer;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Fits of one trainer on one data set that differ only in their L2 penalty, one after another, each continuing where
 * the last ended: the points of a regularisation path. What a chain of warm-started {@link Trainer#fit} calls redoes
 * for every point is done once here — the labels checked and mapped, the standardisation fit, the objective and its
 * buffers made, the thread pool started — and the optimizer itself goes on from fit to fit in memory (its step count,
 * L-BFGS's curvature pairs, newton's Hessian matrix and factor, which its next step gives the new penalty), where a
 * chain would copy its state out and back in. On the 456-row breast-cancer set those per-fit costs were about a
 * quarter of a warm path's time (benchmarks/README.md, "Regularisation path").
 *
 * <p>Each fit is the fit {@link Trainer#fit} would make from the same start with the same optimizer state (where the
 * optimizer's state holds all it keeps in memory — newton's matrix only up to 256 parameters): the same stopping
 * rules, listeners and summary (its epochs and passes its own). A fit that fails (diverges, say) leaves the next one
 * to start the optimizer afresh. The standardisation is the first fit's
 * throughout, so that the parameters keep their meaning from fit to fit. Made by {@link Trainer#penaltySweep}; close
 * it to stop its threads. Not thread-safe.
 *
 * @param <M> the model
 */
public final class PenaltySweep<M> implements AutoCloseable {

    private final TrainingConfig config;
    private final ModelFactory.PreparedFit<M> prepared;
    private final Dataset train;
    private final Dataset validation;
    private final float[] weights;
    private final Standardizer standardizer;
    private final Optimizer optimizer;
    private final String lossLabel;
    private final ExecutorService pool;
    private final int threads;
    private final Consumer<float[]> finalParameters;
    private TrainingObjective objective;
    private TrainingObjective validationObjective;
    /** Where the next fit starts unless told otherwise: the last fit's parameters, or the first fit's start. */
    private float[] parameters;
    private int fits;
    /** Whether the last fit failed: the next one does not continue the optimizer. */
    private boolean failed;

    PenaltySweep(TrainingConfig config, ModelFactory.PreparedFit<M> prepared, Dataset train, Dataset validation,
                 float[] weights, Standardizer standardizer, Optimizer optimizer, String lossLabel, float[] start,
                 int threads, Consumer<float[]> finalParameters) {
        this.config = config;
        this.prepared = prepared;
        this.train = train;
        this.validation = validation;
        this.weights = weights;
        this.standardizer = standardizer;
        this.optimizer = optimizer;
        this.lossLabel = lossLabel;
        this.parameters = start;
        this.threads = threads;
        this.finalParameters = finalParameters;
        this.pool = threads > 1 ? java.util.concurrent.Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("soma-training-", 0).daemon(true).factory()) : null;
    }

    /** The next fit, with this L2 penalty, from where the last one ended (the first: the trainer's usual start). */
    public M fit(double l2) {
        return fit(l2, null);
    }

    /**
     * The next fit, with this L2 penalty, from {@code start} — parameters for features standardised as the sweep's
     * (the layout {@link #parameters()} gives), such as an extrapolation of the last optima — or, when it is null,
     * from where the last fit ended.
     *
     * @throws IllegalArgumentException for a penalty that is not a finite number ≥ 0, or a start of another length
     * @throws TrainingDivergedException if the cost stops being finite
     */
    public M fit(double l2, float[] start) {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("L2 penalty must be a finite number >= 0, but was " + l2);
        }
        if (start != null && start.length != parameters.length) {
            throw new IllegalArgumentException("a start of " + start.length + " parameters for a model of "
                    + parameters.length);
        }
        Penalty penalty = new Penalty(config.penalty().l1(), l2);
        // The first fit is a plain fit (it may resume a checkpoint or take a given optimizer state); the later ones
        // continue the optimizer as it is.
        TrainingConfig fitConfig = fits == 0 ? config.withPenalty(penalty) : config.forNextFit(penalty);
        if (objective == null) {
            objective = prepared.objective(train, standardizer, penalty, weights, config.kernels(), pool, threads);
            validationObjective = validation == null ? null
                    : prepared.objective(validation, standardizer, Penalty.NONE, null, config.kernels(), pool, threads);
        } else if (!objective.changePenalty(penalty)) {
            objective = prepared.objective(train, standardizer, penalty, weights, config.kernels(), pool, threads);
        }
        TrainingLoop.Result result;
        try {
            result = new TrainingLoop(fitConfig, lossLabel, optimizer, fits > 0 && !failed)
                    .run(objective, validationObjective, start != null ? start : parameters);
        } catch (RuntimeException | Error e) {
            // A diverged (or failed) fit leaves the optimizer's memory of no use, NaN perhaps: the next fit starts
            // it afresh, from its own start.
            failed = true;
            optimizer.reset();
            throw e;
        }
        failed = false;
        fits++;
        parameters = result.theta();
        if (finalParameters != null) {
            finalParameters.accept(parameters.clone());
        }
        return prepared.create(parameters.clone(), standardizer, result.summary());
    }

    /**
     * The last fit's trained parameters (before the first fit, its start), for features standardised as the sweep's:
     * a copy.
     */
    public float[] parameters() {
        return parameters.clone();
    }

    /** Stops the sweep's threads (none when training on one). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
