package dev.soma.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every gate passes a numerical gradient check (central differences, relative error under 1e-3 in float), and
 * the theory's worked example — ∂J/∂w_ji through a hidden unit — comes out as δ_j·x_i.
 */
class GraphTest {

    private final Kernels kernels = KernelSelection.active();
    private final Random random = new Random(4);

    /** Checks ∂f/∂x from the graph against central differences of f, for every element of every input. */
    private void gradientCheck(float[][] inputs, BiFunction<Graph, Graph.Node[], Graph.Node> f) {
        Graph graph = new Graph(kernels);
        Graph.Node[] nodes = new Graph.Node[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            nodes[i] = graph.input(inputs[i]);
        }
        graph.backward(f.apply(graph, nodes));
        for (int i = 0; i < inputs.length; i++) {
            float[] analytic = nodes[i].gradient();
            for (int j = 0; j < inputs[i].length; j++) {
                double h = 1e-2;
                double plus = evaluate(inputs, i, j, h, f);
                double minus = evaluate(inputs, i, j, -h, f);
                double numerical = (plus - minus) / (2 * h);
                double error = Math.abs(numerical - analytic[j]) / Math.max(1e-2, Math.abs(numerical) + Math.abs(analytic[j]));
                assertEquals(0, error, 1e-3, "input " + i + "[" + j + "]: numerical " + numerical + ", graph " + analytic[j]);
            }
        }
    }

    private double evaluate(float[][] inputs, int which, int element, double h, BiFunction<Graph, Graph.Node[], Graph.Node> f) {
        Graph graph = new Graph(kernels);
        Graph.Node[] nodes = new Graph.Node[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            float[] v = inputs[i].clone();
            if (i == which) {
                v[element] += (float) h;
            }
            nodes[i] = graph.input(v);
        }
        return f.apply(graph, nodes).scalar();
    }

    private float[] vector(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    @Test
    void eachGatePassesAGradientCheck() {
        int n = 13; // more than one SIMD register, with a tail
        // The sigmoid makes every check non-linear, so a wrong local gradient cannot hide.
        gradientCheck(new float[][] {vector(n), vector(n)}, (g, x) -> g.sum(g.sigmoid(g.add(x[0], x[1]))));
        gradientCheck(new float[][] {vector(n), vector(n)}, (g, x) -> g.sum(g.multiply(x[0], g.sigmoid(x[1]))));
        gradientCheck(new float[][] {vector(n)}, (g, x) -> g.sum(g.sigmoid(x[0])));
        gradientCheck(new float[][] {vector(n), vector(n)}, (g, x) -> g.dot(x[0], x[1]));
        gradientCheck(new float[][] {vector(n), vector(3)},
                (g, x) -> g.dot(g.concat(x[0], x[1]), g.sigmoid(g.concat(x[1], x[0]))));
        gradientCheck(new float[][] {vector(n), {0.7f}}, (g, x) -> g.sum(g.sigmoid(g.multiply(x[0], x[1]))));
    }

    @Test
    void theMaxGateRoutesTheGradientToTheLargerInputOnly() {
        Graph graph = new Graph(kernels);
        Graph.Node a = graph.input(1f, 5f, -2f);
        Graph.Node b = graph.input(3f, 4f, -1f);
        graph.backward(graph.sum(graph.max(a, b)));
        assertArrayEquals(new float[] {0, 1, 0}, a.gradient());
        assertArrayEquals(new float[] {1, 0, 1}, b.gradient());
        float[] x = {0.3f, -1.2f, 2.2f, 0.9f};
        float[] y = {-0.4f, 0.1f, 1.1f, 2.5f};
        gradientCheck(new float[][] {x, y}, (g, n) -> g.sum(g.sigmoid(g.max(n[0], n[1]))));
    }

    @Test
    void fanoutAddsTheGradientsOfEveryUse() {
        // f(x) = x·x + x, with x used three times: f'(x) = 2x + 1.
        Graph graph = new Graph(kernels);
        Graph.Node x = graph.input(1.5f, -2f);
        graph.backward(graph.sum(graph.add(graph.multiply(x, x), x)));
        assertArrayEquals(new float[] {4f, -3f}, x.gradient(), 1e-6f);
    }

    @Test
    void theWorkedExampleThroughAHiddenUnit() {
        // Two inputs, two sigmoid hidden units, one sigmoid output, J = ½(a_k − y)².
        float[] x = {0.5f, -1.2f};
        float[] w1 = {0.4f, -0.6f};   // into hidden unit 1
        float[] w2 = {-0.3f, 0.8f};   // into hidden unit 2
        float[] wk = {1.1f, -0.7f};   // from the hidden units to the output
        float y = 1f;
        Graph graph = new Graph(kernels);
        Graph.Node in = graph.input(x);
        Graph.Node hidden1 = graph.input(w1);
        Graph.Node hidden2 = graph.input(w2);
        Graph.Node out = graph.input(wk);
        Graph.Node a1 = graph.sigmoid(graph.dot(hidden1, in));
        Graph.Node a2 = graph.sigmoid(graph.dot(hidden2, in));
        Graph.Node ak = graph.sigmoid(graph.dot(out, graph.concat(a1, a2)));
        Graph.Node error = graph.add(ak, graph.input(-y));
        Graph.Node j = graph.multiply(graph.multiply(error, error), graph.input(0.5f));
        graph.backward(j);

        // By hand: δ_k = (a_k − y)·σ'(z_k); δ_j = δ_k·w_kj·σ'(z_j); ∂J/∂w_ji = δ_j·x_i; ∂J/∂w_kj = δ_k·a_j.
        double h1 = sigmoid(w1[0] * x[0] + w1[1] * x[1]);
        double h2 = sigmoid(w2[0] * x[0] + w2[1] * x[1]);
        double outK = sigmoid(wk[0] * h1 + wk[1] * h2);
        double deltaK = (outK - y) * outK * (1 - outK);
        double delta1 = deltaK * wk[0] * h1 * (1 - h1);
        double delta2 = deltaK * wk[1] * h2 * (1 - h2);
        assertArrayEquals(new float[] {(float) (delta1 * x[0]), (float) (delta1 * x[1])}, hidden1.gradient(), 1e-6f);
        assertArrayEquals(new float[] {(float) (delta2 * x[0]), (float) (delta2 * x[1])}, hidden2.gradient(), 1e-6f);
        assertArrayEquals(new float[] {(float) (deltaK * h1), (float) (deltaK * h2)}, out.gradient(), 1e-6f);
        assertEquals(0.5 * (outK - y) * (outK - y), j.scalar(), 1e-6);
    }

    @Test
    void misuseIsRefused() {
        Graph graph = new Graph(kernels);
        Graph.Node a = graph.input(1f, 2f);
        Graph.Node b = graph.input(1f, 2f, 3f);
        assertThrows(IllegalArgumentException.class, () -> graph.add(a, b));
        assertThrows(IllegalArgumentException.class, () -> graph.backward(a));
        assertThrows(IllegalArgumentException.class, () -> graph.backward(new Graph(kernels).input(1f)));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
