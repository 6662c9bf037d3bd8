package dev.soma.engine.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.kernels.Accuracy;
import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.PassSums;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.kernels.VectorUnderTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Properties of the kernels over random lengths, offsets and values — subnormals and large magnitudes included
 * ({@link Generators}): the vector kernels agree with the scalar oracle within the documented tolerances, for
 * every length, not only the multiples of the lane count. Sums are compared path by path with the exact sum
 * under the probabilistic √n bound of {@link Accuracy}, not with each other under the worst case. Each
 * repetition draws from its own seed, which the failure message names. The build runs this once per vector
 * width (128, 256 and, where the CPU has it, 512 bits).
 *
 * <p>Written on JUnit rather than jqwik: see the README's "Guarantees" for why.
 */
class KernelPropertiesTest {

    private static final float EPSILON = Math.ulp(1f);

    private final Kernels scalar = KernelSelection.scalar();
    private Kernels vector;

    @BeforeEach
    void vectorKernels() {
        vector = VectorUnderTest.load();
    }

    @RepeatedTest(300)
    void dotAgreesWithinTheSumOfMagnitudes(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        int n = random.nextInt(0, 300);
        int aOff = random.nextInt(0, 9);
        int bOff = random.nextInt(0, 9);
        float[] a = Generators.values(random, n + aOff);
        float[] b = Generators.values(random, n + bOff);
        double exact = Accuracy.exactDot(a, aOff, b, bOff, n);
        double bound = Accuracy.sumBound(n, Accuracy.magnitude(a, aOff, b, bOff, n));
        String seed = "seed " + repetition.getCurrentRepetition() + ", n " + n;
        assertEquals(exact, scalar.dot(a, aOff, b, bOff, n), bound, "scalar, " + seed);
        assertEquals(exact, vector.dot(a, aOff, b, bOff, n), bound, "vector, " + seed);
    }

    @RepeatedTest(300)
    void sumAgreesWithinTheSumOfMagnitudes(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(1000 + repetition.getCurrentRepetition());
        int n = random.nextInt(0, 500);
        int off = random.nextInt(0, 9);
        float[] x = Generators.values(random, n + off);
        Accuracy.Compensated exact = new Accuracy.Compensated();
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            exact.add(x[off + i]);
            magnitude += Math.abs(x[off + i]);
        }
        double bound = Accuracy.sumBound(n, magnitude);
        String seed = "seed " + (1000 + repetition.getCurrentRepetition()) + ", n " + n;
        assertEquals(exact.value(), scalar.sum(x, off, n), bound, "scalar, " + seed);
        assertEquals(exact.value(), vector.sum(x, off, n), bound, "vector, " + seed);
    }

    @RepeatedTest(300)
    void axpyAgreesElementByElement(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(2000 + repetition.getCurrentRepetition());
        int n = random.nextInt(0, 300);
        float alpha = Generators.value(random);
        float[] x = Generators.values(random, n);
        float[] y = Generators.values(random, n);
        float[] ys = y.clone();
        float[] yv = y.clone();
        scalar.axpy(alpha, x, 0, ys, 0, n);
        vector.axpy(alpha, x, 0, yv, 0, n);
        for (int i = 0; i < n; i++) {
            // A fused multiply-add rounds once where the scalar loop rounds twice: at most an ulp of each term.
            double bound = 2 * EPSILON * (Math.abs((double) alpha * x[i]) + Math.abs(y[i])) + 1e-44;
            assertEquals(ys[i], yv[i], bound, "seed " + (2000 + repetition.getCurrentRepetition()) + ", i " + i);
        }
    }

    @RepeatedTest(200)
    void sigmoidAgreesAndStaysInTheUnitInterval(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(3000 + repetition.getCurrentRepetition());
        int n = random.nextInt(0, 300);
        float[] z = Generators.values(random, n);
        float[] s = new float[n];
        float[] v = new float[n];
        scalar.sigmoid(z, s, 0, n);
        vector.sigmoid(z, v, 0, n);
        for (int i = 0; i < n; i++) {
            assertTrue(v[i] >= 0 && v[i] <= 1, "σ(" + z[i] + ") = " + v[i]);
            // Each path is within 1e-6 relative (1e-37 absolute near 0) of the exact σ: SigmoidAccuracyTest.
            assertEquals(s[i], v[i], 2e-6 * s[i] + 2e-37, "σ(" + z[i] + "), seed "
                    + (3000 + repetition.getCurrentRepetition()));
        }
    }

    @RepeatedTest(100)
    void theFusedPassAgreesOnRandomShapesAndIndexLists(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(4000 + repetition.getCurrentRepetition());
        int rows = random.nextInt(1, 300);
        int d = random.nextInt(1, 70);
        float[] x = Generators.gaussians(random, rows * d, 1);
        // Weights of size 1/√d keep the logits of size one, where σ is not saturated and δ sees every score error.
        float[] w = Generators.gaussians(random, d, 1 / Math.sqrt(d));
        float[] center = random.nextBoolean() ? Generators.gaussians(random, d, 0.3) : null;
        float[] y = new float[rows];
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = random.nextBoolean() ? 1f : 0f;
            order[i] = (int) ((i * 7L + 3) % rows);
        }
        int from = random.nextInt(0, rows);
        int to = random.nextInt(from, rows + 1);
        Rows selection = random.nextBoolean() ? Rows.range(from, to) : Rows.indexed(order, from, to);
        float[] labels = new float[selection.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = y[selection.row(k)];
        }
        Accuracy.LogisticReference exact = new Accuracy.LogisticReference(x, d, selection, center, labels, w, 0.2f);
        String seed = "seed " + (4000 + repetition.getCurrentRepetition()) + ", " + selection + ", d " + d;
        for (Kernels kernels : new Kernels[] {scalar, vector}) {
            PassSums sums = new PassSums();
            float[] g = new float[d];
            float[] delta = new float[labels.length];
            kernels.logisticPass(x, d, selection, center, labels, 0, w, 0.2f, delta, 0, g, sums);
            exact.check(kernels.name() + ", " + seed, delta, 0, g, sums);
        }
    }

    @RepeatedTest(100)
    void theLossAndGradientStayFiniteAndExactForLogitsUpTo1e4(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(5000 + repetition.getCurrentRepetition());
        int n = random.nextInt(1, 100);
        float[] z = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-3, 4)));
            y[i] = random.nextBoolean() ? 1f : 0f;
        }
        for (Kernels kernels : new Kernels[] {scalar, vector}) {
            // One feature x = z and w = 1: the pass sees the logits z themselves.
            PassSums sums = new PassSums();
            float[] delta = new float[n];
            float[] g = new float[1];
            kernels.logisticPass(z, 1, Rows.range(0, n), y, 0, new float[] {1f}, 0f, delta, 0, g, sums);
            double exact = 0;
            for (int i = 0; i < n; i++) {
                double zi = z[i];
                exact += Math.max(zi, 0) - y[i] * zi + Math.log1p(Math.exp(-Math.abs(zi)));
                assertTrue(delta[i] >= -1 && delta[i] <= 1, kernels.name() + ": δ = " + delta[i] + " at z = " + z[i]);
            }
            assertTrue(Double.isFinite(sums.loss) && Float.isFinite(g[0]), kernels.name() + ": " + sums.loss + ", " + g[0]);
            assertEquals(exact, sums.loss, 1e-6 * (1 + exact), kernels.name() + ", seed "
                    + (5000 + repetition.getCurrentRepetition()));
        }
    }
}
