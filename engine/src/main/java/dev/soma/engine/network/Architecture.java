package dev.soma.engine.network;

import java.util.Arrays;

/**
 * The hidden layers of a network: their sizes and activation. {@code Architecture.none()} is softmax
 * regression (inputs straight to the K outputs); {@code Architecture.hidden(32, 16)} two hidden layers.
 * The input and output sizes come from the data. Weights start seeded: Xavier/Glorot uniform,
 * {@code U(±√(6/(in + out)))}, for sigmoid, tanh and identity; He normal, {@code N(0, 2/in)}, for ReLU; biases 0.
 */
public record Architecture(int[] hiddenSizes, Activation activation) {

    public Architecture {
        hiddenSizes = hiddenSizes.clone();
        for (int size : hiddenSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("a hidden layer needs at least one unit, but got " + Arrays.toString(hiddenSizes));
            }
        }
        if (activation == null) {
            throw new IllegalArgumentException("an architecture needs an activation");
        }
    }

    /** No hidden layer: softmax regression. */
    public static Architecture none() {
        return new Architecture(new int[0], Activation.SIGMOID);
    }

    /** Hidden layers of these sizes, with the sigmoid (change it with {@link #activation(Activation)}). */
    public static Architecture hidden(int... sizes) {
        return new Architecture(sizes, Activation.SIGMOID);
    }

    /** The same layers with another activation. */
    public Architecture activation(Activation hiddenActivation) {
        return new Architecture(hiddenSizes, hiddenActivation);
    }

    @Override
    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && Arrays.equals(hiddenSizes, a.hiddenSizes) && activation == a.activation;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hiddenSizes) + activation.hashCode();
    }

    @Override
    public String toString() {
        return hiddenSizes.length == 0 ? "softmax regression"
                : "hidden " + Arrays.toString(hiddenSizes) + " " + activation.name().toLowerCase(java.util.Locale.ROOT);
    }
}
