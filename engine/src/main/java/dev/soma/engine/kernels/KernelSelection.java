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
 * {@code scalar} forces the scalar ones, {@code auto} (the default) prefers vector. The choice is fixed at class
 * initialisation. In {@code auto}, the vector kernels come wrapped in {@link AdaptiveKernels}: until C2 has compiled
 * them (a warm-up thread sees to it), their plain-Java twin with the same bits runs instead, so that a fresh JVM is
 * fast from its first fit; {@code vector} gives the Vector API code from the first call.
 *
 * <p>{@value #WIDTH_PROPERTY} forces the width of the vector kernels ({@code 128}, {@code 256} or {@code 512} bits,
 * no wider than the CPU's); by default they use the CPU's widest. The tests use it to run every width on every
 * machine.
 *
 * <p>When the vector kernels cannot load, the reason is kept: in the warning of the automatic fallback (with the
 * stack trace of the underlying failure, if there is one) and as the cause of the exception that a forced
 * {@code vector} choice throws.
 */
public final class KernelSelection {

    /** The system property that forces a path: {@code auto}, {@code vector} or {@code scalar}. */
    public static final String PROPERTY = "soma.kernels";

    /** The system property that forces the vector width in bits: {@code 128}, {@code 256} or {@code 512}. */
    public static final String WIDTH_PROPERTY = "soma.vectorBits";

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

    /**
     * A hint that training on a large matrix is coming (a reader calls it when it starts on a large file): where the
     * adaptive kernels run, their warm-up starts now, on another thread, so that C2 compiles the vector kernels
     * while the data is read and the first passes of the fit run compiled code instead of the Vector API's boxed
     * interpretation. It never changes a result (both kernel forms give the same bits); on one core, under
     * {@code -Xint}, or with the kernels forced to one path it does nothing.
     */
    public static void expectLargeWork() {
        expectLargeWork(ACTIVE);
    }

    static void expectLargeWork(Kernels kernels) {
        if (kernels instanceof AdaptiveKernels adaptive && Runtime.getRuntime().availableProcessors() > 1) {
            adaptive.startWarmUp();
        }
    }

    /** The scalar kernels, always available (for comparisons and benchmarks). */
    public static Kernels scalar() {
        return SCALAR;
    }

    /** The vector kernels, if this JVM can run them (for comparisons and benchmarks). */
    public static Optional<Kernels> vector() {
        try {
            return Optional.of(loadVector(VECTOR_CLASS));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Why the vector kernels cannot run in this JVM, or empty when they can. */
    public static Optional<String> whyNoVector() {
        try {
            loadVector(VECTOR_CLASS);
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            return Optional.of(e.getMessage());
        }
    }

    static Kernels choose(String setting) {
        return choose(setting, VECTOR_CLASS);
    }

    /** {@link #choose(String)} with the vector kernels' class named, so that a test can make loading them fail. */
    static Kernels choose(String setting, String vectorClass) {
        String mode = setting.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "scalar" -> announce(SCALAR, "forced by -D" + PROPERTY + "=scalar");
            case "vector" -> {
                try {
                    yield announce(loadVector(vectorClass), "forced by -D" + PROPERTY + "=vector");
                } catch (UnsupportedOperationException e) {
                    throw new IllegalStateException("-D" + PROPERTY + "=vector asks for the vector kernels, but "
                            + e.getMessage(), e);
                }
            }
            case "auto" -> {
                try {
                    // Plain Java with the vector kernels' bits until C2 has compiled them: see AdaptiveKernels.
                    yield announce(new AdaptiveKernels(loadVector(vectorClass)),
                            "the Vector API is available");
                } catch (UnsupportedOperationException e) {
                    if (e.getCause() == null) {
                        LOG.warn("Soma runs its scalar kernels: {}.", e.getMessage());
                    } else {
                        LOG.warn("Soma runs its scalar kernels: {}.", e.getMessage(), e.getCause());
                    }
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

    /**
     * @throws UnsupportedOperationException saying why the vector kernels cannot run here, with the failure behind
     *                                       it (if any) as its cause and named in its message
     */
    private static Kernels loadVector(String vectorClass) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            throw new UnsupportedOperationException(VECTOR_MODULE + " is not in this JVM; start java with "
                    + "--add-modules " + VECTOR_MODULE + " to use the vector kernels");
        }
        try {
            Class<?> type = Class.forName(vectorClass);
            var constructor = type.getDeclaredConstructor();
            return (Kernels) constructor.newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnsupportedOperationException refusal && refusal.getMessage() != null) {
                // The kernels' own explanation (a CPU without 128-bit vectors, a width this CPU lacks).
                throw new UnsupportedOperationException(refusal.getMessage(), refusal);
            }
            throw new UnsupportedOperationException("the vector kernels failed to start (" + describe(cause) + ")",
                    cause);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new UnsupportedOperationException("the vector kernels failed to load (" + describe(e) + ")", e);
        }
    }

    /** The failure and its causes in one line: an ExceptionInInitializerError alone says nothing. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        Throwable c = failure.getCause();
        for (int depth = 0; c != null && depth < 5; depth++, c = c.getCause()) {
            text.append(", caused by ").append(c);
        }
        return text.toString();
    }
}
