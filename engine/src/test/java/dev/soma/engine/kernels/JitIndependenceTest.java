package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README promises that the vector kernels give the same bits interpreted and compiled: reductions use a fixed
 * lane order and exp/log1p are built from IEEE operations, where {@code reduceLanes} and
 * {@code VectorOperators.EXP} round differently in the interpreter and in C2 code. This test computes a fingerprint
 * of the kernels (the fused pass, plain and centred, σ, the reductions) in a child JVM started with {@code -Xint},
 * where nothing is ever compiled, and compares it bit for bit with the same fingerprint computed here after a
 * warm-up that has C2 compile the kernels. The child gets this JVM's class path, the Vector API module and the same
 * forced width, if any. Run by {@link #main} in the child.
 */
class JitIndependenceTest {

    private static final String PREFIX = "fingerprint ";

    @Test
    void interpretedAndCompiledKernelsGiveTheSameBits() throws IOException, InterruptedException {
        Kernels vector = VectorUnderTest.load();
        float[] compiled = fingerprint(vector);
        for (int i = 0; i < 20_000; i++) {
            fingerprint(vector);
        }
        compiled = fingerprint(vector);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xint");
        command.add("--add-modules=jdk.incubator.vector");
        String width = System.getProperty(KernelSelection.WIDTH_PROPERTY);
        if (width != null) {
            command.add("-D" + KernelSelection.WIDTH_PROPERTY + "=" + width);
        }
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(JitIndependenceTest.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the -Xint JVM did not finish");
        assertEquals(0, child.exitValue(), "the -Xint JVM failed:\n" + output);

        List<Integer> interpreted = new ArrayList<>();
        String lanes = null;
        for (String line : output.split("\\R")) {
            if (line.startsWith(PREFIX)) {
                String[] fields = line.substring(PREFIX.length()).split(" ");
                lanes = fields[0];
                for (int i = 1; i < fields.length; i++) {
                    interpreted.add(Integer.parseUnsignedInt(fields[i], 16));
                }
            }
        }
        assertEquals(String.valueOf(vector.lanes()), lanes, "the child's lanes; its output:\n" + output);
        assertEquals(compiled.length, interpreted.size(), "fingerprint length");
        for (int i = 0; i < compiled.length; i++) {
            int bits = Float.floatToRawIntBits(compiled[i]);
            assertEquals(bits, (int) interpreted.get(i), "value " + i + ": compiled " + compiled[i]
                    + ", interpreted " + Float.intBitsToFloat(interpreted.get(i)));
        }
    }

    /** In the -Xint child: prints the lanes and the fingerprint's bits in hexadecimal. */
    public static void main(String[] args) {
        Kernels vector = KernelSelection.vector().orElseThrow(
                () -> new IllegalStateException(KernelSelection.whyNoVector().orElse("no vector kernels")));
        StringBuilder line = new StringBuilder(PREFIX).append(vector.lanes());
        for (float v : fingerprint(vector)) {
            line.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
        }
        System.out.println(line);
    }

    /** The kernels' outputs on fixed data: shapes with full vectors, tails and all the four-row groupings. */
    static float[] fingerprint(Kernels vector) {
        Random random = new Random(42);
        int d = 37;
        int n = 203;
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] w = new float[d];
        float[] center = new float[d];
        for (int j = 0; j < d; j++) {
            w[j] = (float) (random.nextGaussian() / Math.sqrt(d));
            center[j] = (float) (random.nextGaussian() * 0.1);
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1f : 0f;
        }
        List<Float> out = new ArrayList<>();
        for (float[] c : new float[][] {null, center}) {
            float[] delta = new float[n];
            float[] g = new float[d];
            PassSums sums = new PassSums();
            vector.logisticPass(x, d, Rows.range(0, n), c, y, 0, w, 0.1f, delta, 0, g, sums);
            float[] sigmoid = new float[n];
            vector.sigmoid(delta, sigmoid, 0, n);
            for (float v : delta) {
                out.add(v);
            }
            for (float v : sigmoid) {
                out.add(v);
            }
            for (float v : g) {
                out.add(v);
            }
            out.add((float) sums.loss);
            out.add((float) sums.delta);
        }
        out.add(vector.dot(x, 0, x, 7, 1000));
        out.add(vector.sum(x, 3, 1001));
        float[] result = new float[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }
}
