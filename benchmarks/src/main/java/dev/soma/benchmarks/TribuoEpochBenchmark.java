package dev.soma.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The peer column: one epoch of Tribuo's {@code LinearSGDTrainer} (log loss, plain SGD with a constant rate,
 * shuffled each epoch, one thread — Tribuo has no other) on the same synthetic 1,000,000 × 64 data as
 * {@link EpochBenchmark}, with the same batch sizes and rates.
 *
 * <p>What a Tribuo epoch includes, so that the comparison is read right: {@code train} turns the dataset's
 * examples into its own vectors on every call (the dataset itself is built once, in set-up, untimed); and
 * Tribuo's log loss is a two-class softmax, a 2 × 65 weight matrix where Soma's logistic regression has 65
 * weights. Both are how a Tribuo user trains this model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class TribuoEpochBenchmark {

    /** Held so that the level set on it survives: java.util.logging keeps loggers weakly. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    @Param({"sgd", "minibatch-32", "minibatch-256"})
    public String optimizer;

    private MutableDataset<Label> data;

    @Setup
    public void setUp() {
        TRIBUO_LOG.setLevel(Level.WARNING);
        SyntheticLogistic synthetic = SyntheticLogistic.standard();
        LabelFactory factory = new LabelFactory();
        data = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic 1M x 64", factory), factory);
        String[] names = new String[synthetic.d];
        for (int j = 0; j < names.length; j++) {
            names[j] = String.format("f%02d", j); // sorted as the columns, as Tribuo sorts feature names
        }
        Label negative = new Label("0");
        Label positive = new Label("1");
        double[] row = new double[synthetic.d];
        for (int i = 0; i < synthetic.n; i++) {
            for (int j = 0; j < synthetic.d; j++) {
                row[j] = synthetic.x[i * synthetic.d + j];
            }
            data.add(new ArrayExample<>(synthetic.y[i] > 0.5f ? positive : negative, names, row));
        }
    }

    @Benchmark
    public Model<Label> epoch() {
        int batchSize = optimizer.equals("sgd") ? 1 : Integer.parseInt(optimizer.substring("minibatch-".length()));
        double rate = optimizer.equals("sgd") ? 0.01 : 0.05; // as EpochBenchmark
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), SGD.getSimpleSGD(rate), 1, -1,
                batchSize, 1L);
        return trainer.train(data);
    }
}
