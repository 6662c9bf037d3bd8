package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.Optional;

/**
 * The vector kernels the kernel tests compare, at the width the build asked for. The build runs the kernel tests
 * once per width ({@code -Dsoma.vectorBits=128|256|512}) and names the width it expects in
 * {@code soma.test.expectedBits}: a run that silently got another width fails, and only a width wider than the
 * CPU's is skipped, with the reason.
 */
public final class VectorUnderTest {

    /** The system property by which the build says which width a run must test. */
    public static final String EXPECTED_BITS = "soma.test.expectedBits";

    private VectorUnderTest() {
    }

    /** The vector kernels, or an aborted test saying why they cannot run here. */
    public static Kernels load() {
        Optional<Kernels> vector = KernelSelection.vector();
        String expected = System.getProperty(EXPECTED_BITS);
        if (vector.isEmpty()) {
            String why = KernelSelection.whyNoVector().orElse("no reason given");
            if (expected != null && !why.contains("wider than this CPU")) {
                fail("the build asked for " + expected + "-bit vector kernels, but " + why);
            }
            abort("vector kernels not tested: " + why);
        }
        if (expected != null) {
            assertEquals(Integer.parseInt(expected), vector.get().vectorBits(), "the width the build asked for");
        }
        return vector.get();
    }
}
