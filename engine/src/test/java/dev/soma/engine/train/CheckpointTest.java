package dev.soma.engine.train;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stopping, saving and resuming gives the same model as one uninterrupted run, bit for bit. */
class CheckpointTest {

    @TempDir
    Path dir;

    private static Trainer<LogisticRegression> trainer(String optimizer, int epochs) {
        return LogisticRegression.trainer()
                .optimizer(optimizer, optimizer.equals("adam") ? Options.of("learningRate", 0.01) : Options.empty())
                .schedule(LearningRateSchedule.reduceOnPlateau(0.5, 1, 1e-3, 0.01))
                .l2(0.01).maxEpochs(epochs).gradientTolerance(0).costTolerance(0).seed(99);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "momentum", "lbfgs", "sgd"})
    void resumingFromASavedCheckpointMatchesAnUninterruptedRun(String optimizer) throws IOException {
        Dataset train = TestData.breastCancerTrain();
        LogisticRegression uninterrupted = trainer(optimizer, 10).fit(train);

        Path file = dir.resolve(optimizer + ".ckpt");
        trainer(optimizer, 4).checkpoints(checkpoint -> {
            try {
                checkpoint.save(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).fit(train);
        TrainingCheckpoint saved = TrainingCheckpoint.load(file);
        assertEquals(4, saved.epoch());
        assertEquals(optimizer, saved.optimizer());

        LogisticRegression resumed = trainer(optimizer, 10).resumeFrom(saved).fit(train);
        assertArrayEquals(uninterrupted.weights(), resumed.weights(), 0f);
        assertEquals(uninterrupted.bias(), resumed.bias(), 0f);
        assertEquals(10, resumed.summary().epochs());
        assertEquals(uninterrupted.summary().cost(), resumed.summary().cost(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam"})
    void aCheckpointOfAnotherRunIsRefused(String optimizer) throws IOException {
        Dataset train = TestData.breastCancerTrain();
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        trainer(optimizer, 2).checkpoints(checkpoints::add).fit(train);
        TrainingCheckpoint last = checkpoints.getLast();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> trainer("sgd", 5).resumeFrom(last).fit(train)).getMessage()
                .contains("made by the 'adam' optimizer, but this trainer uses 'sgd'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> trainer(optimizer, 5).seed(1).resumeFrom(last).fit(train)).getMessage()
                .contains("seed 99"));
    }

    @org.junit.jupiter.api.Test
    void aNetworksCheckpointForAnotherArchitectureNamesParametersNotFeatures() throws IOException {
        Dataset train = TestData.breastCancerTrain();
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        MlpClassifier.trainer(Architecture.hidden(4)).optimizer("adam", Options.empty()).maxEpochs(1)
                .checkpoints(checkpoints::add).fit(train);
        // 30 inputs → 4 hidden → 2 outputs: 30·4 + 4 + 4·2 + 2 = 134 parameters; with 5 hidden units, 167.
        String message = assertThrows(IllegalArgumentException.class,
                () -> MlpClassifier.trainer(Architecture.hidden(5)).optimizer("adam", Options.empty()).maxEpochs(2)
                        .resumeFrom(checkpoints.getLast()).fit(train)).getMessage();
        assertTrue(message.contains("holds 134 parameters, but this model on this data has 167"), message);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 40})
    void aDamagedFileSaysSo(int keep) throws IOException {
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        trainer("adam", 1).checkpoints(checkpoints::add).fit(TestData.breastCancerTrain());
        Path file = dir.resolve("good.ckpt");
        checkpoints.getFirst().save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path damaged = dir.resolve("damaged.ckpt");
        Files.write(damaged, java.util.Arrays.copyOf(bytes, Math.min(keep, bytes.length)));
        IOException e = assertThrows(IOException.class, () -> TrainingCheckpoint.load(damaged));
        assertTrue(e.getMessage().contains("damaged.ckpt"), e.getMessage());
        Files.writeString(damaged, "not a checkpoint at all, just text");
        assertTrue(assertThrows(IOException.class, () -> TrainingCheckpoint.load(damaged)).getMessage()
                .contains("is not a Soma training checkpoint"));
    }
}
