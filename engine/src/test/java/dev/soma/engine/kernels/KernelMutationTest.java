package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernels' argument checks and small helpers, written to kill the mutants PIT found surviving: every kernel
 * refuses a range outside its arrays up front, with the kernels' own message and before writing anything (an
 * unchecked loop would fail later, with the JDK's message, after partial writes). Both implementations, where the
 * vector one is available.
 */
class KernelMutationTest {

    static Stream<Kernels> kernels() {
        List<Kernels> all = new ArrayList<>();
        all.add(KernelSelection.scalar());
        KernelSelection.vector().ifPresent(all::add);
        return all.stream();
    }

    /** The call fails with the kernels' own range message, and {@code written} is unchanged. */
    private static void refused(Executable call, float[] written) {
        float[] before = written.clone();
        IndexOutOfBoundsException e = assertThrowsExactly(IndexOutOfBoundsException.class, call);
        assertTrue(e.getMessage().startsWith("range [") || e.getMessage().startsWith("row "), e.getMessage());
        assertArrayEquals(before, written, "nothing is written before the check");
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void theVectorOperationsCheckEveryRange(Kernels k) {
        float[] x = ones(40);
        float[] y = ones(40);
        float[] shortArray = ones(20);
        refused(() -> k.dot(shortArray, 0, y, 0, 40), y);
        refused(() -> k.dot(x, 0, shortArray, 0, 40), y);
        refused(() -> k.sum(shortArray, 0, 40), y);
        refused(() -> k.sum(x, -1, 4), y);
        refused(() -> k.axpy(2f, shortArray, 0, y, 0, 40), y);
        refused(() -> k.axpy(2f, x, 0, shortArray, 0, 40), shortArray);
        refused(() -> k.scale(2f, shortArray, 0, 40), shortArray);
        refused(() -> k.scale(2f, x, 0, -1), x);
        refused(() -> k.hadamard(shortArray, y, y, 40), y);
        refused(() -> k.hadamard(x, shortArray, y, 40), y);
        refused(() -> k.hadamard(x, y, shortArray, 40), shortArray);
        refused(() -> k.axpby(2f, shortArray, 3f, y, 40), y);
        refused(() -> k.axpby(2f, x, 3f, shortArray, 40), shortArray);
        refused(() -> k.squareAxpby(2f, shortArray, 3f, y, 40), y);
        refused(() -> k.squareAxpby(2f, x, 3f, shortArray, 40), shortArray);
        refused(() -> k.divSqrtAxpy(2f, shortArray, x, 1f, y, 40), y);
        refused(() -> k.divSqrtAxpy(2f, x, shortArray, 1f, y, 40), y);
        refused(() -> k.divSqrtAxpy(2f, x, y, 1f, shortArray, 40), shortArray);
        refused(() -> k.sign(shortArray, y, 40), y);
        refused(() -> k.sign(x, shortArray, 40), shortArray);
        refused(() -> k.sigmoid(shortArray, y, 0, 40), y);
        refused(() -> k.sigmoid(x, shortArray, 0, 40), shortArray);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void theMatrixOperationsCheckEveryRange(Kernels k) {
        int d = 20;
        float[] x = ones(10 * d);
        Rows rows = Rows.range(0, 10);
        Rows tooMany = Rows.range(0, 11);
        float[] w = ones(d);
        float[] z = new float[10];
        float[] g = new float[d];
        refused(() -> k.gemv(x, d, tooMany, w, 0, 0f, new float[11], 0), w);
        refused(() -> k.gemv(x, d, rows, ones(d - 1), 0, 0f, z, 0), z);
        refused(() -> k.gemv(x, d, rows, w, 0, 0f, new float[9], 0), z);
        refused(() -> k.addTransposedProduct(x, d, tooMany, ones(11), 0, 1, g, 0), g);
        refused(() -> k.addTransposedProduct(x, d, rows, ones(9), 0, 1, g, 0), g);
        refused(() -> k.addTransposedProduct(x, d, rows, ones(18), 0, 2, g, 0), g);   // 10 strided by 2 need 19
        refused(() -> k.addTransposedProduct(x, d, rows, ones(10), 0, 1, new float[d - 1], 0), g);
        float[] delta = new float[10];
        float[] y = new float[10];
        refused(() -> k.logisticPass(x, d, tooMany, null, ones(11), 0, w, 0f, new float[11], 0, g, new PassSums()), g);
        refused(() -> k.logisticPass(x, d, rows, null, new float[9], 0, w, 0f, delta, 0, g, new PassSums()), g);
        refused(() -> k.logisticPass(x, d, rows, null, y, 0, w, 0f, new float[9], 0, g, new PassSums()), g);
        refused(() -> k.logisticPass(x, d, rows, null, y, 0, w, 0f, delta, 0, new float[d - 1], new PassSums()), delta);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void aStrideBelowOneOrTooShortAVectorIsAnArgumentError(Kernels k) {
        int d = 4;
        float[] x = ones(8);
        assertThrowsExactly(IllegalArgumentException.class,
                () -> k.addTransposedProduct(x, d, Rows.range(0, 2), ones(2), 0, 0, new float[d], 0));
        assertThrowsExactly(IllegalArgumentException.class,
                () -> k.logisticPass(x, d, Rows.range(0, 2), null, ones(2), 0, ones(3), 0f, new float[2], 0,
                        new float[d], new PassSums()));
        assertThrowsExactly(IllegalArgumentException.class,
                () -> k.gemv(x, -1, Rows.range(0, 2), ones(4), 0, 0f, new float[2], 0));
    }

    @Test
    void theRangeCheckAcceptsExactlyTheArray() {
        float[] a = new float[10];
        ScalarKernels.checkRange(a, 0, 10);
        ScalarKernels.checkRange(a, 10, 0);
        ScalarKernels.checkRange(a, 3, 7);
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> ScalarKernels.checkRange(a, 4, 7));
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> ScalarKernels.checkRange(a, 11, 0));
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> ScalarKernels.checkRange(a, 0, -1));
        assertEquals("range [4, 11) is outside an array of length 10",
                assertThrowsExactly(IndexOutOfBoundsException.class, () -> ScalarKernels.checkRange(a, 4, 7)).getMessage());
        assertEquals("range [2147483647, 2147483649) is outside an array of length 10",
                assertThrowsExactly(IndexOutOfBoundsException.class,
                        () -> ScalarKernels.checkRange(a, Integer.MAX_VALUE, 2)).getMessage());
    }

