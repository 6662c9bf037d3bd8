package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sigmoid of every available kernel is finite, in [0, 1], monotone, exactly 0.5 at 0, and within
 * {@value #RELATIVE} relative error of the true value over z ∈ [−100, 100] (with an absolute floor of
 * {@value #ABSOLUTE} where the true value is tiny).
 */
class SigmoidAccuracyTest {

    static final double RELATIVE = 1e-6;
    static final double ABSOLUTE = 1e-37;

    static Stream<Kernels> kernels() {
        List<Kernels> all = new ArrayList<>();
        all.add(KernelSelection.scalar());
        KernelSelection.vector().ifPresent(all::add);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void sigmoidIsExactEnoughAndFiniteOnMinus100To100(Kernels kernels) {
        int n = 200_001;
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = -100f + i * 0.001f;
        }
        z[100_000] = 0f;
        float[] s = new float[n];
        kernels.sigmoid(z, s, 0, n);
        for (int i = 0; i < n; i++) {
            assertTrue(Float.isFinite(s[i]) && s[i] >= 0f && s[i] <= 1f, "σ(" + z[i] + ") = " + s[i]);
            double exact = exactSigmoid(z[i]);
            assertEquals(exact, s[i], RELATIVE * exact + ABSOLUTE, "σ(" + z[i] + ")");
            if (i > 0) {
                assertTrue(s[i] >= s[i - 1], "σ is monotone at " + z[i]);
            }
        }
        assertEquals(0.5f, s[100_000], 0f, "σ(0) = 0.5 exactly");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void sigmoidSaturatesWithoutNaNFarOutside(Kernels kernels) {
        float[] z = {-1e4f, -1e30f, Float.NEGATIVE_INFINITY, 1e4f, 1e30f, Float.POSITIVE_INFINITY, -0f, 88.8f, -88.8f};
        float[] s = new float[z.length];
        kernels.sigmoid(z, s, 0, z.length);
        for (int i = 0; i < z.length; i++) {
            assertTrue(!Float.isNaN(s[i]) && s[i] >= 0f && s[i] <= 1f, "σ(" + z[i] + ") = " + s[i]);
        }
        assertEquals(0f, s[0]);
        assertEquals(1f, s[3]);
        assertEquals(0.5f, s[6]);
    }

    /** σ(z) to 30 digits, from e^(−|z|) in BigDecimal via its double (exact enough: the double is correctly rounded). */
    private static double exactSigmoid(float z) {
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal e = new BigDecimal(Math.exp(-Math.abs((double) z)));
        BigDecimal denominator = BigDecimal.ONE.add(e);
        BigDecimal value = z >= 0 ? BigDecimal.ONE.divide(denominator, mc) : e.divide(denominator, mc);
        return value.doubleValue();
    }
}
