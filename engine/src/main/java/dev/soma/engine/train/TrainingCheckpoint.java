package dev.soma.engine.train;

import dev.soma.engine.io.AtomicFiles;

import dev.soma.plugins.OptimizerState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a training run needs to continue exactly where it stopped, as PyTorch's {@code state_dict} of
 * model and optimizer together: the epochs completed, the parameters (for the standardised data), the
 * optimizer's state, the schedule's and the stopping criteria's state, and the time spent. A trainer with the
 * same settings, given the same data and {@link Trainer#resumeFrom(TrainingCheckpoint)}, then produces the
 * same model as one uninterrupted run, bit for bit: the shuffling of each epoch depends only on the seed and
 * the epoch number.
 *
 * <p>{@link #save(Path)} writes a small versioned binary file atomically (a temporary file, then a rename), so
 * a crash never leaves half a checkpoint behind; {@link #load(Path)} checks the format and says what is wrong.
 */
public final class TrainingCheckpoint {

    private static final long MAGIC = 0x534f4d41434b5054L; // "SOMACKPT"
    private static final int VERSION = 1;

    private final int epoch;
    private final long seed;
    private final float[] theta;
    private final OptimizerState optimizerState;
    private final double[] scheduleState;
    private final double bestMonitored;
    private final int badEpochs;
    private final int bestEpoch;
    private final float[] bestTheta;
    private final long elapsedNanos;

    public TrainingCheckpoint(int epoch, long seed, float[] theta, OptimizerState optimizerState, double[] scheduleState,
                       double bestMonitored, int badEpochs, int bestEpoch, float[] bestTheta, long elapsedNanos) {
        this.epoch = epoch;
        this.seed = seed;
        this.theta = theta.clone();
        this.optimizerState = Objects.requireNonNull(optimizerState, "optimizerState");
        this.scheduleState = scheduleState.clone();
        this.bestMonitored = bestMonitored;
        this.badEpochs = badEpochs;
        this.bestEpoch = bestEpoch;
        this.bestTheta = bestTheta == null ? null : bestTheta.clone();
        this.elapsedNanos = elapsedNanos;
    }

    /** Epochs completed. */
    public int epoch() {
        return epoch;
    }

    /** The seed of the run. */
    public long seed() {
        return seed;
    }

    /** The optimizer's name. */
    public String optimizer() {
        return optimizerState.optimizer();
    }

    /** A copy of the optimizer's state. */
    public OptimizerState optimizerState() {
        return optimizerState;
    }

    public float[] theta() {
        return theta.clone();
    }

    public double[] scheduleState() {
        return scheduleState.clone();
    }

    public double bestMonitored() {
        return bestMonitored;
    }

    public int badEpochs() {
        return badEpochs;
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public float[] bestTheta() {
        return bestTheta == null ? null : bestTheta.clone();
    }

    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** Checks that this checkpoint can continue a run of {@code optimizer} over {@code parameters} with {@code seed}. */
    public void requireCompatible(String optimizer, int parameters, long runSeed) {
        if (!optimizerState.optimizer().equals(optimizer)) {
            throw new IllegalArgumentException("the checkpoint was made by the '" + optimizerState.optimizer()
                    + "' optimizer, but this trainer uses '" + optimizer + "'");
        }
        if (theta.length != parameters) {
            // Parameters, not features: for a network they are every layer's weights and biases.
            throw new IllegalArgumentException("the checkpoint holds " + theta.length + " parameters, but this model on "
                    + "this data has " + parameters + ": it was made for another model or other features");
        }
        if (seed != runSeed) {
            throw new IllegalArgumentException("the checkpoint was made with seed " + seed + ", but this trainer has seed "
                    + runSeed + ": set the same seed to continue the run");
        }
    }

    /** Writes the checkpoint to {@code file} atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, temporary -> {
            try (OutputStream raw = Files.newOutputStream(temporary);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                write(out);
            }
        });
    }

    /**
     * Reads a checkpoint written by {@link #save(Path)}.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static TrainingCheckpoint load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readLong() != MAGIC) {
                throw new IOException(file + " is not a Soma training checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " is a checkpoint of format " + version + "; this Soma reads format " + VERSION);
            }
            int epoch = in.readInt();
            long seed = in.readLong();
            float[] theta = readFloats(in);
            String optimizer = in.readUTF();
            long steps = in.readLong();
            Map<String, float[]> buffers = new LinkedHashMap<>();
            int bufferCount = in.readInt();
            for (int i = 0; i < bufferCount; i++) {
                buffers.put(in.readUTF(), readFloats(in));
            }
            Map<String, Double> scalars = new LinkedHashMap<>();
            int scalarCount = in.readInt();
            for (int i = 0; i < scalarCount; i++) {
                scalars.put(in.readUTF(), in.readDouble());
            }
            double[] schedule = new double[in.readInt()];
            for (int i = 0; i < schedule.length; i++) {
                schedule[i] = in.readDouble();
            }
            double best = in.readDouble();
            int bad = in.readInt();
            int bestEpoch = in.readInt();
            float[] bestTheta = in.readBoolean() ? readFloats(in) : null;
            long elapsed = in.readLong();
            if (in.read() != -1) {
                throw new IOException(file + " has bytes after the checkpoint: it is damaged");
            }
            return new TrainingCheckpoint(epoch, seed, theta, new OptimizerState(optimizer, steps, buffers, scalars),
                    schedule, best, bad, bestEpoch, bestTheta, elapsed);
        } catch (EOFException e) {
            throw new IOException(file + " ends early: the checkpoint is truncated", e);
        }
    }

    private void write(DataOutputStream out) throws IOException {
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(epoch);
        out.writeLong(seed);
        writeFloats(out, theta);
        out.writeUTF(optimizerState.optimizer());
        out.writeLong(optimizerState.steps());
        out.writeInt(optimizerState.bufferNames().size());
        for (String name : optimizerState.bufferNames()) {
            out.writeUTF(name);
            writeFloats(out, optimizerState.buffer(name));
        }
        out.writeInt(optimizerState.scalars().size());
        for (var e : optimizerState.scalars().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
        out.writeInt(scheduleState.length);
        for (double v : scheduleState) {
            out.writeDouble(v);
        }
        out.writeDouble(bestMonitored);
        out.writeInt(badEpochs);
        out.writeInt(bestEpoch);
        out.writeBoolean(bestTheta != null);
        if (bestTheta != null) {
            writeFloats(out, bestTheta);
        }
        out.writeLong(elapsedNanos);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 28) {
            throw new IOException("a checkpoint array claims " + length + " values: the file is damaged");
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
