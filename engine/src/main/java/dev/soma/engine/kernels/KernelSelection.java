package dev.soma.engine.kernels;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the kernels once per JVM, the way Lucene chooses its vectorization provider: check that
 * {@code jdk.incubator.vector} is readable, load the vector kernels reflectively (so no Vector API class is
 * touched without the module), and fall back to the scalar twin with a single warning.
 *
 * <p>The system property {@value #PROPERTY} overrides the choice: {@code vector} forces the vector kernels and
 * fails if they cannot be had (the test suite uses this to make sure it is really testing them),
 * {@code scalar} forces the scalar ones, {@code auto} (the default) prefers vector. The choice is the only
 * static mutable state in Soma, and it is fixed at class initialisation.
 */
public final class KernelSelection {

    /** The system property that forces a path: {@code auto}, {@code vector} or {@code scalar}. */
    public static final String PROPERTY = "soma.kernels";

    private static final Logger LOG = LoggerFactory.getLogger(KernelSelection.class);
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "dev.soma.engine.kernels.VectorKernels";

    private static final Kernels SCALAR = new ScalarKernels();
    private static final Kernels ACTIVE = choose(System.getProperty(PROPERTY, "auto"));

    private KernelSelection() {
    }

    /** The kernels Soma uses in this JVM. */
    public static Kernels active() {
        return ACTIVE;
    }

    /** The scalar kernels, always available (for comparisons and benchmarks). */
    public static Kernels scalar() {
        return SCALAR;
    }

    /** The vector kernels, if this JVM can run them (for comparisons and benchmarks). */
    public static Optional<Kernels> vector() {
        try {
            return Optional.of(loadVector());
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    static Kernels choose(String setting) {
        String mode = setting.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "scalar" -> announce(SCALAR, "forced by -D" + PROPERTY + "=scalar");
            case "vector" -> {
                try {
                    yield announce(loadVector(), "forced by -D" + PROPERTY + "=vector");
                } catch (UnsupportedOperationException e) {
                    throw new IllegalStateException("-D" + PROPERTY + "=vector asks for the vector kernels, but "
                            + e.getMessage(), e);
                }
            }
            case "auto" -> {
                try {
                    yield announce(loadVector(), "the Vector API is available");
                } catch (UnsupportedOperationException e) {
                    LOG.warn("Soma runs its scalar kernels: {}.", e.getMessage());
                    yield SCALAR;
                }
            }
            default -> throw new IllegalStateException("-D" + PROPERTY + "=" + setting
                    + " is not a kernel choice: use auto, vector or scalar");
        };
    }

    private static Kernels announce(Kernels kernels, String why) {
        String width = kernels.vectorBits() > 0 ? ", " + kernels.vectorBits() + "-bit vectors" : "";
        LOG.info("Soma kernels: {}{} ({})", kernels.description(), width, why);
        return kernels;
    }

    /** @throws UnsupportedOperationException saying why the vector kernels cannot run here */
    private static Kernels loadVector() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            throw new UnsupportedOperationException(VECTOR_MODULE + " is not in this JVM; start java with "
                    + "--add-modules " + VECTOR_MODULE + " to use the vector kernels");
        }
        try {
            Class<?> type = Class.forName(VECTOR_CLASS);
            var constructor = type.getDeclaredConstructor();
            return (Kernels) constructor.newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new UnsupportedOperationException(e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnsupportedOperationException("the vector kernels failed to load (" + e + ")", e);
        }
    }
}
