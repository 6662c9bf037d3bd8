package dev.soma.engine.train;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.data.ValidationSplit;
import dev.soma.engine.train.internal.ModelFactory;
import dev.soma.engine.train.internal.Penalty;
import dev.soma.engine.train.internal.TrainingConfig;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.plugins.PluginBoundary;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.Loss;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Configures and runs training for one kind of model. Get one from a model's {@code trainer()}, set what differs
 * from the defaults, and call {@link #fit}.
 *
 * <p>Defaults: the {@code "batch"} optimizer with its default learning rate, no penalty, a constant schedule, at
 * most 1000 epochs, gradient tolerance 1e-4, cost tolerance 1e-7 with patience 5, no early stopping, no time
 * limit, seed 0, features standardised. A trainer is a mutable builder and not thread-safe; {@code fit} takes an
 * immutable snapshot, so one trainer can fit many datasets.
 *
 * @param <M> the model it makes
 */
public final class Trainer<M> {

    private final ModelFactory<M> factory;
    private String lossName;
    private Options lossOptions = Options.empty();
    private String optimizerName = "batch";
    private Options optimizerOptions = Options.empty();
    private double l1;
    private double l2;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private int maxEpochs = 1000;
    private String positiveClass;
    private double costTolerance = 1e-7;
    private int patience = 5;
    private double gradientTolerance = 1e-4;
    private double validationFraction;
    private Duration maxTime;
    private long seed;
    private boolean standardize = true;
    private int threads = 1;
    private float[] sampleWeights;
    private boolean balancedClassWeights;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Consumer<TrainingCheckpoint> checkpoints;
    private double clipGradientNorm;
    private java.util.function.BooleanSupplier cancelled = () -> false;
    private TrainingCheckpoint resumeFrom;
    private PluginRegistry plugins;
    private Kernels kernels;
    private dev.soma.engine.model.Model initialModel;
    private boolean shuffle = true;
    private dev.soma.plugins.OptimizerState initialOptimizerState;
    private Consumer<dev.soma.plugins.OptimizerState> finalOptimizerState;
    private float[] initialParameters;
    private Consumer<float[]> finalParameters;

    public Trainer(ModelFactory<M> factory) {
        this.factory = factory;
        this.lossName = factory.defaultLoss();
    }

    /**
     * An independent trainer with the same settings (listeners, plugins and the initial model shared, not
     * copied): for running variations of one configuration, as the regularisation path does.
     */
    public Trainer<M> copy() {
        Trainer<M> t = new Trainer<>(factory);
        t.lossName = lossName;
        t.lossOptions = lossOptions;
        t.optimizerName = optimizerName;
        t.optimizerOptions = optimizerOptions;
        t.l1 = l1;
        t.l2 = l2;
        t.schedule = schedule;
        t.maxEpochs = maxEpochs;
        t.positiveClass = positiveClass;
        t.costTolerance = costTolerance;
        t.patience = patience;
        t.gradientTolerance = gradientTolerance;
        t.validationFraction = validationFraction;
        t.maxTime = maxTime;
        t.seed = seed;
        t.standardize = standardize;
        t.threads = threads;
        t.sampleWeights = sampleWeights;
        t.balancedClassWeights = balancedClassWeights;
        t.listeners.addAll(listeners);
        t.checkpoints = checkpoints;
        t.clipGradientNorm = clipGradientNorm;
        t.cancelled = cancelled;
        t.resumeFrom = resumeFrom;
        t.plugins = plugins;
        t.kernels = kernels;
        t.initialModel = initialModel;
        t.shuffle = shuffle;
        t.initialOptimizerState = initialOptimizerState;
        t.finalOptimizerState = finalOptimizerState;
        t.initialParameters = initialParameters;
        t.finalParameters = finalParameters;
        return t;
    }

    /**
     * Warm start: {@link #fit} continues from this trained model's parameters instead of the usual start (zeros
     * for a linear model, seeded random weights for a network). The model must be of the kind this trainer makes
     * (the same type; for a network, the same hidden layers and activation), and the data must have its schema:
     * the same feature names and {@link dev.soma.engine.table.TableEncoding} (read raw tables with
     * {@code TableReader.readLabelled(file, model.encoding(), ...)}), labels among its classes (a binary
     * classifier keeps its positive class). Otherwise {@code fit} throws an {@link IllegalArgumentException}
     * naming what differs.
     *
     * <p>The fit keeps the model's {@link dev.soma.engine.data.Standardizer} (whatever {@link #standardize} says),
     * so the parameters keep their meaning: a linear model's weights for raw features are unfolded into weights
     * for features standardised by it, a network's parameters are already for them. The stopping rules measure
     * from the model: one already at the optimum stops after the first epoch. The optimizer starts fresh (its
     * moments and memory are not in a model file; {@link #resumeFrom} continues a run with them). Null clears it.
     */
    public Trainer<M> initialModel(dev.soma.engine.model.Model model) {
        this.initialModel = model;
        return this;
    }

    /**
     * With a warm start, the optimizer's state to start from instead of a fresh one — the last
     * {@link TrainingCheckpoint#optimizerState()} of the fit that made the initial model. L-BFGS then keeps its
     * curvature pairs: along a regularisation path, where each problem differs from the last only by the penalty,
     * they save it rebuilding its picture of the Hessian at every point. Ignored when its optimizer is not this
     * trainer's or its size differs; null (the default) starts fresh.
     */
    public Trainer<M> initialOptimizerState(dev.soma.plugins.OptimizerState state) {
        this.initialOptimizerState = state;
        return this;
    }

    /**
     * Receives the optimizer's state once, when a fit ends (after its last epoch): what the next fit of a chain of
     * warm starts takes as its {@link #initialOptimizerState}, without the snapshot per epoch of
     * {@link #checkpoints}. Null (the default) asks for none.
     */
    public Trainer<M> finalOptimizerState(Consumer<dev.soma.plugins.OptimizerState> consumer) {
        this.finalOptimizerState = consumer;
        return this;
    }

    /**
     * With a warm start ({@link #initialModel}), the parameters to start from instead of the model's own, for
     * features standardised by the initial model's standardizer, in the trainer's layout ({@link #finalParameters}
     * gives a fit's): for a regularisation path that extrapolates the next optimum from the last ones. Ignored
     * without an initial model or when their number differs from the model's; null (the default) starts from the
     * model's parameters.
     */
    public Trainer<M> initialParameters(float[] theta) {
        this.initialParameters = theta == null ? null : theta.clone();
        return this;
    }

    /**
     * Receives a fit's trained parameters once, when it ends, for features standardised by the model's
     * standardizer, in the layout {@link #initialParameters} takes (a copy: the model is not affected). Null (the
     * default) asks for none.
     */
    public Trainer<M> finalParameters(Consumer<float[]> consumer) {
        this.finalParameters = consumer;
        return this;
    }

    /**
     * Whether each epoch visits the rows in a fresh order shuffled from the seed and the epoch (the default), or
     * in the data's order (as scikit-learn's {@code shuffle=False}).
     */
    public Trainer<M> shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /**
     * An online learner that starts from scratch: its first {@link OnlineTrainer#partialFit} batch fixes the
     * classes (it must hold every class) and the standardisation (fit on that batch, if standardising).
     */
    public OnlineTrainer<M> online() {
        return new OnlineTrainer<>(this, factory, config(), null);
    }

    /** An online learner that continues from a trained model, with its schema and standardizer. */
    public OnlineTrainer<M> online(dev.soma.engine.model.Model initial) {
        return new OnlineTrainer<>(this, factory, config(), Objects.requireNonNull(initial, "initial model"));
    }

    /** For {@link OnlineTrainer}: what an online learner cannot do, refused by name. */
    void requireOnlineSettings() {
        if (sampleWeights != null || balancedClassWeights) {
            throw new IllegalArgumentException("online updates take no sample or class weights (they are per row of"
                    + " one dataset)");
        }
        if (validationFraction > 0) {
            throw new IllegalArgumentException("online updates have no early stopping: evaluate the model() on held-out"
                    + " rows between batches");
        }
        if (resumeFrom != null) {
            throw new IllegalArgumentException("online updates do not resume checkpoints");
        }
    }

    Loss loss(PluginRegistry registry) {
        return lossName == null ? null : PluginBoundary.guard(registry.loss(lossName, lossOptions));
    }

    PluginRegistry registry() {
        return plugins != null ? plugins : PluginRegistry.shared();
    }

    String positiveClass() {
        return positiveClass;
    }

    private TrainingConfig config() {
        return new TrainingConfig(lossName, lossOptions, optimizerName, optimizerOptions,
                new Penalty(l1, l2), schedule, maxEpochs, costTolerance, patience, gradientTolerance,
                validationFraction, maxTime, seed, standardize, listeners, checkpoints, resumeFrom,
                kernels != null ? kernels : KernelSelection.active(), clipGradientNorm, cancelled, shuffle,
                initialOptimizerState, finalOptimizerState);
    }

    /** The optimizer plugin by name ({@code "sgd"}, {@code "adam"}, {@code "lbfgs"}, ...) with its defaults. */
    public Trainer<M> optimizer(String name) {
        return optimizer(name, Options.empty());
    }

    /** The optimizer plugin by name with options, such as {@code Options.of("learningRate", 0.5)}. */
    public Trainer<M> optimizer(String name, Options options) {
        this.optimizerName = Objects.requireNonNull(name, "optimizer name");
        this.optimizerOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /** The loss plugin by name, replacing the model's default loss. */
    public Trainer<M> loss(String name, Options options) {
        this.lossName = Objects.requireNonNull(name, "loss name");
        this.lossOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * The L2 penalty: {@code J = mean L + (λ/2)‖w‖²}, the bias not penalised. scikit-learn's {@code C} is
     * {@code λ = 1/(C·n)}.
     */
    public Trainer<M> l2(double lambda) {
        this.l2 = requireNonNegative(lambda, "the L2 penalty");
        return this;
    }

    /** The L1 penalty {@code λ1·‖w‖₁}, by subgradient (see the README), the bias not penalised. */
    public Trainer<M> l1(double lambda) {
        this.l1 = requireNonNegative(lambda, "the L1 penalty");
        return this;
    }

    /**
     * Elastic net as scikit-learn's {@code SGDClassifier}: {@code α·(ρ‖w‖₁ + (1−ρ)/2·‖w‖²)}, that is
     * {@code l1(α·ρ)} and {@code l2(α·(1−ρ))}.
     */
    public Trainer<M> elasticNet(double alpha, double l1Ratio) {
        requireNonNegative(alpha, "alpha");
        if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
            throw new IllegalArgumentException("l1Ratio must be between 0 and 1, but was " + l1Ratio);
        }
        return l1(alpha * l1Ratio).l2(alpha * (1 - l1Ratio));
    }

    /** How the learning rate changes over training (default constant). */
    public Trainer<M> schedule(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return this;
    }

    /** The epoch budget (at least 1). */
    public Trainer<M> maxEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("maxEpochs must be at least 1, but was " + epochs);
        }
        this.maxEpochs = epochs;
        return this;
    }

    /**
     * scikit-learn's {@code tol}: an epoch improves when the cost (or, with early stopping, the validation loss)
     * drops below the best so far minus this; 0 turns the criterion off (unless early stopping is on).
     */
    public Trainer<M> costTolerance(double tolerance) {
        this.costTolerance = requireNonNegative(tolerance, "costTolerance");
        return this;
    }

    /** scikit-learn's {@code n_iter_no_change}: stop after this many epochs in a row without improvement (default 5). */
    public Trainer<M> patience(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("patience must be at least 1, but was " + epochs);
        }
        this.patience = epochs;
        return this;
    }

    /** Stop when the norm of the full gradient is at most this; 0 turns the criterion off. */
    public Trainer<M> gradientTolerance(double tolerance) {
        this.gradientTolerance = requireNonNegative(tolerance, "gradientTolerance");
        return this;
    }

    /**
     * Early stopping: hold out this fraction of the training data (stratified for classes, from the seed), stop
     * when its loss has not improved for {@code patience} epochs, and keep the weights of its best epoch.
     * 0 turns it off.
     */
    public Trainer<M> earlyStopping(double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be >= 0 and < 1, but was " + validationFraction);
        }
        this.validationFraction = validationFraction;
        return this;
    }

    /** Stop after the epoch during which this much time has passed. */
    public Trainer<M> maxTime(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("maxTime must be positive, but was " + limit);
        }
        this.maxTime = limit;
        return this;
    }

    /**
     * The positive class (class 1) of a binary classifier, as the data spells it ({@code "benign"}, {@code "-1"});
     * by default the class that sorts last. Recorded in the model's {@code label()}.
     */
    public Trainer<M> positiveClass(String positiveClass) {
        this.positiveClass = Objects.requireNonNull(positiveClass, "positiveClass");
        return this;
    }

    /** The seed of the shuffling and the validation split: the same seed, data and settings give the same model. */
    public Trainer<M> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Threads to share each large batch over (default 1). A batch is cut into chunks of 4096 rows whatever the
     * thread count, and the chunks' results are added in order, so the model is bit-for-bit the same for any
     * number of threads. Only batches of more than one chunk use them; networks train on one thread.
     */
    public Trainer<M> threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
        }
        this.threads = threads;
        return this;
    }

    /** Whether to standardise the features (on by default); the statistics are stored with the model. */
    public Trainer<M> standardize(boolean standardize) {
        this.standardize = standardize;
        return this;
    }

    /**
     * A weight per training example (finite, at least 0, not all 0): the cost becomes {@code (1/n) Σ s_i·L_i}.
     * Copied; checked against the data at {@code fit}.
     */
    public Trainer<M> sampleWeights(float[] weights) {
        this.sampleWeights = weights == null ? null : weights.clone();
        return this;
    }

    /**
     * scikit-learn's {@code class_weight="balanced"}: each example of class c weighs {@code n / (K·n_c)}, so every
     * class counts the same in total. Combines with {@link #sampleWeights} by multiplication.
     */
    public Trainer<M> balancedClassWeights(boolean balanced) {
        this.balancedClassWeights = balanced;
        return this;
    }

    /** Adds a listener that hears about every epoch. */
    public Trainer<M> listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Gradient clipping: before each step, a gradient whose Euclidean norm exceeds {@code maxNorm} is scaled down
     * to that norm (as PyTorch's {@code clip_grad_norm_}). 0 (the default) turns it off.
     */
    public Trainer<M> clipGradientNorm(double maxNorm) {
        this.clipGradientNorm = requireNonNegative(maxNorm, "clipGradientNorm");
        return this;
    }

    /**
     * Cancellation: {@code cancelled} is asked before every step; when it says true — or the training thread is
     * interrupted — training stops after that step with {@link StopReason#CANCELLED} and returns the model with the
     * weights it has (the interrupt flag stays set).
     */
    public Trainer<M> cancelWhen(java.util.function.BooleanSupplier cancelled) {
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
        return this;
    }

    /** Receives a {@link TrainingCheckpoint} after every epoch (to save with {@link TrainingCheckpoint#save}). */
    public Trainer<M> checkpoints(Consumer<TrainingCheckpoint> consumer) {
        this.checkpoints = consumer;
        return this;
    }

    /** Continues the run that made {@code checkpoint} (same data and settings) instead of starting afresh. */
    public Trainer<M> resumeFrom(TrainingCheckpoint checkpoint) {
        this.resumeFrom = checkpoint;
        return this;
    }

    /**
     * Where plugins come from; by default {@link PluginRegistry#shared()}: discovered on the class path with
     * {@code ServiceLoader} once, not at every fit.
     */
    public Trainer<M> plugins(PluginRegistry registry) {
        this.plugins = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * The kernels to train with; by default {@link KernelSelection#active()}. For comparing the vector and the
     * scalar path in one JVM.
     */
    public Trainer<M> kernels(Kernels kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        return this;
    }

    /** True when the model it trains is a classifier (logistic, SVM, softmax, MLP), false for regression. */
    public boolean isClassifier() {
        return factory.classifier();
    }

    /**
     * Checks {@code data}'s labels as {@link #fit} does first (a third value for a binary classifier, a fractional
     * or regression-like label for a classifier, a loss for another task), without training: for callers that
     * split the data before fitting, so that a label error is the one {@code fit} gives, not a split's.
     *
     * @throws DataFormatException      if a label does not suit the model or its loss (its row and line named)
     * @throws IllegalArgumentException for a loss for another task than the model's, or an unknown plugin name
     */
    public void checkLabels(Dataset data) {
        Objects.requireNonNull(data, "data");
        factory.prepare(data, loss(registry()), positiveClass);
    }

    /**
     * Trains a model on {@code data}.
     *
     * @throws DataFormatException        if a label does not suit the loss (its row and line are named)
     * @throws IllegalArgumentException   for an unknown plugin name (the available ones are listed), a bad option,
     *                                    a loss for another task than the model's (a regression loss on a
     *                                    classifier), or sample weights that do not fit the data
     * @throws dev.soma.engine.plugins.IncompatiblePluginException if a plugin was built against an incompatible
     *                                    {@code soma-plugins-api}
     * @throws TrainingDivergedException  if the cost stops being finite
     */
    public M fit(Dataset data) {
        try (PenaltySweep<M> sweep = penaltySweep(data)) {
            return sweep.fit(l2);
        }
    }

    /**
     * Fits on {@code data} that differ only in their L2 penalty, one after another, each continuing where the last
     * ended, with everything but the optimizer's steps done once: for a regularisation path. Each fit is this
     * trainer's with that penalty ({@link PenaltySweep}). The first fit starts as {@link #fit} would (from the
     * initial model, a checkpoint, a given optimizer state); close the sweep when done.
     *
     * @throws DataFormatException      if a label does not suit the loss (its row and line are named)
     * @throws IllegalArgumentException as {@link #fit} does, before any training
     */
    public PenaltySweep<M> penaltySweep(Dataset data) {
        Objects.requireNonNull(data, "data");
        TrainingConfig config = config();
        if (initialModel != null && resumeFrom != null) {
            throw new IllegalArgumentException("a fit either continues from an initial model or resumes a checkpoint,"
                    + " not both");
        }
        if (initialModel != null && initialModel.isClassifier()) {
            requireSeveralClasses(data);
        }
        PluginRegistry registry = registry();
        // Guarded: a plugin built against another soma-plugins-api fails with one clear IncompatiblePluginException.
        Loss loss = config.lossName() == null ? null
                : PluginBoundary.guard(registry.loss(config.lossName(), config.lossOptions()));
        Optimizer optimizer = PluginBoundary.guard(registry.optimizer(config.optimizerName(), config.optimizerOptions()));
        ModelFactory.PreparedFit<M> prepared = initialModel != null
                ? factory.prepareFrom(initialModel, data, loss, positiveClass)
                : factory.prepare(data, loss, positiveClass);
        data = prepared.asTrained(data);
        float[] weights = exampleWeights(data);

        Dataset train = data;
        Dataset validation = null;
        if (config.earlyStopping()) {
            ValidationSplit split = ValidationSplit.of(data, config.validationFraction(), config.seed());
            train = data.subset(split.train());
            validation = data.subset(split.validation());
            weights = weights == null ? null : pick(weights, split.train());
        }
        // A warm start keeps the initial model's standardisation, so that its parameters keep their meaning.
        Standardizer standardizer = initialModel != null ? initialModel.standardizer()
                : config.standardize() ? Standardizer.fit(train) : Standardizer.identity(data.dimension());
        String lossLabel = loss != null ? loss.name() : "cross-entropy";
        float[] start = prepared.initialParameters(config.seed());
        if (initialModel != null && initialParameters != null && initialParameters.length == start.length) {
            start = initialParameters.clone();
        }
        return new PenaltySweep<>(config, prepared, train, validation, weights, standardizer, optimizer, lossLabel,
                start, threads, finalParameters);
    }

    /**
     * A continued fit on examples of one class only would pull the model towards predicting that class everywhere,
     * which a fit from scratch refuses too; an {@link OnlineTrainer} takes such batches, as one step of a stream.
     */
    private static void requireSeveralClasses(Dataset data) {
        for (int i = 1; i < data.size(); i++) {
            if (data.label(i) != data.label(0)) {
                return;
            }
        }
        throw new DataFormatException(data.source(), "every label '" + data.labelName() + "' is "
                + data.spellLabel(data.label(0)) + ": a classifier continued on examples of one class would learn to"
                + " predict it everywhere; continue on data with examples of every class (OnlineTrainer.partialFit"
                + " takes batches of some classes, as steps of a stream)");
    }

    /** The per-example weights from {@link #sampleWeights} and {@link #balancedClassWeights}, or null for none. */
    private float[] exampleWeights(Dataset data) {
        int n = data.size();
        float[] weights = null;
        if (sampleWeights != null) {
            if (sampleWeights.length != n) {
                throw new IllegalArgumentException(sampleWeights.length + " sample weights for " + n
                        + " examples: give one weight per example");
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (!(sampleWeights[i] >= 0) || Float.isInfinite(sampleWeights[i])) {
                    throw new IllegalArgumentException("sample weight " + i + " is " + sampleWeights[i]
                            + ": weights must be finite and >= 0");
                }
                total += sampleWeights[i];
            }
            if (total == 0) {
                throw new IllegalArgumentException("every sample weight is 0: at least one example must count");
            }
            weights = sampleWeights.clone();
        }
        if (balancedClassWeights) {
            Map<Float, Integer> counts = new HashMap<>();
            for (int i = 0; i < n; i++) {
                counts.merge(data.label(i), 1, Integer::sum);
            }
            if (counts.size() > Dataset.MAX_CLASSES) {
                throw new IllegalArgumentException("balanced class weights need class labels, but the labels take "
                        + counts.size() + "+ distinct values");
            }
            if (weights == null) {
                weights = new float[n];
                Arrays.fill(weights, 1f);
            }
            for (int i = 0; i < n; i++) {
                weights[i] *= (float) ((double) n / (counts.size() * counts.get(data.label(i))));
            }
        }
        return weights;
    }

    private static float[] pick(float[] values, int[] rows) {
        float[] picked = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            picked[k] = values[rows[k]];
        }
        return picked;
    }

    private static double requireNonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, but was " + value);
        }
        return value;
    }
}
