package dev.soma.plugins;

/**
 * A gradient-descent update rule and its batching, after the theory's loop: while the stopping criterion is
 * not met, take {@code m} examples, estimate the mean gradient {@code ĝ} over them, update
 * {@code θ ← rule(θ, ĝ)}.
 *
 * <p>The engine owns the parameters, the data and the gradient; the optimizer owns its batching, its rule and
 * whatever state the rule keeps (a step count, velocities, moments...).
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>{@link OptimizerProvider#create} makes a new optimizer from the user's options, one per training run.</li>
 *   <li>{@link #initialise initialise(parameterCount, ops)} once at the start of the run: allocate the state for
 *       {@code parameterCount} parameters, set the step count to 0, keep {@code ops}.</li>
 *   <li>When the run resumes from a checkpoint, {@link #restore restore(state)} right after {@code initialise}.</li>
 *   <li>{@link #step step(parameters, gradient, context)} once per batch, in order, on the same
 *       {@code parameters} array; between steps the engine may call {@link #state()} (for a checkpoint),
 *       {@link #steps()} and {@link #learningRate()} (for reports).</li>
 *   <li>{@link #reset()} forgets the state but keeps the parameter count and the {@code ops};
 *       {@link #copy()} makes an independent optimizer that continues from the same state.</li>
 * </ol>
 *
 * <h2>What a step receives</h2>
 * The engine takes {@code m = min(batchSize(), n)} examples (the last batch of an epoch may be smaller; the
 * batches are a seeded shuffle, or every example for {@link #FULL_BATCH}), and passes to {@link #step}:
 * <ul>
 *   <li>{@code parameters}: θ, {@code parameterCount} floats, to update in place;</li>
 *   <li>{@code gradient}: the <b>mean</b> over the batch of {@code ∂L/∂θ}, <b>with the penalties included</b>
 *       (the L2 term {@code λ2·w} and the L1 subgradient {@code λ1·sign(w)} on the weights, never on a bias), and
 *       already scaled down when the user set a gradient-clipping norm; the optimizer may overwrite it;</li>
 *   <li>{@code context}: the cost {@code J} at θ over the same batch (mean loss plus penalty), the learning-rate
 *       schedule's factor, the epoch, and the batch's {@link CostFunction} for rules that evaluate {@code J}
 *       elsewhere (line searches).</li>
 * </ul>
 * The step size of an update is the optimizer's own learning rate <b>multiplied by</b>
 * {@link StepContext#learningRateFactor() context.learningRateFactor()}; an optimizer that ignores the factor
 * breaks every learning-rate schedule silently. The engine keeps the arrays it passes: do not hold on to them
 * after the call.
 *
 * <p>An optimizer is not thread-safe; {@link #copy()} makes an independent one.
 */
public interface Optimizer {

    /** Marks a {@link #batchSize} of "every example": full-batch gradient descent. */
    int FULL_BATCH = Integer.MAX_VALUE;

    /**
     * The optimizer's stable name, as users select it.
     *
     * @return the same name as its provider's {@link PluginProvider#name()}
     */
    String name();

    /**
     * How many examples each step sees. The engine uses {@code min(batchSize(), n)} for {@code n} training
     * examples (at least 1).
     *
     * @return 1 (stochastic), {@code k} (minibatch) or {@link #FULL_BATCH}
     */
    int batchSize();

    /**
     * Prepares for a training run over {@code parameterCount} parameters, discarding any earlier state: allocate
     * the state buffers, set {@link #steps()} to 0. Called once per run, before any {@link #step}.
     *
     * @param parameterCount the length of the {@code parameters} and {@code gradient} arrays of every step
     * @param ops            the SIMD operations to use for the update; keep it for the steps
     */
    void initialise(int parameterCount, VectorOps ops);

