package dev.soma.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.testing.TestData;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Online updates: streaming a dataset in chunks through {@link OnlineTrainer#partialFit} gives the very model of
 * one unshuffled epoch over the concatenation with the same settings — the optimizer's state carries over.
 */
class OnlineTrainerTest {

    /** Chunk sizes (multiples of 8) that add up to the 456 rows of the breast-cancer training set. */
    private static final int[] CHUNKS = {96, 160, 8, 192};

    private static List<Dataset> chunks(Dataset data) {
        assertEquals(data.size(), Arrays.stream(CHUNKS).sum());
        List<Dataset> out = new java.util.ArrayList<>();
        int start = 0;
        for (int size : CHUNKS) {
            out.add(data.subset(IntStream.range(start, start + size).toArray()));
            start += size;
        }
        return out;
    }

    private static <M> M stream(OnlineTrainer<M> online, Dataset data) {
        M last = null;
        for (Dataset chunk : chunks(data)) {
            last = online.partialFit(chunk);
        }
        return last;
    }

    @Test
    void streamingALogisticRegressionWithAdamEqualsOneEpochOverTheWhole() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        LogisticRegression start = LogisticRegression.trainer().optimizer("lbfgs").maxEpochs(2).fit(data);
        Trainer<LogisticRegression> adam = LogisticRegression.trainer()
                .optimizer("adam", Options.of("learningRate", 0.01).with("batchSize", 8)).l2(1e-3);

        OnlineTrainer<LogisticRegression> online = adam.online(start);
        LogisticRegression streamed = stream(online, data);
        LogisticRegression whole = adam.copy().shuffle(false).maxEpochs(1).initialModel(start).fit(data);

        assertArrayEquals(whole.weights(), streamed.weights());
        assertEquals(whole.bias(), streamed.bias());
        assertEquals(start.standardizer(), streamed.standardizer());
        assertEquals(data.size() / 8, online.optimizerState().steps());
        assertEquals(CHUNKS.length, online.batches());
        assertEquals(data.size(), online.rows());
        assertFalse(Arrays.equals(start.weights(), streamed.weights()), "the stream moved the model");
    }

    @Test
    void streamingFromScratchWithSgdEqualsOneEpochOverTheWhole() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        // Without standardisation, a learner from scratch and a cold fit start from the same place.
        Trainer<LogisticRegression> sgd = LogisticRegression.trainer()
                .optimizer("sgd", Options.of("learningRate", 1e-5)).standardize(false);
        OnlineTrainer<LogisticRegression> online = sgd.online();
        assertNull(online.model());
        LogisticRegression streamed = stream(online, data);
        LogisticRegression whole = sgd.copy().shuffle(false).maxEpochs(1).fit(data);
        assertArrayEquals(whole.weights(), streamed.weights());
        assertEquals(whole.bias(), streamed.bias());
    }

    @Test
    void streamingAnMlpWithAdamEqualsOneEpochOverTheWhole() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        Architecture architecture = Architecture.hidden(6).activation(Activation.TANH);
        Trainer<MlpClassifier> adam = MlpClassifier.trainer(architecture)
                .optimizer("adam", Options.of("learningRate", 0.01).with("batchSize", 8)).l2(1e-4).seed(3);
        MlpClassifier start = adam.copy().maxEpochs(1).fit(data);

        MlpClassifier streamed = stream(adam.online(start), data);
        MlpClassifier whole = adam.copy().shuffle(false).maxEpochs(1).initialModel(start).fit(data);
        assertArrayEquals(whole.parameters(), streamed.parameters());
        assertFalse(Arrays.equals(start.parameters(), streamed.parameters()));

        // From scratch (the first batch fixes the classes; no standardisation, so the cold fit matches).
        Trainer<MlpClassifier> raw = adam.copy().standardize(false);
        MlpClassifier fromScratch = stream(raw.online(), data);
        assertArrayEquals(raw.copy().shuffle(false).maxEpochs(1).fit(data).parameters(), fromScratch.parameters());
    }

    @Test
    void aLinearRegressionStreamsToo() {
        Dataset data = TestData.linear(456, new float[] {1, -2, 0.5f}, 3, 0.1, 5);
        // Momentum's velocity carries over; minibatch gradient descent takes the fused steps.
        for (String optimizer : List.of("momentum", "minibatch")) {
            Trainer<LinearRegression> sgd = LinearRegression.trainer()
                    .optimizer(optimizer, Options.of("learningRate", 0.01).with("batchSize", 8));
            LinearRegression start = sgd.copy().maxEpochs(1).fit(data);
            LinearRegression streamed = stream(sgd.online(start), data);
            LinearRegression whole = sgd.copy().shuffle(false).maxEpochs(1).initialModel(start).fit(data);
            assertArrayEquals(whole.weights(), streamed.weights(), optimizer);
        }
    }

    @Test
    void laterBatchesMayHoldOneClassButNotAnotherSchema() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        OnlineTrainer<LogisticRegression> online = LogisticRegression.trainer().optimizer("adam").online();
        online.partialFit(data.subset(IntStream.range(0, 100).toArray()));
        int[] positives = IntStream.range(0, data.size()).filter(i -> data.label(i) == 1).toArray();
        online.partialFit(data.subset(positives)); // one class only: fine after the first batch
        assertTrue(online.model().summary().epochs() == 2);

        float[][] rows = {{1, 2}, {3, 4}};
        assertThrows(IllegalArgumentException.class,
                () -> online.partialFit(Dataset.fromRows(rows, new float[] {0, 1})));
        float[] labels = data.labels();
        labels[3] = 5;
        assertThrows(DataFormatException.class, () -> online.partialFit(data.withLabels(labels, List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.trainer().earlyStopping(0.2).online());
    }
}
