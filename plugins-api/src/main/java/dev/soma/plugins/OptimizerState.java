package dev.soma.plugins;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an optimizer's state, like PyTorch's {@code state_dict}: its name, the steps taken, named
 * float buffers (moments, velocities, histories) and named scalars. Snapshots are deep copies in both
 * directions, so neither side can change the other. The engine saves them with training checkpoints.
 */
public final class OptimizerState {

    private final String optimizer;
    private final long steps;
    private final Map<String, float[]> buffers;
    private final Map<String, Double> scalars;

    public OptimizerState(String optimizer, long steps, Map<String, float[]> buffers, Map<String, Double> scalars) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.steps = steps;
        Map<String, float[]> copy = new LinkedHashMap<>();
        buffers.forEach((k, v) -> copy.put(k, v.clone()));
        this.buffers = Collections.unmodifiableMap(copy);
        this.scalars = Map.copyOf(scalars);
    }

    /** An optimizer with nothing but a step count. */
    public static OptimizerState ofSteps(String optimizer, long steps) {
        return new OptimizerState(optimizer, steps, Map.of(), Map.of());
    }

    public String optimizer() {
        return optimizer;
    }

    public long steps() {
        return steps;
    }

    /** The buffer names. */
    public java.util.Set<String> bufferNames() {
        return buffers.keySet();
    }

    /** A copy of buffer {@code name}. */
    public float[] buffer(String name) {
        float[] b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("the state of '" + optimizer + "' has no buffer '" + name + "'");
        }
        return b.clone();
    }

    /** Scalar {@code name}. */
    public double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the state of '" + optimizer + "' has no value '" + name + "'");
        }
        return v;
    }

    public Map<String, Double> scalars() {
        return scalars;
    }

    /**
     * Checks that this state belongs to {@code name} and that every buffer has {@code parameterCount} floats.
     *
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerState other) || steps != other.steps || !optimizer.equals(other.optimizer)
                || !scalars.equals(other.scalars) || !buffers.keySet().equals(other.buffers.keySet())) {
            return false;
        }
        return buffers.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), other.buffers.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(optimizer, steps, scalars, buffers.keySet());
    }

    @Override
    public String toString() {
        return "OptimizerState[" + optimizer + ", steps " + steps + ", buffers " + buffers.keySet() + ", " + scalars + "]";
    }
}
