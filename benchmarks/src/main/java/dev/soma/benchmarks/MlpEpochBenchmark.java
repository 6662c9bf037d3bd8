package dev.soma.benchmarks;

import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.plugins.Options;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training epoch of an MLP classifier, vector against scalar kernels in the same run: 4096 examples of 64
 * features (the digits' shape) in 10 classes, one tanh hidden layer, minibatches of 32 with Adam. An epoch
 * is forward, softmax cross-entropy, backprop and update for every batch, plus the epoch-end evaluation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MlpEpochBenchmark {

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"64"})
    public int hidden;

    private Dataset data;
    private Kernels k;

    @Setup(Level.Trial)
    public void setUp() {
        k = kernels.equals("scalar") ? KernelSelection.scalar() : KernelSelection.vector().orElseThrow();
        SplittableRandom random = new SplittableRandom(11);
        int n = 4096;
        int d = 64;
        float[][] rows = new float[n][d];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(10);
            labels[i] = label;
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) (random.nextDouble() * 4 + (j % 10 == label ? 3 : 0));
            }
        }
        data = Dataset.fromRows(rows, labels);
    }

    @Benchmark
    public MlpClassifier epoch() {
        return MlpClassifier.trainer(Architecture.hidden(hidden).activation(Activation.TANH))
                .optimizer("adam", Options.of("learningRate", 0.001))
                .kernels(k)
                .maxEpochs(1)
                .fit(data);
    }
}
