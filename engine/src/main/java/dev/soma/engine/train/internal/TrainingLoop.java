package dev.soma.engine.train.internal;

import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.LearningRateSchedule;
import dev.soma.engine.train.StepReport;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingCheckpoint;
import dev.soma.engine.train.TrainingDivergedException;
import dev.soma.engine.train.TrainingListener;
import dev.soma.engine.train.TrainingSummary;

import dev.soma.engine.kernels.Rows;
import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.StepContext;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The theory's gradient-descent loop for one neuron. Initialise θ = 0 (or take θ from a checkpoint); each
 * epoch, shuffle the example order with a generator seeded by the run's seed and the epoch number (unless the
 * batch is everything), and for every batch of m examples compute the cost and its gradient and let the
 * optimizer update θ (an objective whose rows live elsewhere, such as Spark's, draws the batches itself:
 * {@link TrainingObjective#minibatches}). After each epoch the full objective and gradient are known — for full batch from the
 * evaluation the next step needs anyway — and the stopping criteria are checked: the gradient norm, no
 * improvement of the cost (or of the validation loss), the time budget, the epoch budget.
 */
public final class TrainingLoop {

    /**
     * A cost this many times the starting cost means the steps are exploding, not exploring: stop with
     * {@link TrainingDivergedException} rather than let the no-improvement rule end training quietly on a
     * garbage model.
     */
    static final double EXPLOSION = 1e4;

    /** A cost that rose in each of this many last epochs, by more than rounding, is reported as a warning. */
    static final int RISING_EPOCHS = 3;

    private final TrainingConfig config;
    private final String lossName;
    private final Optimizer optimizer;

    /** The listeners that override {@code onStep}: only for them is a step report (and its gradient norm) made. */
    private final java.util.List<TrainingListener> stepListeners;

    /**
     * Whether the flight recorder was running when this run began: only then are its events made. Loading the
     * event classes registers them with the recorder, which costs about 0.1 s — more than a small fit.
     */
    private final boolean recording;

    /**
     * Whether the optimizer continues as the last run left it (a {@link dev.soma.engine.train.PenaltySweep}'s next
     * fit): not initialised again, its state in memory rather than restored from a copy.
     */
    private final boolean continuing;

    public TrainingLoop(TrainingConfig config, String lossName, Optimizer optimizer) {
        this(config, lossName, optimizer, false);
    }

    /**
     * @param continuing the optimizer has run before on an objective of the same shape and carries on from its state
     *                   (its step count, L-BFGS's curvature pairs, newton's matrix), as a restored state would
     */
    public TrainingLoop(TrainingConfig config, String lossName, Optimizer optimizer, boolean continuing) {
        this.config = config;
        this.lossName = lossName;
        this.optimizer = optimizer;
        this.continuing = continuing;
        this.stepListeners = config.listeners().stream().filter(TrainingLoop::listensToSteps).toList();
        this.recording = TrainingEvents.recorderRunning();
    }

    private static boolean listensToSteps(TrainingListener listener) {
        try {
            return listener.getClass().getMethod("onStep", StepReport.class).getDeclaringClass() != TrainingListener.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("TrainingListener declares onStep", e);
        }
    }

    /** The trained parameters {@code [w, b]} (for the standardised data given) and how training went. */
    public record Result(float[] theta, TrainingSummary summary) {
    }

    /**
     * @param objective           the training objective
     * @param validationObjective the early-stopping split's objective (no penalty), or null
     * @param initialTheta        the starting parameters (zeros for one neuron, seeded random for a network)
     */
    public Result run(TrainingObjective objective, TrainingObjective validationObjective, float[] initialTheta) {
        int n = objective.examples();
        int m = Math.min(Math.max(1, optimizer.batchSize()), n);
        boolean fullBatch = m == n;

        float[] theta = initialTheta.clone();
        float[] gradient = new float[theta.length];
        if (continuing) {
            objective.keepCurvature();
        } else {
            optimizer.initialise(theta.length, config.kernels());
        }
        dev.soma.plugins.OptimizerState carried = continuing ? null : config.initialOptimizerState();
        if (carried != null && config.resumeFrom() == null && carried.optimizer().equals(optimizer.name())
                && fits(carried, theta.length)) {
            optimizer.restore(carried);
            objective.keepCurvature();
        }
        LearningRateSchedule.Tracker schedule = config.schedule().start();
        Stopper stopper = new Stopper(config.costTolerance(), config.patience(), config.earlyStopping());
        boolean stopperActive = config.costTolerance() > 0 || config.earlyStopping();

        int epoch = 0;
        long elapsedBefore = 0;
        TrainingCheckpoint resume = config.resumeFrom();
        if (resume != null) {
            resume.requireCompatible(optimizer.name(), theta.length, config.seed());
            theta = resume.theta();
            optimizer.restore(resume.optimizerState());
            schedule.restore(resume.scheduleState());
            stopper.restore(resume.bestMonitored(), resume.badEpochs(), resume.bestEpoch(), resume.bestTheta());
            epoch = resume.epoch();
            elapsedBefore = resume.elapsedNanos();
        }
        long startNanos = System.nanoTime() - elapsedBefore;

        // An objective carried over from an earlier run (a sweep's) has counted that run's passes too.
        double passesAtStart = objective.passes();
        int[] order = null; // the shuffle, made at the first epoch that needs it: one int per example, the only O(n) buffer
        Rows all = Rows.range(0, n);
        CostFunction fullCost = objective.over(all);
        double cost = objective.evaluate(theta, all, gradient);
        double gradientNorm = LinearObjective.norm(gradient);
        double initialCost = Math.max(cost, 1e-8);
        // Where this run started (after a resume, the checkpoint's cost), and the last epochs' costs, for the
        // warnings of a run that ends worse than it began.
        double startCost = cost;
        double[] recentCosts = new double[RISING_EPOCHS + 1];
        java.util.Arrays.fill(recentCosts, Double.NaN);
        double validationLoss = Double.NaN;
        double factor = 1;
        StopReason stop = StopReason.MAX_EPOCHS;
        while (epoch < config.maxEpochs()) {
            epoch++;
            long epochStart = System.nanoTime();
            double passesBefore = objective.passes();
            TrainingEvents.EpochEvent epochEvent = recording ? new TrainingEvents.EpochEvent() : null;
            if (epochEvent != null) {
                epochEvent.begin();
            }
            boolean cancelled = false;
            if (fullBatch) {
                factor = step(theta, gradient, cost, n, epoch, schedule, fullCost);
                cancelled = cancelled();
            } else if (objective.minibatches(m, config.seed(), epoch) instanceof Iterable<TrainingObjective.Minibatch> drawn) {
                // The objective draws its own batches (its rows are on a cluster, say): no shuffle of row indices.
                java.util.Iterator<TrainingObjective.Minibatch> batches = drawn.iterator();
                while (batches.hasNext() && !cancelled) {
                    TrainingObjective.Minibatch batch = batches.next();
                    double batchCost = batch.evaluate(theta, gradient);
                    if (batch.size() > 0) {
                        factor = step(theta, gradient, batchCost, batch.size(), epoch, schedule, batch);
                        cancelled = cancelled();
                    }
                }
            } else {
                if (order == null) {
                    order = new int[n];
                    shuffle(order, config.seed(), epoch, false);
                }
                if (config.shuffle()) {
                    shuffle(order, config.seed(), epoch, true);
                }
                cancelled = stepsOver(objective, theta, gradient, order, m, epoch, schedule);
                factor = lastFactor;
            }
            cost = objective.evaluate(theta, all, gradient);
            gradientNorm = LinearObjective.norm(gradient);
            if (!Double.isFinite(cost) || !Double.isFinite(gradientNorm) || cost > EXPLOSION * initialCost) {
                throw new TrainingDivergedException(epoch, Double.isFinite(gradientNorm) ? cost : Double.NaN,
                        initialCost, optimizer.name(), optimizer.learningRate() * factor);
            }
            if (validationObjective != null) {
                validationLoss = validationLoss(validationObjective, theta);
            }
            double monitored = validationObjective != null ? validationLoss : cost;
            schedule.endEpoch(monitored);
            stopper.record(epoch, monitored, theta);
            System.arraycopy(recentCosts, 1, recentCosts, 0, RISING_EPOCHS);
            recentCosts[RISING_EPOCHS] = cost;
            long elapsed = System.nanoTime() - startNanos;
            EpochReport report = new EpochReport(epoch, config.maxEpochs(), cost, objective.meanLoss(), gradientNorm,
                    validationLoss, optimizer.learningRate() * factor, objective.passes() - passesAtStart, elapsed);
            if (epochEvent != null) {
                epochEvent.end();
            }
            if (epochEvent != null && epochEvent.shouldCommit()) {
                epochEvent.epoch = epoch;
                epochEvent.cost = cost;
                epochEvent.meanLoss = objective.meanLoss();
                epochEvent.gradientNorm = gradientNorm;
                epochEvent.learningRate = report.learningRate();
                epochEvent.examplesPerSecond = (objective.passes() - passesBefore) * n
                        / Math.max(1e-9, (System.nanoTime() - epochStart) / 1e9);
                epochEvent.optimizer = optimizer.name();
                epochEvent.commit();
            }
            for (TrainingListener listener : config.listeners()) {
                listener.onEpoch(report);
            }
            // A cancel raised by a listener at this epoch's end (a target reached, say) stops here, before the
            // next epoch's steps.
            cancelled = cancelled || cancelled();
            if (config.checkpoints() != null) {
                config.checkpoints().accept(new TrainingCheckpoint(epoch, config.seed(), theta, optimizer.state(),
                        schedule.state(), stopper.best(), stopper.badEpochs(), stopper.bestEpoch(),
                        stopper.bestTheta(), elapsed));
            }
            if (cancelled) {
                stop = StopReason.CANCELLED;
                break;
            }
            if (config.gradientTolerance() > 0 && gradientNorm <= config.gradientTolerance()) {
                stop = StopReason.GRADIENT_TOLERANCE;
                break;
            }
            if (stopper.exhausted(stopperActive)) {
                stop = config.earlyStopping() ? StopReason.VALIDATION_NO_IMPROVEMENT : StopReason.COST_TOLERANCE;
                break;
            }
            if (config.maxTime() != null && elapsed >= config.maxTime().toNanos()) {
                stop = StopReason.MAX_TIME;
                break;
            }
        }
        if (config.finalOptimizerState() != null) {
            config.finalOptimizerState().accept(optimizer.state());
        }
        int keptEpoch = epoch;
        if (config.earlyStopping() && stopper.bestTheta() != null) {
            theta = stopper.bestTheta();
            keptEpoch = stopper.bestEpoch();
            cost = objective.evaluate(theta, all, gradient);
            gradientNorm = LinearObjective.norm(gradient);
            validationLoss = validationLoss(validationObjective, theta);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        java.util.List<String> warnings = new java.util.ArrayList<>();
        String smaller = "; try a smaller learning rate than " + (float) (optimizer.learningRate() * factor);
        if (cost > startCost) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "the training cost ended at %.6g, above the %.6g it started from: training made the model worse%s",
                    cost, startCost, smaller));
            if (stop == StopReason.COST_TOLERANCE) {
                stop = StopReason.WORSE_THAN_START;
            }
        } else if (rising(recentCosts) && !config.earlyStopping()) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "the training cost rose over the last %d epochs, from %.6g to %.6g: training was moving away from"
                            + " the optimum when it stopped%s", RISING_EPOCHS, recentCosts[0], recentCosts[RISING_EPOCHS],
                    smaller));
        }
        TrainingSummary summary = new TrainingSummary(epoch, stop, cost, objective.meanLoss(), gradientNorm,
                lossName, optimizer.name(), config.optimizerOptions().asMap(), optimizer.learningRate(), m, config.penalty().l1(),
                config.penalty().l2(), validationLoss, keptEpoch, objective.passes() - passesAtStart,
                config.kernels().name(),
                config.kernels().lanes(), elapsed, warnings);
        return new Result(theta, summary);
    }

    /** Whether every buffer of a carried optimizer state is one value per parameter. */
    private static boolean fits(dev.soma.plugins.OptimizerState state, int parameters) {
        try {
            state.requireCompatible(state.optimizer(), parameters); // the lengths, without copying each buffer
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The factor of the schedule at the last step of {@link #stepsOver}. */
    private double lastFactor = 1;

    /**
     * The steps of one epoch over the batches {@code order[0, m)}, {@code order[m, 2m)}, ...: fused when
     * {@link #fusable()}, else each through {@link #step}. Returns whether training was cancelled.
     */
    private boolean stepsOver(TrainingObjective objective, float[] theta, float[] gradient, int[] order, int m,
                              int epoch, LearningRateSchedule.Tracker schedule) {
        int n = order.length;
        boolean cancelled = false;
        double factor = lastFactor;
        int group = prefetchGroup(m);
        if (fusable()) {
            // The optimizer's steps are plain θ ← θ − ε·f·g and nobody watches a step: the objective
            // applies them itself (same float operations, same bits), with no per-step report, context or
            // call into the plugin; the optimizer counts them afterwards.
            long stepsBefore = optimizer.steps();
            long taken = 0;
            double learningRate = optimizer.learningRate();
            try {
                for (int start = 0; start < n && !cancelled; start += m) {
                    if (group > 0 && start % group == 0 && start + group < n) {
                        objective.prefetch(Rows.indexed(order, start + group, Math.min(n, start + 2 * group)));
                    }
                    factor = schedule.factor(epoch, stepsBefore + taken + 1);
                    objective.plainStep(theta, order, start, Math.min(n, start + m),
                            (float) (learningRate * factor), gradient, config.kernels());
                    taken++;
                    cancelled = cancelled();
                }
            } finally {
                objective.endPlainSteps(theta);
                optimizer.countPlainSteps(taken);
            }
        } else {
            for (int start = 0; start < n && !cancelled; start += m) {
                if (group > 0 && start % group == 0 && start + group < n) {
                    objective.prefetch(Rows.indexed(order, start + group, Math.min(n, start + 2 * group)));
                }
                Rows batch = Rows.indexed(order, start, Math.min(n, start + m));
                double batchCost = objective.evaluate(theta, batch, gradient);
                factor = step(theta, gradient, batchCost, batch.size(), epoch, schedule, objective.over(batch));
                cancelled = cancelled();
            }
        }
        lastFactor = factor;
        return cancelled;
    }

    /** Makes the optimizer ready for a run of {@code parameters} parameters (online learning's start). */
    public void initialise(int parameters) {
        optimizer.initialise(parameters, config.kernels());
    }

    /**
     * Online learning's update: one pass over every row of {@code objective} in its order (no shuffling), in
     * batches of the optimizer's size (one full-batch step when that is all the rows), continuing the optimizer's
     * state and step count from the previous passes. {@code epoch} is the epoch the schedule is asked about.
     *
     * @return the number of steps taken
     */
    public long onlinePass(TrainingObjective objective, float[] theta, LearningRateSchedule.Tracker schedule,
                           int epoch) {
        int n = objective.examples();
        int m = Math.min(Math.max(1, optimizer.batchSize()), n);
        float[] gradient = new float[theta.length];
        long before = optimizer.steps();
        if (m == n) {
            Rows all = Rows.range(0, n);
            double cost = objective.evaluate(theta, all, gradient);
            lastFactor = step(theta, gradient, cost, n, epoch, schedule, objective.over(all));
        } else {
            int[] order = new int[n];
            shuffle(order, 0, epoch, false);
            stepsOver(objective, theta, gradient, order, m, epoch, schedule);
        }
        return optimizer.steps() - before;
    }

    /** The optimizer, for its state and step count. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * One optimizer step on a batch whose cost and gradient are given: the schedule's factor for it, the step
     * listeners, gradient clipping, then the optimizer. Returns the schedule's factor.
     */
    private double step(float[] theta, float[] gradient, double cost, int batchSize, int epoch,
                        LearningRateSchedule.Tracker schedule, CostFunction function) {
        double factor = schedule.factor(epoch, optimizer.steps() + 1);
        announceStep(epoch, batchSize, cost, gradient, optimizer.learningRate() * factor);
        clip(gradient);
        optimizer.step(theta, gradient, context(cost, factor, epoch, function));
        return factor;
    }

    /**
     * Whether this epoch's steps may be fused ({@link TrainingObjective#plainStep}): the optimizer declares plain
     * gradient descent, and nothing needs a step of its own — no step listener, no gradient clipping, no flight
     * recording of steps. Otherwise every batch goes through {@link #step}, as for any optimizer.
     */
    private boolean fusable() {
        return optimizer.plainGradientDescent() && stepListeners.isEmpty() && config.clipGradientNorm() <= 0
                && !(recording && new TrainingEvents.StepEvent().isEnabled());
    }

    /** Rows fetched ahead of small batches: enough to overlap a burst of misses, few enough to stay in L1. */
    static final int PREFETCH_ROWS = 16;

    /**
     * For small batches (shuffled rows are read at random, each a cache miss), the rows of the next
     * {@code group} are touched at the start of each group of that many, so that their misses overlap while
     * this group's steps run: the step sequence, and so SGD's statistics, stay exactly as shuffled. Returns 0
     * (no prefetch) for batches large enough that the kernels already overlap their rows' misses.
     */
    private static int prefetchGroup(int m) {
        if (m > LinearObjective.SMALL_BATCH) {
            return 0;
        }
        return m * ((PREFETCH_ROWS + m - 1) / m);
    }

    /** True when every one of the recorded epochs raised the cost, by more than a part in 10⁶. */
    private static boolean rising(double[] costs) {
        for (int i = 1; i < costs.length; i++) {
            if (!(costs[i] > costs[i - 1] * (1 + 1e-6))) {
                return false;
            }
        }
        return true;
    }

    private boolean cancelled() {
        return config.cancelled().getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /** Scales the gradient down to the clipping norm, if one is set and exceeded. */
    private void clip(float[] gradient) {
        if (config.clipGradientNorm() > 0) {
            double norm = LinearObjective.norm(gradient);
            if (norm > config.clipGradientNorm()) {
                config.kernels().scale((float) (config.clipGradientNorm() / norm), gradient);
            }
        }
    }

    /** Tells the step listeners and the flight recorder about a step, when anyone listens. */
    private void announceStep(int epoch, int batchSize, double cost, float[] gradient, double learningRate) {
        TrainingEvents.StepEvent event = recording ? new TrainingEvents.StepEvent() : null;
        if (event != null && event.shouldCommit()) {
            event.epoch = epoch;
            event.batchSize = batchSize;
            event.cost = cost;
            event.learningRate = learningRate;
            event.commit();
        }
        if (!stepListeners.isEmpty()) {
            StepReport report = new StepReport(epoch, optimizer.steps() + 1, batchSize, cost, LinearObjective.norm(gradient),
                    learningRate);
            for (TrainingListener listener : stepListeners) {
                listener.onStep(report);
            }
        }
    }

    private static double validationLoss(TrainingObjective validation, float[] theta) {
        validation.evaluate(theta, Rows.range(0, validation.examples()), new float[theta.length]);
        return validation.meanLoss();
    }

    private static StepContext context(double cost, double factor, int epoch, CostFunction function) {
        return StepContext.of(cost, factor, epoch, function);
    }

    /**
     * Fisher–Yates from the identity, with a generator seeded by the run's seed and the epoch: the same seed gives
     * the same batches, and a resumed run shuffles its next epoch exactly as the uninterrupted run would.
     */
    static void shuffle(int[] order, long seed, int epoch) {
        shuffle(order, seed, epoch, true);
    }

    /** The identity order, shuffled as {@link #shuffle(int[], long, int)} when {@code shuffled}. */
    static void shuffle(int[] order, long seed, int epoch, boolean shuffled) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (!shuffled) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * epoch));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
