package dev.soma.engine.network;

import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.Rows;
import java.util.SplittableRandom;

/**
 * A multi-layer perceptron's arithmetic on row-major batches: the layer sizes {@code [d, h1, …, K]}, where
 * each layer's weights (out × in, row-major) and biases sit in the flat parameter array, the forward pass, and
 * backpropagation. Every matrix product runs on the kernels: a layer's forward pass is, for each example, one
 * gemv of the weight matrix against the example's activations (the multiply and sum gates, 4 units per pass
 * sharing each activation load); its weight gradient is {@code δᵀA}, one strided {@code Xᵀδ} per unit; and the
 * back-propagated gradient is {@code δ·W}, one {@code Xᵀδ} per example — the theory's
 * {@code δ_j = (Σ_k δ_k w_kj)·v'(z_j)}, done for the whole batch.
 */
public final class Network {

    private final int[] sizes;
    private final Activation activation;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int parameterCount;

    public Network(int inputs, Architecture architecture, int outputs) {
        int[] hidden = architecture.hiddenSizes();
        sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        activation = architecture.activation();
        weightOffsets = new int[sizes.length];
        biasOffsets = new int[sizes.length];
        long offset = 0;
        for (int l = 1; l < sizes.length; l++) {
            weightOffsets[l] = (int) offset;
            offset += (long) sizes[l] * sizes[l - 1];
            biasOffsets[l] = (int) offset;
            offset += sizes[l];
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the network has more than 2³¹ parameters");
            }
        }
        parameterCount = (int) offset;
    }

    public int layers() {
        return sizes.length - 1;
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** Where layer l's weights start in θ (l ≥ 1); they are {@code sizes[l] × sizes[l-1]} floats. */
    public int weightOffset(int l) {
        return weightOffsets[l];
    }

    public int weightCount(int l) {
        return sizes[l] * sizes[l - 1];
    }

    /** Seeded Xavier/Glorot uniform (He normal for ReLU) weights, zero biases. */
    public float[] initialParameters(long seed) {
        float[] theta = new float[parameterCount];
        SplittableRandom random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        for (int l = 1; l < sizes.length; l++) {
            int in = sizes[l - 1];
            int out = sizes[l];
            boolean relu = activation == Activation.RELU && l < sizes.length - 1;
            double limit = Math.sqrt(6.0 / (in + out));
            double std = Math.sqrt(2.0 / in);
            for (int i = 0; i < out * in; i++) {
                theta[weightOffsets[l] + i] = (float) (relu ? gaussian(random) * std : (2 * random.nextDouble() - 1) * limit);
            }
        }
        return theta;
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The buffers of a batch of up to {@code capacity} examples: activations and deltas per layer. */
    public final class Workspace {
        public final int capacity;
        /** {@code activations[l]}: m × sizes[l]; [0] holds the inputs, the last the output scores (logits). */
        public final float[][] activations;
        /** {@code deltas[l]}: m × sizes[l], ∂J/∂z of layer l (l ≥ 1). */
        final float[][] deltas;

        Workspace(int capacity) {
            this.capacity = capacity;
            activations = new float[sizes.length][];
            deltas = new float[sizes.length][];
            for (int l = 0; l < sizes.length; l++) {
                activations[l] = new float[capacity * sizes[l]];
                deltas[l] = new float[capacity * sizes[l]];
            }
        }

        /** The output scores of the last forward pass, m × K. */
        public float[] outputs() {
            return activations[sizes.length - 1];
        }

        /** Where the caller puts ∂J/∂(output score), m × K, before {@link #backward}. */
        public float[] outputDeltas() {
            return deltas[sizes.length - 1];
        }
    }

    public Workspace workspace(int capacity) {
        return new Workspace(capacity);
    }

    /** Forward pass over the m examples in {@code ws.activations[0]}; hidden layers activated, outputs left as scores. */
    public void forward(float[] theta, Workspace ws, int m, Kernels kernels) {
        for (int l = 1; l < sizes.length; l++) {
            int in = sizes[l - 1];
            int out = sizes[l];
            float[] previous = ws.activations[l - 1];
            float[] current = ws.activations[l];
            Rows units = Rows.rangeAt(weightOffsets[l], 0, out);
            for (int r = 0; r < m; r++) {
                kernels.gemv(theta, in, units, previous, r * in, 0f, current, r * out);
                kernels.axpy(1f, theta, biasOffsets[l], current, r * out, out);
            }
            if (l < sizes.length - 1) {
                activation.apply(current, m * out, kernels);
            }
        }
    }

    /**
     * Backpropagation from {@code ws.outputDeltas()}: adds every layer's weight and bias gradient (summed over the
     * m examples) into {@code gradient}.
     */
    public void backward(float[] theta, Workspace ws, int m, Kernels kernels, float[] gradient) {
        for (int l = sizes.length - 1; l >= 1; l--) {
            int in = sizes[l - 1];
            int out = sizes[l];
            float[] delta = ws.deltas[l];
            float[] previous = ws.activations[l - 1];
            Rows examples = Rows.range(0, m);
            for (int o = 0; o < out; o++) {
                // ∂J/∂W[o,:] += Σ_r δ[r,o]·a[r,:]   (the multiply gate's local gradient is the other input)
                kernels.addTransposedProduct(previous, in, examples, delta, o, out, gradient, weightOffsets[l] + o * in);
                float bias = 0;
                for (int r = 0; r < m; r++) {
                    bias += delta[r * out + o]; // the sum gate passes δ to the bias unchanged
                }
                gradient[biasOffsets[l] + o] += bias;
            }
            if (l > 1) {
                // δ_prev[r,:] = (Σ_o δ[r,o]·W[o,:]) ⊙ v'(z_prev): fanout of a hidden unit sums its gradients.
                float[] previousDelta = ws.deltas[l - 1];
                java.util.Arrays.fill(previousDelta, 0, m * in, 0f);
                Rows units = Rows.rangeAt(weightOffsets[l], 0, out);
                for (int r = 0; r < m; r++) {
                    kernels.addTransposedProduct(theta, in, units, delta, r * out, 1, previousDelta, r * in);
                }
                activation.multiplyByDerivative(previous, previousDelta, m * in);
            }
        }
    }
}
