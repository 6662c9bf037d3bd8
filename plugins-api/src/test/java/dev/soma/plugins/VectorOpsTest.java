package dev.soma.plugins;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;

/** The whole-array forms delegate to the ranged ones and refuse arrays of different lengths. */
class VectorOpsTest {

    private final VectorOps ops = mock(VectorOps.class, CALLS_REAL_METHODS);

    @Test
    void wholeArrayFormsDelegate() {
        float[] x = new float[5];
        float[] y = new float[5];
        ops.axpy(2f, x, y);
        verify(ops).axpy(2f, x, 0, y, 0, 5);
        ops.dot(x, y);
        verify(ops).dot(x, 0, y, 0, 5);
        ops.scale(3f, x);
        verify(ops).scale(3f, x, 0, 5);
    }

    @Test
    void differentLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ops.axpy(1f, new float[3], new float[4]));
        assertThrows(IllegalArgumentException.class, () -> ops.dot(new float[3], new float[2]));
    }
}
