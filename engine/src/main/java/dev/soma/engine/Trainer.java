package dev.soma.engine;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.Loss;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures and runs training for one kind of model. Get one from {@code LogisticRegression.trainer()} or
 * {@code LinearRegression.trainer()}, set what differs from the defaults, and call {@link #fit}.
 *
 * <p>Defaults: the {@code "batch"} optimizer with its default learning rate, no penalty, at most 1000 epochs,
 * gradient tolerance 1e-4, cost tolerance 1e-7, seed 0, features standardised. A trainer is a mutable builder
 * and not thread-safe; {@code fit} takes an immutable snapshot, so one trainer can fit many datasets.
 *
 * @param <M> the model it makes
 */
public final class Trainer<M> {

    /** Makes the model from the trained parameters. */
    interface ModelFactory<M> {
        M create(LinearModel model, Standardizer standardizer, TrainingSummary summary);
    }

    private final String modelName;
    private final ModelFactory<M> factory;
    private String lossName;
    private Options lossOptions = Options.empty();
    private String optimizerName = "batch";
    private Options optimizerOptions = Options.empty();
    private double l2;
    private int maxEpochs = 1000;
    private double costTolerance = 1e-7;
    private double gradientTolerance = 1e-4;
    private long seed;
    private boolean standardize = true;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private PluginRegistry plugins;
    private Kernels kernels;

    Trainer(String modelName, String defaultLoss, ModelFactory<M> factory) {
        this.modelName = modelName;
        this.lossName = defaultLoss;
        this.factory = factory;
    }

    /** The optimizer plugin by name ({@code "sgd"}, {@code "minibatch"}, {@code "batch"}, ...) with its defaults. */
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
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("the L2 penalty must be a finite number >= 0, but was " + lambda);
        }
        this.l2 = lambda;
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

    /** Stop when the cost changes by no more than this over an epoch; 0 turns the criterion off. */
    public Trainer<M> costTolerance(double tolerance) {
        this.costTolerance = requireTolerance(tolerance, "costTolerance");
        return this;
    }

    /** Stop when the norm of the full gradient is at most this; 0 turns the criterion off. */
    public Trainer<M> gradientTolerance(double tolerance) {
        this.gradientTolerance = requireTolerance(tolerance, "gradientTolerance");
        return this;
    }

    /** The seed of the shuffling: the same seed, data and settings give the same model. */
    public Trainer<M> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Whether to standardise the features (on by default); the statistics are stored with the model. */
    public Trainer<M> standardize(boolean standardize) {
        this.standardize = standardize;
        return this;
    }

    /** Adds a listener that hears about every epoch. */
    public Trainer<M> listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Where plugins come from; by default they are discovered on the class path with {@code ServiceLoader}. */
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

    /**
     * Trains a model on {@code data}.
     *
     * @throws DataFormatException        if a label does not suit the loss (its row and line are named)
     * @throws IllegalArgumentException   for an unknown plugin name (the available ones are listed) or a bad option
     * @throws TrainingDivergedException  if the cost stops being finite
     */
    public M fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        TrainingConfig config = new TrainingConfig(lossName, lossOptions, optimizerName, optimizerOptions, l2,
                maxEpochs, costTolerance, gradientTolerance, seed, standardize, listeners,
                kernels != null ? kernels : KernelSelection.active());
        PluginRegistry registry = plugins != null ? plugins : PluginRegistry.discover();
        Loss loss = registry.loss(config.lossName(), config.lossOptions());
        Optimizer optimizer = registry.optimizer(config.optimizerName(), config.optimizerOptions());
        checkLabels(data, loss);

        Standardizer standardizer = config.standardize() ? Standardizer.fit(data) : Standardizer.identity(data.dimension());
        Dataset trainingData = config.standardize() ? standardizer.transform(data) : data;
        TrainingLoop.Result result = new TrainingLoop(config, loss, optimizer).run(trainingData);

        int d = data.dimension();
        float[] w = java.util.Arrays.copyOf(result.theta(), d);
        float[] folded = standardizer.foldInto(w, result.theta()[d]);
        LinearModel model = new LinearModel(java.util.Arrays.copyOf(folded, d), folded[d], data.featureNames());
        return factory.create(model, standardizer, result.summary());
    }

    private void checkLabels(Dataset data, Loss loss) {
        float[] y = data.labelArray();
        for (int i = 0; i < y.length; i++) {
            if (!loss.acceptsLabel(y[i])) {
                throw data.problemAt(i, "label '" + data.labelName() + "' is " + y[i] + ", but " + modelName
                        + " with the '" + loss.name() + "' loss needs " + loss.labelRequirement());
            }
        }
    }

    private static double requireTolerance(double tolerance, String name) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, but was " + tolerance);
        }
        return tolerance;
    }
}
