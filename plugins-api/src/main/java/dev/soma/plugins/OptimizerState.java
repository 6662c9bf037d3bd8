package dev.soma.plugins;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an optimizer's state, like PyTorch's {@code state_dict}: its name, the steps taken, named
 * float buffers (moments, velocities, histories) and named scalars. Snapshots are deep copies in both
 * directions, so neither side can change the other. The engine saves them with training checkpoints and hands
 * them back to {@link Optimizer#restore} when a run resumes.
 *
 * <p>An optimizer with one per-parameter buffer writes and reads it like this:
 *
 * <pre>{@code
 * public OptimizerState state() {
 *     return new OptimizerState(name(), steps, Map.of("velocity", velocity), Map.of());
 * }
 *
 * public void restore(OptimizerState state) {
 *     state.requireCompatible(name(), velocity.length);
 *     System.arraycopy(state.buffer("velocity"), 0, velocity, 0, velocity.length);
 *     steps = state.steps();
 * }
 * }</pre>
 *
 * Two snapshots are {@link #equals equal} when the name, the step count, the scalars and every buffer's contents
 * are equal.
 */
public final class OptimizerState {

    private final String optimizer;
    private final long steps;
    private final Map<String, float[]> buffers;
    private final Map<String, Double> scalars;

    /**
     * A snapshot; the buffers are copied, so the optimizer may keep changing its arrays.
     *
     * @param optimizer the optimizer's {@link Optimizer#name() name}
     * @param steps     the steps taken ({@link Optimizer#steps()})
     * @param buffers   state arrays by name, in the order given; for {@link #requireCompatible} each must have one
     *                  float per parameter
     * @param scalars   single numbers by name that change during training (none for most optimizers)
     */
    public OptimizerState(String optimizer, long steps, Map<String, float[]> buffers, Map<String, Double> scalars) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.steps = steps;
        Map<String, float[]> copy = LinkedHashMap.newLinkedHashMap(buffers.size());
        buffers.forEach((k, v) -> copy.put(k, v.clone()));
        this.buffers = Collections.unmodifiableMap(copy);
        this.scalars = Map.copyOf(scalars);
    }

    /**
     * The state of an optimizer with nothing but a step count (plain gradient descent).
     *
     * @param optimizer the optimizer's name
     * @param steps     the steps taken
     * @return a snapshot without buffers or scalars
     */
    public static OptimizerState ofSteps(String optimizer, long steps) {
        return new OptimizerState(optimizer, steps, Map.of(), Map.of());
    }

    /**
     * The name of the optimizer this state belongs to.
     *
     * @return the {@link Optimizer#name() name} given when the snapshot was taken
     */
    public String optimizer() {
        return optimizer;
    }

    /**
     * The steps the optimizer had taken.
     *
     * @return the step count to restore
     */
    public long steps() {
        return steps;
    }

    /**
     * The names of the buffers.
     *
     * @return the names, in the order given; unmodifiable
     */
    public java.util.Set<String> bufferNames() {
        return buffers.keySet();
    }

    /**
     * One buffer.
     *
     * @param name the buffer's name
     * @return a copy of its values
     * @throws IllegalArgumentException if there is no buffer of that name
     */
    public float[] buffer(String name) {
        float[] b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("the state of '" + optimizer + "' has no buffer '" + name + "'");
        }
        return b.clone();
    }

    /**
     * One scalar.
     *
     * @param name the scalar's name
     * @return its value
     * @throws IllegalArgumentException if there is no scalar of that name
     */
    public double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the state of '" + optimizer + "' has no value '" + name + "'");
        }
        return v;
    }

    /**
     * All scalars.
     *
     * @return the scalars by name; unmodifiable
     */
    public Map<String, Double> scalars() {
        return scalars;
    }

    /**
     * Checks that this state belongs to {@code name} and that every buffer has {@code parameterCount} floats:
     * the first thing {@link Optimizer#restore} does.
     *
     * @param name           the restoring optimizer's name
     * @param parameterCount the parameter count it was initialised for
     * @throws IllegalArgumentException saying what does not match
     */
    public void requireCompatible(String name, int parameterCount) {
        if (!optimizer.equals(name)) {
            throw new IllegalArgumentException("this state is of the '" + optimizer + "' optimizer, not '" + name + "'");
        }
        buffers.forEach((k, v) -> {
            if (v.length != parameterCount) {
                throw new IllegalArgumentException("state buffer '" + k + "' of '" + name + "' has " + v.length
                        + " values, but the model has " + parameterCount + " parameters");
            }
        });
    }

    /**
     * Whether {@code o} is a snapshot with the same name, step count, scalars and buffer contents.
     *
     * @param o another object
     * @return true if they are equal
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerState other) || steps != other.steps || !optimizer.equals(other.optimizer)
                || !scalars.equals(other.scalars) || !buffers.keySet().equals(other.buffers.keySet())) {
            return false;
        }
        return buffers.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), other.buffers.get(e.getKey())));
    }

    /**
     * A hash consistent with {@link #equals} (of the name, steps, scalars and buffer names).
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(optimizer, steps, scalars, buffers.keySet());
    }

    /**
     * The name, the step count, the buffer names and the scalars (not the buffers' values).
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return "OptimizerState[" + optimizer + ", steps " + steps + ", buffers " + buffers.keySet() + ", " + scalars + "]";
    }
}
