package dev.soma.benchmarks;

import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
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
import org.tribuo.provenance.ModelProvenance;
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
 *
 * <p>Tribuo's SGD trainers have no stopping rule: they run the epochs they are given. What can be checked from the
 * outside is checked after every invocation, from the model's provenance: the trainer was configured for one epoch
 * and trained on all the rows and features, else the invocation throws and JMH reports a failure.
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

    /** Rows of the synthetic data: the full size in a benchmark run; tests set a small one before set-up. */
    int rows = SyntheticLogistic.ROWS;

    private MutableDataset<Label> data;

    @Setup
    public void setUp() {
        TRIBUO_LOG.setLevel(Level.WARNING);
        SyntheticLogistic synthetic = SyntheticLogistic.generate(rows);
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
        Model<Label> model = trainer.train(data);
        check(model, data.size(), data.getFeatureMap().size());
        return model;
    }

    /** Requires that Tribuo's model records one epoch over {@code examples} rows of {@code features} features. */
    static void check(Model<Label> model, int examples, int features) {
        ModelProvenance provenance = model.getProvenance();
        Provenance epochs = provenance.getTrainerProvenance().getConfiguredParameters().get("epochs");
        Object epochCount = epochs instanceof PrimitiveProvenance<?> p ? p.getValue() : epochs;
        int trained = provenance.getDatasetProvenance().getNumExamples();
        int width = provenance.getDatasetProvenance().getNumFeatures();
        if (!Integer.valueOf(1).equals(epochCount) || trained != examples || width != features
                || model.getFeatureIDMap().size() != features) {
            throw new IllegalStateException("TribuoEpochBenchmark trained " + epochCount + " epochs on " + trained
                    + " examples of " + width + " features, but counts 1 epoch on " + examples + " examples of "
                    + features + " features");
        }
    }
}
