package dev.soma.engine.kernels;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vector kernels as a fresh JVM should run them. The Vector API runs boxed — an object per operation, many
 * times slower than plain code — until C2 has compiled a kernel, which takes thousands of calls: a first fit on
 * small data spent most of its time there. So a call goes to one of two implementations with the same bits:
 * <ul>
 *   <li>a call on {@value #LARGE_CALL} floats or more goes to the vector kernels at once: its loops are long enough
 *       for the JIT to compile them on the spot;</li>
 *   <li>a smaller call goes to {@link LaneKernels}, the vector kernels' arithmetic in plain Java, until a daemon
 *       thread ({@value #THREAD_NAME}, started once such calls have gone on for {@value #TRAINING_MILLIS} ms) has had C2 compile the vector
 *       kernels and has timed them faster than the twin on a realistic block; from then on, to the vector
 *       kernels.</li>
 * </ul>
 *
 * <p>Which of the two runs a call never changes its result (LaneKernelsTest checks the bits kernel by kernel,
 * AdaptiveKernelsTest whole fits), so training stays reproducible whenever the switch happens, even in the middle
 * of a fit. In a JVM without a JIT ({@code -Xint}) the thread does not start and the twin runs the small calls
 * throughout.
 */
final class AdaptiveKernels implements Kernels {

    static final String THREAD_NAME = "soma-kernel-warm-up";

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveKernels.class);

    /** Rounds of the tiny warm-up workload between two timings of vector against plain on a block. */
    private static final int ROUNDS_PER_CHECK = 200;
    /** The timed block's rows: a quarter of the objective's 4096-row chunk, large enough to show SIMD's gain. */
    private static final int BLOCK_ROWS = 1024;
    /** The vector kernels must take at most this share of the plain twin's time, this many checks in a row. */
    private static final double FASTER = 0.9;
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

    /**
     * Starts the warm-up thread, once, unless this JVM has no JIT compiler to wait for. The kernels start it
     * themselves once calls below {@value #LARGE_CALL} floats have gone on for {@value #TRAINING_MILLIS} ms (and
     * at least {@value #MANY_CALLS} of them): a short run on small data (a command-line fit, a first fit) is not
     * slowed by a thread and a compiler competing with it for the cores.
     */
    AdaptiveKernels startWarmUp() {
        if (warmUpStarted) {
            return this;
        }
        synchronized (this) {
            if (warmUpStarted) {
                return this;
            }
            warmUpStarted = true;
        }
        if (String.valueOf(System.getProperty("java.vm.info")).contains("interpreted mode")) {
            LOG.debug("no JIT compiler (-Xint): the vector kernels' plain twin runs throughout");
            return this;
        }
        Thread.ofPlatform().name(THREAD_NAME).daemon(true).priority(Thread.MIN_PRIORITY).start(this::warmUp);
        return this;
    }

    /**
     * Calls on at least this many floats go to the vector kernels from the first: their loops are long enough for
     * the JIT to compile them on the spot (on-stack replacement), as a large fit showed; the plain twin would only
     * add its own warm-up.
     */
    static final int LARGE_CALL = 1 << 16;

    /** The warm-up starts after at least so many smaller calls... */
    static final int MANY_CALLS = 2_000;

    /**
     * ...and once they have gone on for this long: this JVM trains for long enough to gain from it. Measured on the
     * quickstart (2103 full-batch epochs on 456 × 30, about 0.2 s of training in a fresh JVM): a warm-up started
     * after 2,000 calls made the whole process 0.57 s instead of 0.50 s (medians of 7 on 2 cores), because the
     * warm-up thread and the compilations it causes took the second core from the JIT compiling the twin; a run
     * that trains for seconds loses at most this long on the twin.
     */
    static final long TRAINING_MILLIS = 250;

    /** How often (in smaller calls) the clock is read. */
    private static final int CALLS_PER_CLOCK_READ = 256;

    private volatile boolean warmUpStarted;

    /** Smaller calls so far, counted racily: it only decides when the warm-up starts, never a result. */
    private int smallCalls;

    /** When the first smaller call came (System.nanoTime), or 0 before it. */
    private long firstSmallCall;

    /** The kernels for a call on {@code floats} floats. */
    private Kernels forSize(long floats) {
        if (floats >= LARGE_CALL) {
            return vector;
        }
        Kernels now = current;
        if (now != vector && !warmUpStarted) {
            countSmallCall();
        }
        return now;
    }

    private void countSmallCall() {
        int calls = ++smallCalls;
        if (calls == 1) {
            firstSmallCall = System.nanoTime();
        } else if (calls >= MANY_CALLS && calls % CALLS_PER_CLOCK_READ == 0
                && System.nanoTime() - firstSmallCall >= TimeUnit.MILLISECONDS.toNanos(TRAINING_MILLIS)) {
            startWarmUp();
        }
    }

    private Kernels forMatrix(Rows rows, int d) {
        return forSize((long) rows.size() * d);
    }

    /** Never starts the warm-up: the twin runs every small call (tests that need the twin throughout a fit). */
    AdaptiveKernels withoutWarmUp() {
        warmUpStarted = true;
        return this;
    }

    /** True once the warm-up thread was started (or ruled out by {@link #withoutWarmUp()}). */
    boolean warmUpStarted() {
        return warmUpStarted;
    }

    /** True once smaller calls go to the compiled vector kernels too. */
    boolean onVector() {
        return current == vector;
    }

    /** Sends every later call to the vector kernels (the warm-up's end; tests). */
    void switchToVector() {
        current = vector;
    }

    private void warmUp() {
        // Tiny calls reach C2's invocation thresholds soonest (the interpreter runs the Vector API boxed, so every
        // operation costs); a realistic block is timed now and then to see whether compiled code has arrived.
        Workload tiny = new Workload(8, vector.lanes() + 3);
        Workload block = new Workload(BLOCK_ROWS, 4 * vector.lanes() + 3);
        long start = System.nanoTime();
        int inARow = 0;
        try {
            while (System.nanoTime() - start < GIVE_UP_NANOS) {
                for (int round = 0; round < ROUNDS_PER_CHECK; round++) {
                    tiny.run(vector);
                }
                long vectorNanos = block.fastest(vector);
                long plainNanos = block.fastest(plain);
                inARow = vectorNanos <= FASTER * plainNanos ? inARow + 1 : 0;
                LOG.trace("warm-up: vector {} µs, plain {} µs", vectorNanos / 1000, plainNanos / 1000);
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
     * Every kernel training calls, on {@code rows} rows of {@code d} floats, selected by range and by index (both
     * kinds of {@link Rows} the engine passes).
     */
    private static final class Workload {
        private final int rows;
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

        Workload(int rows, int d) {
            this.rows = rows;
            this.d = d;
            SplittableRandom random = new SplittableRandom(1);
            x = new float[rows * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            y = new float[rows];
            for (int i = 0; i < rows; i++) {
                y[i] = random.nextBoolean() ? 1f : 0f;
            }
            w = new float[d];
            center = new float[d];
            for (int j = 0; j < d; j++) {
                w[j] = (float) (0.1 * random.nextGaussian());
                center[j] = (float) (0.01 * random.nextGaussian());
            }
            z = new float[rows];
            g = new float[d];
            a = new float[d];
            b = new float[d];
            int[] order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = (i * 7) % rows;
            }
            range = Rows.range(0, rows);
            indexed = Rows.indexed(order, 0, rows);
        }

        /** The fastest of three runs, in nanoseconds. */
        long fastest(Kernels kernels) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                run(kernels);
                best = Math.min(best, System.nanoTime() - start);
            }
            return best;
        }

        void run(Kernels k) {
            Arrays.fill(g, 0f);
            Arrays.fill(a, 0.5f);
            Arrays.fill(b, 2f);
            sums.clear();
            k.logisticPass(x, d, range, null, y, 0, w, 0.1f, z, 0, g, sums);
            k.logisticPass(x, d, indexed, center, y, 0, w, 0.1f, z, 0, g, sums);
            k.gemv(x, d, indexed, w, 0.1f, z, 0);
            k.centeredGemv(x, d, indexed, center, w, 0.1f, z, 0);
            k.addTransposedProduct(x, d, indexed, z, 0, g);
            k.addCenteredTransposedProduct(x, d, indexed, center, z, 0, g);
            k.sigmoid(z, z, 0, rows);
            k.scale(0.5f, g, 0, d);
            k.axpy(0.1f, a, 0, b, 0, d);
            k.axpby(0.9f, a, 0.1f, b, d);
            k.squareAxpby(0.9f, a, 0.1f, b, d);
            k.divSqrtAxpy(-0.01f, a, b, 1e-8f, a, d);
            k.hadamard(a, b, b, d);
            k.sign(b, b, d);
            sink += k.dot(a, 0, b, 0, d) + g[0] + (float) sums.loss;
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
        return forSize(n).dot(a, aOff, b, bOff, n);
    }

    @Override
    public float sum(float[] x, int off, int n) {
        return forSize(n).sum(x, off, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        forSize(n).axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public float rowScore(float[] x, int xOff, float[] w, int d) {
        return forSize(d).rowScore(x, xOff, w, d);
    }

    @Override
    public void rowStep(float alpha, float delta, float[] x, int xOff, int d, float[] theta) {
        forSize(d).rowStep(alpha, delta, x, xOff, d, theta);
    }

    @Override
    public void scale(float alpha, float[] x, int off, int n) {
        forSize(n).scale(alpha, x, off, n);
    }

    @Override
    public void hadamard(float[] a, float[] b, float[] out, int n) {
        forSize(n).hadamard(a, b, out, n);
    }

    @Override
    public void axpby(float a, float[] x, float b, float[] y, int n) {
        forSize(n).axpby(a, x, b, y, n);
    }

    @Override
    public void squareAxpby(float a, float[] x, float b, float[] y, int n) {
        forSize(n).squareAxpby(a, x, b, y, n);
    }

    @Override
    public void divSqrtAxpy(float alpha, float[] num, float[] den, float eps, float[] y, int n) {
        forSize(n).divSqrtAxpy(alpha, num, den, eps, y, n);
    }

    @Override
    public void sign(float[] x, float[] out, int n) {
        forSize(n).sign(x, out, n);
    }

    @Override
    public void gemv(float[] x, int d, Rows rows, float[] w, int wOff, float bias, float[] z, int zOff) {
        forMatrix(rows, d).gemv(x, d, rows, w, wOff, bias, z, zOff);
    }

    @Override
    public void addTransposedProduct(float[] x, int d, Rows rows, float[] delta, int deltaOff, int deltaStride,
                                     float[] g, int gOff) {
        forMatrix(rows, d).addTransposedProduct(x, d, rows, delta, deltaOff, deltaStride, g, gOff);
    }

    @Override
    public void centeredGemv(float[] x, int d, Rows rows, float[] center, float[] w, float bias, float[] z, int zOff) {
        forMatrix(rows, d).centeredGemv(x, d, rows, center, w, bias, z, zOff);
    }

    @Override
    public void addCenteredTransposedProduct(float[] x, int d, Rows rows, float[] center, float[] delta,
                                             int deltaOff, float[] g) {
        forMatrix(rows, d).addCenteredTransposedProduct(x, d, rows, center, delta, deltaOff, g);
    }

    @Override
    public void sigmoid(float[] z, float[] out, int from, int to) {
        forSize(to - from).sigmoid(z, out, from, to);
    }

    @Override
    public void logisticPass(float[] x, int d, Rows rows, float[] center, float[] y, int yOff, float[] w,
                             float bias, float[] delta, int deltaOff, float[] g, PassSums sums) {
        forMatrix(rows, d).logisticPass(x, d, rows, center, y, yOff, w, bias, delta, deltaOff, g, sums);
    }

    @Override
    public float sparseDot(float[] values, int[] indices, int from, int to, float[] w) {
        return forSize(to - from).sparseDot(values, indices, from, to, w);
    }

    @Override
    public void sparseAxpy(float a, float[] values, int[] indices, int from, int to, float[] y) {
        forSize(to - from).sparseAxpy(a, values, indices, from, to, y);
    }

    @Override
    public void addWeightedGram(float[] x, int d, Rows rows, float[] center, float[] weights, int wOff, float[] gram,
                                int stride) {
        forSize((long) rows.size() * (d + 1) * (d + 1) / 2)
                .addWeightedGram(x, d, rows, center, weights, wOff, gram, stride);
    }
}
