package dev.soma.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.SoftmaxRegression;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.testing.TestData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Warm start ({@link Trainer#initialModel}): continues from a model's parameters, on its schema only. */
class WarmStartTest {

    private static Trainer<LogisticRegression> lbfgs() {
        return LogisticRegression.trainer().optimizer("lbfgs").l2(1e-2).gradientTolerance(1e-5).costTolerance(0)
                .maxEpochs(500);
    }

    @Test
    void aLogisticRegressionAtTheOptimumStopsAtOnceWithTheSameLoss() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        LogisticRegression cold = lbfgs().fit(data);
        assertEquals(StopReason.GRADIENT_TOLERANCE, cold.summary().stopReason());
        assertTrue(cold.summary().epochs() > 10, "the cold fit takes " + cold.summary().epochs() + " epochs");

        LogisticRegression warm = lbfgs().initialModel(cold).fit(data);
        assertTrue(warm.summary().epochs() <= 2, "the warm fit took " + warm.summary().epochs() + " epochs");
        assertEquals(cold.summary().cost(), warm.summary().cost(), 1e-6 * cold.summary().cost());
        assertClose(cold.weights(), warm.weights(), 1e-3);
        assertEquals(cold.standardizer(), warm.standardizer());
    }

    @Test
    void givenParametersReplaceTheInitialModelsAndAFitHandsItsOwnBack() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        LogisticRegression far = lbfgs().l2(1).fit(data);
        float[][] optimum = new float[1][];
        LogisticRegression near = lbfgs().finalParameters(p -> optimum[0] = p).initialModel(far).fit(data);
        // For standardised features: the model's own weights times the standardiser's scales.
        assertEquals(data.dimension() + 1, optimum[0].length);
        double[] scales = far.standardizer().scales();
        for (int j = 0; j < data.dimension(); j++) {
            assertEquals(near.weights()[j] * scales[j], optimum[0][j], 1e-4 * (1 + Math.abs(optimum[0][j])));
        }
        // From the far model alone the fit needs many epochs; given the optimum's parameters it stops at once.
        LogisticRegression fromFar = lbfgs().initialModel(far).fit(data);
        LogisticRegression given = lbfgs().initialModel(far).initialParameters(optimum[0]).fit(data);
        assertTrue(fromFar.summary().epochs() > 5, "from the far model: " + fromFar.summary().epochs() + " epochs");
        assertTrue(given.summary().epochs() <= 2, "from the given parameters: " + given.summary().epochs() + " epochs");
        assertEquals(near.summary().cost(), given.summary().cost(), 1e-6 * near.summary().cost());
        // Parameters of another length are ignored, as is a start without an initial model.
        LogisticRegression wrongLength = lbfgs().initialModel(far).initialParameters(new float[3]).fit(data);
        assertEquals(fromFar.summary().epochs(), wrongLength.summary().epochs());
        LogisticRegression noModel = lbfgs().initialParameters(optimum[0]).fit(data);
        assertTrue(noModel.summary().epochs() > 5, "without an initial model: " + noModel.summary().epochs());
    }

    @Test
    void aFirstOrderOptimizerAtTheOptimumStopsAtOnceToo() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        Trainer<LogisticRegression> batch = LogisticRegression.trainer()
                .optimizer("batch", dev.soma.plugins.Options.of("learningRate", 1.0)).l2(0.05)
                .gradientTolerance(1e-4).costTolerance(0).maxEpochs(20_000);
        LogisticRegression cold = batch.fit(data);
        assertEquals(StopReason.GRADIENT_TOLERANCE, cold.summary().stopReason());
        LogisticRegression warm = batch.initialModel(cold).fit(data);
        assertTrue(warm.summary().epochs() <= 2, "the warm fit took " + warm.summary().epochs() + " epochs");
        assertEquals(cold.summary().cost(), warm.summary().cost(), 1e-6 * cold.summary().cost());
    }

    @Test
    void fromAPartlyTrainedModelItReachesTheColdOptimumInFewerEpochs() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        LogisticRegression cold = lbfgs().fit(data);
        LogisticRegression partial = lbfgs().maxEpochs(4).fit(data);
        assertTrue(partial.summary().cost() > cold.summary().cost() * 1.01, "four epochs are not the optimum");

        LogisticRegression continued = lbfgs().initialModel(partial).fit(data);
        assertEquals(StopReason.GRADIENT_TOLERANCE, continued.summary().stopReason());
        assertEquals(cold.summary().cost(), continued.summary().cost(), 1e-6 * cold.summary().cost());
        assertClose(cold.weights(), continued.weights(), 1e-3);
        assertEquals(cold.bias(), continued.bias(), 1e-3 * Math.abs(cold.bias()));
    }

    @Test
    void networksContinueFromTheirParametersAndStandardizer() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        // Softmax regression is convex: L-BFGS reaches its optimum, and a warm start from it stops at once.
        Trainer<MlpClassifier> softmax = SoftmaxRegression.trainer().optimizer("lbfgs").l2(1e-2)
                .gradientTolerance(1e-5).costTolerance(0).maxEpochs(500);
        MlpClassifier cold = softmax.fit(data);
        assertEquals(StopReason.GRADIENT_TOLERANCE, cold.summary().stopReason());
        MlpClassifier warm = softmax.initialModel(cold).fit(data);
        assertTrue(warm.summary().epochs() <= 2, "the warm fit took " + warm.summary().epochs() + " epochs");
        assertEquals(cold.summary().cost(), warm.summary().cost(), 1e-6 * cold.summary().cost());

        // A hidden layer: continuing with a vanishing learning rate keeps the parameters (so they, and the
        // standardizer they are for, were carried over); continuing for real improves the cost.
        Architecture hidden = Architecture.hidden(8).activation(Activation.TANH);
        MlpClassifier mlp = MlpClassifier.trainer(hidden).optimizer("adam").maxEpochs(3).seed(7).fit(data);
        MlpClassifier still = MlpClassifier.trainer(hidden)
                .optimizer("sgd", dev.soma.plugins.Options.of("learningRate", 1e-30)).seed(99).maxEpochs(1)
                .initialModel(mlp).fit(data);
        assertArrayEquals(mlp.parameters(), still.parameters(), 1e-20f);
        assertEquals(mlp.standardizer(), still.standardizer());
        MlpClassifier better = MlpClassifier.trainer(hidden).optimizer("adam").maxEpochs(20).costTolerance(0)
                .initialModel(mlp).fit(data);
        assertTrue(better.summary().cost() < mlp.summary().cost(), better.summary().cost() + " vs " + mlp.summary().cost());
    }

    /** Each weight within {@code relative} of the largest weight's size. */
    private static void assertClose(float[] expected, float[] actual, double relative) {
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, actual, (float) (relative * scale));
    }

    @Test
    void aStandardizerIsKeptEvenWhenTheTrainerWouldFitAnother() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        LogisticRegression raw = lbfgs().standardize(false).maxEpochs(3).fit(data);
        LogisticRegression continued = lbfgs().maxEpochs(1).initialModel(raw).fit(data);
        assertTrue(continued.standardizer().isIdentity(), "the initial model trained without standardisation");
    }

    @Test
    void aModelOfAnotherTypeOrSchemaIsRefusedByName() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        LinearSvm svm = LinearSvm.trainer().optimizer("lbfgs").maxEpochs(3).fit(data);
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> lbfgs().initialModel(svm).fit(data));
        assertTrue(type.getMessage().contains("linear-svm") && type.getMessage().contains("logistic-regression"),
                type.getMessage());

        LogisticRegression model = lbfgs().maxEpochs(3).fit(data);
        List<String> renamed = new ArrayList<>(data.featureNames());
        renamed.set(2, "something else");
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
                () -> lbfgs().initialModel(model).fit(data.withFeatureNames(renamed)));
        assertTrue(names.getMessage().contains("feature 3 is 'something else'"), names.getMessage());

        float[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        Dataset narrow = Dataset.fromRows(rows, new float[] {0, 1, 0});
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> lbfgs().initialModel(model).fit(narrow));
        assertTrue(count.getMessage().contains("features differ"), count.getMessage());

        MlpClassifier mlp = MlpClassifier.trainer(Architecture.hidden(4)).optimizer("adam").maxEpochs(1).fit(data);
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
                () -> MlpClassifier.trainer(Architecture.hidden(5)).initialModel(mlp).fit(data));
        assertTrue(layers.getMessage().contains("[4]") && layers.getMessage().contains("[5]"), layers.getMessage());

        LinearRegression regression = LinearRegression.trainer().maxEpochs(1).fit(data);
        assertThrows(IllegalArgumentException.class, () -> MlpClassifier.trainer(Architecture.hidden(4))
                .initialModel(regression).fit(data));

        // A label the model does not know names its row.
        float[] labels = data.labels();
        labels[5] = 7;
        DataFormatException unknown = assertThrows(DataFormatException.class,
                () -> lbfgs().initialModel(model).fit(data.withLabels(labels, List.of())));
        assertTrue(unknown.getMessage().contains("'7'"), unknown.getMessage());
    }

    @Test
    void examplesOfOneClassAreRefusedAsAFitFromScratchRefusesThem() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        LogisticRegression model = lbfgs().maxEpochs(20).fit(data);
        int[] ones = java.util.stream.IntStream.range(0, data.size()).filter(i -> data.label(i) == 1).toArray();
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> lbfgs().initialModel(model).fit(data.subset(ones)));
        assertTrue(e.getMessage().contains("every label") && e.getMessage().contains("one class"), e.getMessage());
        // A stream's batch may hold one class: the online trainer takes it.
        LogisticRegression streamed = lbfgs().optimizer("sgd").online(model).partialFit(data.subset(ones));
        assertEquals(model.featureNames(), streamed.featureNames());
    }
}