    @Test
    void theRowCheckAcceptsExactlyTheMatrix() {
        float[] x = new float[12];
        ScalarKernels.checkRows(x, 4, Rows.range(0, 3));
        ScalarKernels.checkRows(x, 4, Rows.indexed(new int[] {2, 0, 1}, 0, 3));
        ScalarKernels.checkRows(x, 4, Rows.range(5, 5));                          // empty: anything goes
        ScalarKernels.checkRows(x, 2, Rows.rangeAt(4, 0, 4));                          // base 4 + 4 rows of 2 = 12
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> ScalarKernels.checkRows(x, 4, Rows.range(0, 4)));
        assertThrowsExactly(IndexOutOfBoundsException.class,
                () -> ScalarKernels.checkRows(x, 4, Rows.indexed(new int[] {0, 3, 1}, 0, 3)));
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> ScalarKernels.checkRows(x, 2, Rows.rangeAt(5, 0, 4)));
        assertThrowsExactly(IllegalArgumentException.class, () -> ScalarKernels.checkRows(x, -1, Rows.range(0, 1)));
        ScalarKernels.checkStrided(new float[7], 0, 3, 3);                        // elements 0, 3, 6
        ScalarKernels.checkStrided(new float[0], 5, 3, 0);                        // nothing to read
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> ScalarKernels.checkStrided(new float[6], 0, 3, 3));
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> ScalarKernels.checkStrided(new float[7], 1, 3, 3));
        assertThrowsExactly(IllegalArgumentException.class, () -> ScalarKernels.checkStrided(new float[7], 0, 0, 3));
    }

    @Test
    void rowsKnowTheirLargestRowAndBase() {
        assertEquals(-1, Rows.range(3, 3).maxRow());
        assertEquals(6, Rows.range(3, 7).maxRow());
        assertEquals(9, Rows.indexed(new int[] {4, 9, 2, 0}, 0, 4).maxRow());
        assertEquals(4, Rows.indexed(new int[] {4, 9, 2, 0}, 0, 1).maxRow());
        assertEquals(2, Rows.indexed(new int[] {4, 9, 2, 0}, 2, 3).maxRow());
        assertEquals(-1, Rows.indexed(new int[] {4, 9}, 1, 1).maxRow());
        assertEquals(7, Rows.rangeAt(7, 0, 2).base());
        assertEquals(0, Rows.range(0, 2).base());
        assertEquals(7 + 3 * 2, Rows.rangeAt(7, 1, 4).offset(2, 2));
        assertTrue(Rows.range(0, 2).isRange());
        assertFalse(Rows.indexed(new int[] {1}, 0, 1).isRange());
        assertTrue(Rows.rangeAt(7, 0, 2).isRange());
        assertEquals("rows [3, 7)", Rows.range(3, 7).toString());
        assertEquals("2 indexed rows", Rows.indexed(new int[] {4, 9, 2}, 1, 3).toString());
        Rows.range(0, 0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Rows.range(2, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Rows.rangeAt(-1, 0, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Rows.rangeAt(0, -1, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Rows.rangeAt(0, 2, 1));
        assertEquals(0, Rows.rangeAt(0, 1, 1).size());
    }

    @Test
    void theScalarKernelsDescribeThemselves() {
        Kernels scalar = KernelSelection.scalar();
        assertEquals(1, scalar.lanes());
        assertEquals(0, scalar.vectorBits());
        assertEquals("scalar", scalar.description());
        KernelSelection.vector().ifPresent(v -> {
            assertTrue(v.lanes() >= 4, "at least 128-bit lanes");
            assertEquals(32 * v.lanes(), v.vectorBits());
            assertEquals("vector, " + v.lanes() + " lanes", v.description());
        });
    }

    @Test
    void theSmallLogarithmSeriesMatchesTheLibrary() {
        for (double e : new double[] {0, 1e-9, 1e-6, 5e-5, 9.99e-5, 1e-4, 0.3, 1}) {
            assertEquals(Math.log1p(e), ScalarKernels.log1pUnit(e), 1.2e-12 * Math.max(e, 1e-300), "log1p(" + e + ")");
        }
    }
}
