package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.TrainingListener;
import dev.soma.plugins.Options;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training epochs of an MLP classifier, vector against scalar kernels in the same run: 4096 examples of 64
 * features (the digits' shape) in 10 classes, one tanh hidden layer, minibatches of 32 with Adam. An epoch is
 * forward, softmax cross-entropy, backprop and update for every batch, plus the full-data evaluation after it
 * (the one the stopping rules read).
 *
 * <p>Only epochs are timed. A {@code fit} also has fixed costs that are not epochs — finding the plugins,
 * standardising a copy of the data, checking the labels, building the network, evaluating the starting weights
 * on the full data — and at a few milliseconds per epoch they would be a large part of a one-epoch fit. So:
 * <ul>
 *   <li>per trial ({@code @Setup}), the plugin registry is discovered once and passed with
 *       {@code trainer().plugins(registry)}, and the data is standardised once and trained with
 *       {@code standardize(false)};</li>
 *   <li>per invocation, untimed ({@code @Setup(Level.Invocation)}), a fit of {@code 1 + }{@value #EPOCHS} epochs
 *       starts on a training thread and its epoch listener holds it at the end of epoch 1, so the rest of the
 *       fixed costs (the label scan, the network, the start-up evaluation) and the first epoch are paid before
 *       the clock starts;</li>
 *   <li>the timed {@link #epoch} releases the fit and waits for it to return: exactly the epochs 2 to
 *       {@code 1 + }{@value #EPOCHS}, plus the hand-over between the two threads and the making of the model
 *       object (microseconds, against milliseconds per epoch). The score is that time over {@value #EPOCHS}.</li>
 * </ul>
 * Every stopping rule but the epoch budget is off, and each invocation checks that the model's summary reports
 * {@code 1 + }{@value #EPOCHS} epochs ended by the budget ({@link Claims#epochs}), else JMH reports a failure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MlpEpochBenchmark {

    /** Epochs timed per invocation, after the untimed first one. */
    static final int EPOCHS = 5;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"64"})
    public int hidden;

    /** Examples: 4096 in a benchmark run; tests set a small number before set-up. */
    int rows = 4096;

    private Dataset data;
    private Kernels k;
    private PluginRegistry plugins;
    private ExecutorService trainingThread;
    private CountDownLatch release;
    private CompletableFuture<MlpClassifier> fit;

    @Setup(Level.Trial)
    public void setUp() {
        k = KernelPaths.named(kernels);
        plugins = PluginRegistry.discover();
        SplittableRandom random = new SplittableRandom(11);
        int d = 64;
        float[][] features = new float[rows][d];
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            int label = random.nextInt(10);
            labels[i] = label;
            for (int j = 0; j < d; j++) {
                features[i][j] = (float) (random.nextDouble() * 4 + (j % 10 == label ? 3 : 0));
            }
        }
        Dataset raw = Dataset.fromRows(features, labels);
        data = Standardizer.fit(raw).transform(raw);
        trainingThread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("mlp-benchmark-training").daemon(true).factory());
    }

    /** Starts a fit and returns once it has finished its first epoch and waits, at that epoch's end, for {@link #epoch}. */
    @Setup(Level.Invocation)
    public void startFit() throws InterruptedException, ExecutionException {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Void> paused = new CompletableFuture<>();
        var trainer = MlpClassifier.trainer(Architecture.hidden(hidden).activation(Activation.TANH))
                .optimizer("adam", Options.of("learningRate", 0.001))
                .plugins(plugins)
                .kernels(k)
                .standardize(false)
                .costTolerance(0)
                .gradientTolerance(0)
                .earlyStopping(0)
                .maxEpochs(1 + EPOCHS)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport report) {
                        if (report.epoch() == 1) {
                            paused.complete(null);
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt(); // the fit then stops, cancelled, and fails the check
                            }
                        }
                    }
                });
        release = go;
        fit = CompletableFuture.supplyAsync(() -> trainer.fit(data), trainingThread);
        CompletableFuture.anyOf(paused, fit).get(); // a fit that fails before pausing throws here
    }

    @Benchmark
    @OperationsPerInvocation(EPOCHS)
    public MlpClassifier epoch() throws InterruptedException, ExecutionException {
        release.countDown();
        MlpClassifier model = fit.get();
        Claims.epochs("MlpEpochBenchmark", model.summary(), 1 + EPOCHS);
        return model;
    }

    /** Whether the started fit has returned (for the tests: it must not before {@link #epoch}). */
    boolean fitDone() {
        return fit.isDone();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws java.io.IOException {
        if (release != null) {
            release.countDown();
        }
        trainingThread.shutdownNow();
        plugins.close();
    }
}
