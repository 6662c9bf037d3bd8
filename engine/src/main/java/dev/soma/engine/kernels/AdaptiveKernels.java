package dev.soma.engine.kernels;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vector kernels as a fresh JVM should run them: {@link LaneKernels} — the same arithmetic in plain Java,
 * so the same bits — until the vector kernels have been compiled by C2, then the vector kernels. A daemon thread
 * ({@value #THREAD_NAME}) runs the vector kernels on a small workload until C2 has compiled them, timing them
 * against their plain twin now and then; once they are clearly faster, every later call goes to them. Before
 * that, the Vector API would run boxed, many times slower than plain code: a first fit on small data spent
 * most of its time there.
 *
 * <p>Which of the two runs a call never changes its result (LaneKernelsTest checks the bits kernel by kernel),
 * so training stays reproducible whenever the switch happens, even in the middle of a fit. In a JVM without a
 * JIT ({@code -Xint}) the thread does not start and the plain twin runs throughout.
 */
final class AdaptiveKernels implements Kernels {

    static final String THREAD_NAME = "soma-kernel-warm-up";

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveKernels.class);

    /** Rounds of the warm-up workload between two timings of vector against plain. */
    private static final int ROUNDS_PER_CHECK = 50;
    /** The vector kernels must take at most this share of the plain twin's time, this many checks in a row. */
    private static final double FASTER = 0.8;
    private static final int CHECKS_IN_A_ROW = 3;
    /** The warm-up gives up (and the plain twin stays) after this long: a JVM whose C2 never compiles them. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Kernels vector;
    private final LaneKernels plain;
    private volatile Kernels current;

    AdaptiveKernels(Kernels vector) {
        this.vector = vector;
        this.plain = new LaneKernels(vector.lanes());
        this.current = plain;
    }

    /** Starts the warm-up thread, unless this JVM has no JIT compiler to wait for. */
    AdaptiveKernels startWarmUp() {
        if (String.valueOf(System.getProperty("java.vm.info")).contains("interpreted mode")) {
            LOG.debug("no JIT compiler (-Xint): the vector kernels' plain twin runs throughout");
            return this;
        }
        Thread.ofPlatform().name(THREAD_NAME).daemon(true).priority(Thread.MIN_PRIORITY).start(this::warmUp);
        return this;
    }

    /** True once calls go to the compiled vector kernels. */
    boolean onVector() {
        return current == vector;
    }

    /** Sends every later call to the vector kernels (the warm-up's end; tests). */
    void switchToVector() {
        current = vector;
    }

    private void warmUp() {
        Workload work = new Workload(vector.lanes());
        long start = System.nanoTime();
        int inARow = 0;
        try {
            while (System.nanoTime() - start < GIVE_UP_NANOS) {
                for (int round = 0; round < ROUNDS_PER_CHECK; round++) {
                    work.run(vector);
                }
                long vectorNanos = work.time(vector);
                long plainNanos = work.time(plain);
                inARow = vectorNanos <= FASTER * plainNanos ? inARow + 1 : 0;
                if (inARow >= CHECKS_IN_A_ROW) {
                    current = vector;
                    LOG.debug("vector kernels compiled after {} ms of warm-up", (System.nanoTime() - start) / 1_000_000);
                    return;
                }
            }
            LOG.debug("the vector kernels did not get faster than their plain twin in {} s; keeping the twin",
                    TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_NANOS));
        } catch (RuntimeException | Error e) {
            // The twin gives the same bits, so training goes on correctly on it; only speed is lost.
            LOG.warn("the vector kernels' warm-up failed ({}); Soma keeps their plain twin, which gives the same results",
                    e.toString());
        }
    }

    /**
     * Every kernel training calls, on a block shaped like real use: rows of {@code 2·lanes + 3} floats (full
     * vectors and a tail), selected by range and by index (both kinds of {@link Rows} the engine passes).
     */
    private static final class Workload {
        private static final int ROWS = 256;
        private final int d;
        private final float[] x;
        private final float[] y;
        private final float[] w;
        private final float[] center;
        private final float[] z;
        private final float[] g;
        private final float[] a;
        private final float[] b;
        private final Rows range;
        private final Rows indexed;
        private final PassSums sums = new PassSums();
        /** Kept so that no work is dead code. */
        private float sink;

        Workload(int lanes) {
            d = 2 * lanes + 3;
            SplittableRandom random = new SplittableRandom(1);
            x = new float[ROWS * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            y = new float[ROWS];
            for (int i = 0; i < ROWS; i++) {
                y[i] = random.nextBoolean() ? 1f : 0f;
            }
            w = new float[d];
            center = new float[d];
            for (int j = 0; j < d; j++) {
                w[j] = (float) (0.1 * random.nextGaussian());
                center[j] = (float) (0.01 * random.nextGaussian());
            }
            z = new float[ROWS];
            g = new float[d];
            a = new float[4 * d];
            b = new float[4 * d];
            Arrays.fill(a, 0.5f);
            Arrays.fill(b, 2f);
            int[] order = new int[ROWS];
            for (int i = 0; i < ROWS; i++) {
                order[i] = (i * 7) % ROWS;
            }
            range = Rows.range(0, ROWS);
            indexed = Rows.indexed(order, 0, ROWS);
        }

        long time(Kernels kernels) {
            long start = System.nanoTime();
            run(kernels);
            return System.nanoTime() - start;
        }

        void run(Kernels k) {
            Arrays.fill(g, 0f);
            sums.clear();
            k.logisticPass(x, d, range, null, y, 0, w, 0.1f, z, 0, g, sums);
            k.logisticPass(x, d, range, center, y, 0, w, 0.1f, z, 0, g, sums);
            k.gemv(x, d, indexed, w, 0.1f, z, 0);
            k.centeredGemv(x, d, indexed, center, w, 0.1f, z, 0);
            k.addTransposedProduct(x, d, indexed, z, 0, g);
            k.addCenteredTransposedProduct(x, d, indexed, center, z, 0, g);
            k.sigmoid(z, z, 0, ROWS);
            k.scale(0.5f, g, 0, d);
            k.axpy(0.1f, a, 0, b, 0, a.length);
            k.axpby(0.9f, a, 0.1f, b, a.length);
            k.squareAxpby(0.9f, a, 0.1f, b, a.length);
            k.divSqrtAxpy(-0.01f, a, b, 1e-8f, a, a.length);
            k.hadamard(a, b, b, a.length);
            k.sign(b, b, b.length);
            sink += k.dot(a, 0, b, 0, a.length) + g[0] + (float) sums.loss;
            Arrays.fill(a, 0.5f);
            Arrays.fill(b, 2f);
        }
    }

    @Override
    public String name() {
        return vector.name();
    }

    @Override
    public int lanes() {
        return vector.lanes();
    }

    @Override
    public int vectorBits() {
        return vector.vectorBits();
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return current.dot(a, aOff, b, bOff, n);
    }

    @Override
    public float sum(float[] x, int off, int n) {
        return current.sum(x, off, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        current.axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void scale(float alpha, float[] x, int off, int n) {
        current.scale(alpha, x, off, n);
    }

    @Override
    public void hadamard(float[] a, float[] b, float[] out, int n) {
        current.hadamard(a, b, out, n);
    }

    @Override
    public void axpby(float a, float[] x, float b, float[] y, int n) {
        current.axpby(a, x, b, y, n);
    }

    @Override
    public void squareAxpby(float a, float[] x, float b, float[] y, int n) {
        current.squareAxpby(a, x, b, y, n);
    }

    @Override
    public void divSqrtAxpy(float alpha, float[] num, float[] den, float eps, float[] y, int n) {
        current.divSqrtAxpy(alpha, num, den, eps, y, n);
    }

    @Override
    public void sign(float[] x, float[] out, int n) {
        current.sign(x, out, n);
    }

    @Override
    public void gemv(float[] x, int d, Rows rows, float[] w, int wOff, float bias, float[] z, int zOff) {
        current.gemv(x, d, rows, w, wOff, bias, z, zOff);
    }

    @Override
    public void addTransposedProduct(float[] x, int d, Rows rows, float[] delta, int deltaOff, int deltaStride,
                                     float[] g, int gOff) {
        current.addTransposedProduct(x, d, rows, delta, deltaOff, deltaStride, g, gOff);
    }

    @Override
    public void centeredGemv(float[] x, int d, Rows rows, float[] center, float[] w, float bias, float[] z, int zOff) {
        current.centeredGemv(x, d, rows, center, w, bias, z, zOff);
    }

    @Override
    public void addCenteredTransposedProduct(float[] x, int d, Rows rows, float[] center, float[] delta,
                                             int deltaOff, float[] g) {
        current.addCenteredTransposedProduct(x, d, rows, center, delta, deltaOff, g);
    }

    @Override
    public void sigmoid(float[] z, float[] out, int from, int to) {
        current.sigmoid(z, out, from, to);
    }

    @Override
    public void logisticPass(float[] x, int d, Rows rows, float[] center, float[] y, int yOff, float[] w,
                             float bias, float[] delta, int deltaOff, float[] g, PassSums sums) {
        current.logisticPass(x, d, rows, center, y, yOff, w, bias, delta, deltaOff, g, sums);
    }
}
