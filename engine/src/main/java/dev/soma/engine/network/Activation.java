package dev.soma.engine.network;

import dev.soma.engine.kernels.Kernels;

/**
 * A hidden layer's activation {@code a = v(z)} and the local gradient backprop multiplies by, {@code v'(z)},
 * written in terms of {@code a} so the forward pass need not keep {@code z}: sigmoid {@code a(1 − a)}, tanh
 * {@code 1 − a²}, ReLU (the max gate against 0) {@code 1 if a > 0 else 0}, identity 1.
 */
public enum Activation {
    SIGMOID {
        @Override
        void apply(float[] z, int n, Kernels kernels) {
            kernels.sigmoid(z, z, 0, n);
        }

        @Override
        void multiplyByDerivative(float[] a, float[] delta, int n) {
            for (int i = 0; i < n; i++) {
                delta[i] *= a[i] * (1 - a[i]);
            }
        }
    },
    TANH {
        /** {@code tanh z = 2σ(2z) − 1}, so it runs on the SIMD sigmoid. */
        @Override
        void apply(float[] z, int n, Kernels kernels) {
            kernels.scale(2f, z, 0, n);
            kernels.sigmoid(z, z, 0, n);
            for (int i = 0; i < n; i++) {
                z[i] = 2 * z[i] - 1;
            }
        }

        @Override
        void multiplyByDerivative(float[] a, float[] delta, int n) {
            for (int i = 0; i < n; i++) {
                delta[i] *= 1 - a[i] * a[i];
            }
        }
    },
    RELU {
        @Override
        void apply(float[] z, int n, Kernels kernels) {
            for (int i = 0; i < n; i++) {
                z[i] = Math.max(z[i], 0f);
            }
        }

        /** The max gate routes the gradient to the winning input only: here z when z > 0. */
        @Override
        void multiplyByDerivative(float[] a, float[] delta, int n) {
            for (int i = 0; i < n; i++) {
                if (!(a[i] > 0)) {
                    delta[i] = 0f;
                }
            }
        }
    },
    IDENTITY {
        @Override
        void apply(float[] z, int n, Kernels kernels) {
        }

        @Override
        void multiplyByDerivative(float[] a, float[] delta, int n) {
        }
    };

    /** {@code z[i] ← v(z[i])} for {@code i < n}, in place. */
    abstract void apply(float[] z, int n, Kernels kernels);

    /** {@code δ[i] ← δ[i]·v'(z[i])}, given the activations {@code a = v(z)}. */
    abstract void multiplyByDerivative(float[] a, float[] delta, int n);
}
