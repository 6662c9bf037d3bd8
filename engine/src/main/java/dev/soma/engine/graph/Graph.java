package dev.soma.engine.graph;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small reverse-mode computational graph of the theory's gates, on vectors. Build it forward — every gate
 * computes its value at once — then call {@link #backward(Node)} on a scalar output: each gate, newest first,
 * takes its upstream gradient and sends {@code upstream × local gradient} to its inputs.
 *
 * <ul>
 *   <li>{@link #add}: the sum gate passes the gradient to every input unchanged;</li>
 *   <li>{@link #multiply}: the multiply gate swaps its inputs (∂(ab)/∂a = b);</li>
 *   <li>{@link #max}: the max gate routes the gradient to the larger input only;</li>
 *   <li>{@link #sigmoid}: local gradient σ(1 − σ);</li>
 *   <li>fanout: a node used by several gates gets the sum of their gradients (forward fanout ⇔ backward sum);</li>
 *   <li>{@link #sum}: adds a vector's elements (forward sum ⇔ backward fanout to every element).</li>
 * </ul>
 * Elementwise gates take two vectors of one length, or a vector and a scalar (length 1), which is broadcast.
 * The arithmetic runs on the engine's kernels (SIMD when available). A graph is for one computation and is not
 * thread-safe.
 */
public final class Graph {

    private final Kernels kernels;
    private final List<Node> nodes = new ArrayList<>();

    /** A graph on the kernels chosen at start-up. */
    public Graph() {
        this(KernelSelection.active());
    }

    /** A graph on these kernels. */
    public Graph(Kernels kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    /** A value of the graph, with the gradient of the output with respect to it after {@link #backward}. */
    public static final class Node {
        private final float[] value;
        private final float[] gradient;
        private final Backward backward;

        private Node(float[] value, Backward backward) {
            this.value = value;
            this.gradient = new float[value.length];
            this.backward = backward;
        }

        /** A copy of the value. */
        public float[] value() {
            return value.clone();
        }

        /** The value of a scalar node. */
        public float scalar() {
            if (value.length != 1) {
                throw new IllegalStateException("the node holds " + value.length + " values, not one");
            }
            return value[0];
        }

        /** A copy of ∂output/∂this, after {@link Graph#backward}. */
        public float[] gradient() {
            return gradient.clone();
        }

        public int size() {
            return value.length;
        }
    }

    @FunctionalInterface
    private interface Backward {
        void run();
    }

    private Node record(float[] value, Backward backward) {
        Node node = new Node(value, backward);
        nodes.add(node);
        return node;
    }

    /** A leaf: an input or parameter whose gradient you want. */
    public Node input(float... values) {
        return record(values.clone(), () -> {
        });
    }

    /** The sum gate, elementwise: {@code a + b}. */
    public Node add(Node a, Node b) {
        int n = broadcastSize(a, b);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = at(a, i) + at(b, i);
        }
        Node[] self = new Node[1];
        self[0] = record(out, () -> {
            passThrough(self[0].gradient, a);
            passThrough(self[0].gradient, b);
        });
        return self[0];
    }

    /** The multiply gate, elementwise: {@code a ⊙ b}. */
    public Node multiply(Node a, Node b) {
        int n = broadcastSize(a, b);
        float[] out = new float[n];
        if (a.size() == b.size()) {
            kernels.hadamard(a.value, b.value, out, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = at(a, i) * at(b, i);
            }
        }
        Node[] self = new Node[1];
        self[0] = record(out, () -> {
            float[] upstream = self[0].gradient;
            // Each input's gradient is the upstream gradient times the other input: the gate swaps them.
            swapInto(upstream, b, a);
            swapInto(upstream, a, b);
        });
        return self[0];
    }

    /** The max gate, elementwise: {@code max(a, b)}; ties send the gradient to {@code a}. */
    public Node max(Node a, Node b) {
        int n = broadcastSize(a, b);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(at(a, i), at(b, i));
        }
        Node[] self = new Node[1];
        self[0] = record(out, () -> {
            float[] upstream = self[0].gradient;
            for (int i = 0; i < n; i++) {
                Node winner = at(a, i) >= at(b, i) ? a : b;
                winner.gradient[winner.size() == 1 ? 0 : i] += upstream[i];
            }
        });
        return self[0];
    }

    /** The sigmoid gate, elementwise: {@code σ(a)}, local gradient {@code σ(1 − σ)}. */
    public Node sigmoid(Node a) {
        float[] out = new float[a.size()];
        kernels.sigmoid(a.value, out, 0, out.length);
        Node[] self = new Node[1];
        self[0] = record(out, () -> {
            float[] upstream = self[0].gradient;
            for (int i = 0; i < out.length; i++) {
                a.gradient[i] += upstream[i] * out[i] * (1 - out[i]);
            }
        });
        return self[0];
    }

    /** The sum of a vector's elements, a scalar; backward, every element gets the upstream gradient. */
    public Node sum(Node a) {
        float total = 0;
        for (float v : a.value) {
            total += v;
        }
        Node[] self = new Node[1];
        self[0] = record(new float[] {total}, () -> {
            float upstream = self[0].gradient[0];
            for (int i = 0; i < a.size(); i++) {
                a.gradient[i] += upstream;
            }
        });
        return self[0];
    }

    /** The dot product {@code Σ a_i·b_i}: a multiply gate and a sum, the adder of a neuron. */
    public Node dot(Node a, Node b) {
        return sum(multiply(a, b));
    }

    /** The vectors one after another; backward, each gets its slice of the gradient. */
    public Node concat(Node... parts) {
        int n = 0;
        for (Node p : parts) {
            n += p.size();
        }
        float[] out = new float[n];
        int offset = 0;
        for (Node p : parts) {
            System.arraycopy(p.value, 0, out, offset, p.size());
            offset += p.size();
        }
        Node[] self = new Node[1];
        self[0] = record(out, () -> {
            int at = 0;
            for (Node p : parts) {
                kernels.axpy(1f, self[0].gradient, at, p.gradient, 0, p.size());
                at += p.size();
            }
        });
        return self[0];
    }

    /**
     * Computes ∂output/∂node for every node, from a scalar {@code output} (seeded with 1), visiting the gates newest
     * first. Gradients from an earlier {@code backward} are cleared first.
     */
    public void backward(Node output) {
        if (output.size() != 1) {
            throw new IllegalArgumentException("backward starts from a scalar, but the output holds " + output.size()
                    + " values: reduce it with sum(...) first");
        }
        int index = nodes.indexOf(output);
        if (index < 0) {
            throw new IllegalArgumentException("the output is not a node of this graph");
        }
        for (Node node : nodes) {
            java.util.Arrays.fill(node.gradient, 0f);
        }
        output.gradient[0] = 1f;
        for (int i = index; i >= 0; i--) {
            nodes.get(i).backward.run();
        }
    }

    private static float at(Node node, int i) {
        return node.value[node.size() == 1 ? 0 : i];
    }

    private static int broadcastSize(Node a, Node b) {
        if (a.size() == b.size() || b.size() == 1) {
            return a.size();
        }
        if (a.size() == 1) {
            return b.size();
        }
        throw new IllegalArgumentException("a gate needs inputs of one size, or one scalar: got " + a.size()
                + " and " + b.size() + " values");
    }

    /** Adds {@code upstream} into {@code target}'s gradient, summing it when {@code target} was broadcast. */
    private void passThrough(float[] upstream, Node target) {
        if (target.size() == upstream.length) {
            kernels.axpy(1f, upstream, 0, target.gradient, 0, upstream.length);
        } else {
            float total = 0;
            for (float u : upstream) {
                total += u;
            }
            target.gradient[0] += total;
        }
    }

    /** {@code target.gradient += upstream ⊙ other}, summed when {@code target} was broadcast. */
    private void swapInto(float[] upstream, Node other, Node target) {
        int n = upstream.length;
        if (target.size() == n) {
            for (int i = 0; i < n; i++) {
                target.gradient[i] += upstream[i] * at(other, i);
            }
        } else {
            float total = 0;
            for (int i = 0; i < n; i++) {
                total += upstream[i] * at(other, i);
            }
            target.gradient[0] += total;
        }
    }
}
