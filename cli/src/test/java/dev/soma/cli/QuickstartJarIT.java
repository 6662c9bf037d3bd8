package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs the built jar in a JVM of its own, exactly as the README tells a user to: with the Vector API module it
 * must report vector kernels and print nothing on stderr but the JVM's incubator notice; without the module it
 * must fall back to the scalar kernels and still reach the accuracy.
 */
class QuickstartJarIT {

    @Test
    void withTheModuleItRunsOnVectorKernels() throws Exception {
        JarRunner.Result r = JarRunner.soma("quickstart");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("WARNING: Using incubator modules: jdk.incubator.vector\n", r.err(),
                "stderr holds only the JVM's incubator notice");
        assertTrue(r.out().lines().anyMatch(l -> l.matches("kernels: vector, \\d+ lanes")), r.out());
        assertTrue(QuickstartCommandTest.number(r.out(), "test accuracy") >= 0.95, r.out());
    }

    @Test
    void withoutTheModuleItFallsBackToScalarKernels() throws Exception {
        JarRunner.Result r = JarRunner.run(java.util.List.of(), "quickstart");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("kernels: scalar")), r.out());
        assertTrue(r.out().contains("--add-modules jdk.incubator.vector"), "the fallback says how to get vectors");
        assertTrue(QuickstartCommandTest.number(r.out(), "test accuracy") >= 0.95, r.out());
    }
}
