package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class KernelSelectionTest {

    /**
     * The build runs the suite twice and says which kernels each run must get: vector with the module, scalar
     * without. A run that silently got the other path fails here.
     */
    @Test
    void theRunGetsTheKernelsTheBuildAskedFor() {
        String expected = System.getProperty("soma.test.expectedKernels");
        assumeTrue(expected != null, "not run by the build's surefire executions");
        Kernels active = KernelSelection.active();
        assertEquals(expected, active.name());
        if (expected.equals("vector")) {
            assertTrue(active.lanes() >= 4, "a 128-bit or wider vector has at least 4 float lanes");
            assertEquals(active.lanes() * 32, active.vectorBits());
        } else {
            assertEquals(1, active.lanes());
            assertTrue(KernelSelection.vector().isEmpty(), "without the module the vector kernels are unavailable");
        }
    }

    @Test
    void scalarCanBeForced() {
        assertSame(KernelSelection.scalar(), KernelSelection.choose("scalar"));
        assertSame(KernelSelection.scalar(), KernelSelection.choose(" SCALAR "));
    }

    @Test
    void autoPrefersVectorWhenAvailable() {
        Kernels chosen = KernelSelection.choose("auto");
        assertEquals(KernelSelection.vector().isPresent() ? "vector" : "scalar", chosen.name());
    }

    @Test
    void forcingVectorWithoutTheModuleFailsWithTheFix() {
        assumeTrue(KernelSelection.vector().isEmpty(), "only meaningful in the run without the module");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelSelection.choose("vector"));
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }

    /** A forced vector choice that fails keeps the failure behind it: in the message and as the cause. */
    @Test
    void forcingVectorKeepsWhyTheKernelsFailedToLoad() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelSelection.choose("vector", "dev.soma.engine.kernels.NoSuchKernels"));
        assertTrue(e.getMessage().contains("ClassNotFoundException") || e.getMessage().contains("jdk.incubator.vector"),
                e.getMessage());
        if (KernelSelection.vector().isPresent()) {
            assertTrue(e.getMessage().contains("NoSuchKernels"), e.getMessage());
            assertInstanceOf(ClassNotFoundException.class, rootCause(e));
        }

        IllegalStateException broken = assertThrows(IllegalStateException.class,
                () -> KernelSelection.choose("vector", BrokenKernels.class.getName()));
        if (KernelSelection.vector().isPresent()) {
            assertTrue(broken.getMessage().contains("failed to start")
                    && broken.getMessage().contains("IllegalStateException: no kernels today")
                    && broken.getMessage().contains("caused by java.lang.ArithmeticException: the root"),
                    broken.getMessage());
            assertInstanceOf(ArithmeticException.class, rootCause(broken));
        }
    }

    /** The automatic fallback logs the reason, with the stack trace of the failure behind it. */
    @Test
    void theFallbackWarningKeepsWhyTheKernelsFailedToLoad() {
        assumeTrue(KernelSelection.vector().isPresent(), "the module is needed to get as far as loading the class");
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        Kernels chosen;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            chosen = KernelSelection.choose("auto", BrokenKernels.class.getName());
        } finally {
            System.setOut(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertSame(KernelSelection.scalar(), chosen);
        assertTrue(log.contains("Soma runs its scalar kernels: the vector kernels failed to start"), log);
        assertTrue(log.contains("no kernels today") && log.contains("ArithmeticException: the root")
                && log.contains("at dev.soma.engine.kernels.KernelSelectionTest$BrokenKernels"), log);
    }

    /** Kernels whose constructor fails, as a bug in VectorKernels' initialisation would. */
    static final class BrokenKernels {
        BrokenKernels() {
            throw new IllegalStateException("no kernels today", new ArithmeticException("the root"));
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    @Test
    void anUnknownChoiceIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelSelection.choose("gpu"));
        assertTrue(e.getMessage().contains("auto, vector or scalar"), e.getMessage());
    }

    @Test
    void descriptionsNameThePathAndLanes() {
        assertEquals("scalar", KernelSelection.scalar().description());
        KernelSelection.vector().ifPresent(v -> assertEquals("vector, " + v.lanes() + " lanes", v.description()));
    }
}
