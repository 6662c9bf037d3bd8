package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
