package dev.soma.benchmarks;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;

/** The {@code kernels} parameter of every benchmark: {@code "scalar"} or {@code "vector"}, in the same JVM. */
final class KernelPaths {

    private KernelPaths() {
    }

    static Kernels named(String kernels) {
        return switch (kernels) {
            case "scalar" -> KernelSelection.scalar();
            case "vector" -> KernelSelection.vector().orElseThrow(() -> new IllegalStateException(
                    "the vector kernels are unavailable: run the fork with --add-modules jdk.incubator.vector"));
            default -> throw new IllegalArgumentException("kernels must be scalar or vector, not " + kernels);
        };
    }
}