    /**
     * Applies one update to {@code parameters} in place and counts one step. The step size is the optimizer's
     * learning rate times {@code context.learningRateFactor()}.
     *
     * @param parameters θ, of the length given to {@link #initialise}; updated in place
     * @param gradient   the mean gradient of the cost over the batch at θ, penalties included (see the class
     *                   comment); the optimizer may overwrite it
     * @param context    the cost at {@code parameters}, the schedule's learning-rate factor, the epoch, and the cost
     *                   function of the batch for optimizers that evaluate it elsewhere
     * @throws IllegalStateException if the optimizer was not {@link #initialise initialised} (recommended)
     */
    void step(float[] parameters, float[] gradient, StepContext context);

    /**
     * Forgets all state, as if freshly {@link #initialise initialised} with the same parameter count and
     * {@code ops}: zero the buffers, set {@link #steps()} to 0.
     */
    void reset();

    /**
     * An independent optimizer with the same configuration and a copy of the current state (buffers, step
     * count, parameter count, {@code ops}): stepping either one does not change the other, and both continue
     * exactly alike.
     *
     * @return the copy
     */
    Optimizer copy();

    /**
     * The learning rate the optimizer was configured with, before any schedule factor; the engine multiplies
     * it by the factor for progress reports and error messages.
     *
     * @return the configured step size {@code ε}
     */
    double learningRate();

    /**
     * The steps taken since {@link #initialise} or {@link #reset} (restored by {@link #restore}). The engine asks
     * the learning-rate schedule for step {@code steps() + 1} before each step, so count every step exactly once.
     *
     * @return the number of completed {@link #step} calls
     */
    long steps();

    /**
     * A deep copy of the state, for checkpoints. It must hold everything a {@link #restore} needs to continue
     * exactly, bit for bit, as this optimizer would: {@link #name()}, {@link #steps()}, every per-parameter
     * buffer (each of the parameter count) and any scalar that changes during training. Configuration (the
     * options) is not part of it: the resumed run creates the optimizer from the same options.
     *
     * @return a snapshot that later steps do not change
     */
    OptimizerState state();

    /**
     * Replaces the state with a copy of {@code state}, so that training continues exactly where the snapshot was
     * taken. Called after {@link #initialise}; check the snapshot with
     * {@link OptimizerState#requireCompatible(String, int) state.requireCompatible(name(), parameterCount)}.
     *
     * @param state a snapshot from {@link #state()} of an optimizer of the same name and parameter count
     * @throws IllegalArgumentException if the state belongs to another optimizer or another parameter count
     */
    void restore(OptimizerState state);

    /**
     * Whether every {@link #step} of this rule is exactly plain gradient descent,
     * {@code θ ← θ − ε·f·ĝ} with {@code ε = }{@link #learningRate()} and {@code f} the context's
     * {@link StepContext#learningRateFactor() learning-rate factor}, the step size rounded to float first
     * ({@code (float) (ε·f)}), reading nothing else from the context, and keeping no state but the step count.
     *
     * <p>A rule that declares it lets the engine apply its steps itself, fused with the gradient's computation and
     * without the per-step call (at one example per step that call and its context are most of a step's cost): the
     * engine then updates θ by the formula above and reports the steps it took with {@link #countPlainSteps}. The
     * engine still calls {@link #step} whenever it needs to (a step listener, gradient clipping, a flight
     * recording), so both must agree; the plugin test kit checks that they do.
     *
     * <p>The default is false: the engine calls {@link #step} for every batch, as it always has. Added in
     * {@code soma-plugins-api} 0.1 as a default method: plugins compiled without it run unchanged.
     *
     * @return true only if {@link #step} is exactly the plain rule above
     */
    default boolean plainGradientDescent() {
        return false;
    }

    /**
     * Counts {@code steps} steps that the engine applied itself by the plain rule (see
     * {@link #plainGradientDescent()}), as though {@link #step} had been called that many times: {@link #steps()}
     * grows by {@code steps}, and {@link #state()} and {@link #copy()} reflect it. Called only on an optimizer
     * that declares {@link #plainGradientDescent()}.
     *
     * @param steps the number of steps taken, at least 0
     * @throws UnsupportedOperationException (the default) if the rule is not declared plain
     */
    default void countPlainSteps(long steps) {
        throw new UnsupportedOperationException("the '" + name() + "' optimizer does not declare plain gradient descent");
    }
}
