package dev.soma.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.LibsvmReader;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real LIBSVM file heart_scale (datasets/heart_scale, as Debian's liblinear-tools ships it) read sparse and
 * trained to the float64 optimum of L2 logistic regression with λ = 1/n (C = 1), bias unpenalised, no
 * standardisation, that datasets/heart_scale/reference.py computes with scipy and scikit-learn.
 */
class HeartScaleTest {

    /** datasets/README.md: the optimum mean training log loss. */
    static final double OPTIMUM_LOG_LOSS = 0.3365637218;
    /** The optimum's weights (reference.py), in the file's feature order, and its bias. */
    static final float[] OPTIMUM_WEIGHTS = {-0.0672488f, 0.6235079f, 0.9416469f, 0.8837938f, 0.8303899f, -0.3264040f,
            0.3099920f, -0.9162831f, 0.4202511f, 0.8796593f, 0.4392880f, 1.4675831f, 0.6899429f};
    static final float OPTIMUM_BIAS = 1.4869280f;

    @Test
    void readsTheRealFileSparse() throws IOException {
        Dataset data = LibsvmReader.create().read(TestData.datasets().resolve("heart_scale/heart_scale"));
        assertTrue(data.isSparse());
        assertEquals(270, data.size());
        assertEquals(13, data.dimension());
        assertEquals(3378, data.sparseRows().nonZeros());
        assertEquals(0.708333f, data.feature(0, 0));
        assertEquals(-0.320755f, data.feature(0, 3));
        assertEquals(0f, data.feature(0, 10), "row 0 has no feature 11");
        int positives = 0;
        for (float y : data.labelArray()) {
            assertTrue(y == 1 || y == -1, "labels are +1/-1");
            positives += y == 1 ? 1 : 0;
        }
        assertEquals(120, positives);
    }

    @Test
    void lbfgsReachesTheFloat64OptimumWithoutStandardisation() throws IOException {
        Dataset data = Dataset.readLibsvm(TestData.datasets().resolve("heart_scale/heart_scale"));
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(1.0 / data.size())
                .maxEpochs(5000).gradientTolerance(1e-7).costTolerance(0).standardize(false).fit(data);
        assertEquals(OPTIMUM_LOG_LOSS, model.summary().meanLoss(), 1e-6);
        assertArrayEquals(OPTIMUM_WEIGHTS, model.weights(), 1e-4f);
        assertEquals(OPTIMUM_BIAS, model.bias(), 1e-4f);
        assertEquals(List.of("-1", "1"), model.label().classes(), "the ±1 labels are the two classes, 1 positive");
        assertEquals(0.8444, model.evaluate(data).accuracy(), 0.5 / 270);
    }
}
