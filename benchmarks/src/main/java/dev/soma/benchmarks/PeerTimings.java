package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.Trainer;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Soma's side of the side-by-side runs against scikit-learn and LIBLINEAR ({@code benchmarks/peers/run}, which
 * starts this class in its own JVMs and reads what it prints). Only the public API is used, as a user trains:
 * {@link Dataset#readCsv}, {@link Standardizer}, {@link LogisticRegression#trainer()}. Every timed fit is checked to
 * have done the work it claims (stopped at the gradient tolerance, or run exactly the epochs asked), else this
 * throws rather than print a time for less work.
 *
 * <p>It prints one {@code key=value} line per figure, times in seconds. Commands:
 * <ul>
 *   <li>{@code lbfgs-warm CSV WARM MEASURED}: {@code WARM} untimed fits, then the time of each of {@code MEASURED}
 *       fits of L2 logistic regression (C = 1, that is λ = 1/n) by {@code "lbfgs"} to a gradient norm of 1e-6 on
 *       the standardised data, all in this JVM;</li>
 *   <li>{@code first-fit CSV}: the same fit, once, as the first of this JVM (reading and standardising untimed);</li>
 *   <li>{@code sgd-epoch breast CSV|synthetic WARM REPEATS EPOCHS}: one SGD epoch (m = 1, log loss, constant rate
 *       0.01, shuffled), as the difference of a fit of {@code 1 + EPOCHS} epochs and a fit of 1 epoch, divided by
 *       {@code EPOCHS}, per repeat;</li>
 *   <li>{@code write-synthetic FILE}: writes the synthetic 1,000,000 × 64 set ({@link SyntheticLogistic}) as
 *       little-endian float32: the features row-major, then the labels, for the peers to read the same data.</li>
 * </ul>
 */
public final class PeerTimings {

    /** scikit-learn's and LIBLINEAR's {@code C}. */
    static final double C = 1.0;
    static final double GRADIENT_TOLERANCE = 1e-6;
    static final double SGD_RATE = 0.01;

    private PeerTimings() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("PeerTimings: a command is needed: lbfgs-warm, first-fit, sgd-epoch "
                    + "or write-synthetic (see the class comment)");
        }
        switch (args[0]) {
            case "lbfgs-warm" -> lbfgsWarm(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "first-fit" -> firstFit(Path.of(args[1]));
            case "sgd-epoch" -> sgdEpoch(args);
            case "write-synthetic" -> writeSynthetic(Path.of(args[1]));
            default -> throw new IllegalArgumentException("PeerTimings: unknown command " + args[0]);
        }
    }

    /** The CSV, its features standardised (mean 0, population standard deviation 1), as scikit-learn's StandardScaler. */
    static Dataset standardised(Path csv) throws IOException {
        Dataset raw = Dataset.readCsv(csv);
        return Standardizer.fit(raw).transform(raw);
    }

    static Trainer<LogisticRegression> lbfgs(int n) {
        return LogisticRegression.trainer()
                .optimizer("lbfgs")
                .l2(1 / (C * n))
                .standardize(false)
                .costTolerance(0)
                .gradientTolerance(GRADIENT_TOLERANCE)
                .maxEpochs(10_000);
    }

    static LogisticRegression checkedLbfgsFit(Trainer<LogisticRegression> trainer, Dataset data) {
        LogisticRegression model = trainer.fit(data);
        TrainingSummary summary = model.summary();
        if (summary.stopReason() != StopReason.GRADIENT_TOLERANCE) {
            throw new IllegalStateException("PeerTimings: lbfgs stopped by " + summary.stopReason() + ", not at the "
                    + "gradient tolerance: " + summary);
        }
        return model;
    }

    /**
     * A warm process has trained for a while, not only a number of times: at least this long of untimed fits, so
     * that the JIT has compiled the vector kernels and the default kernels have switched to them (Kernels section of
     * the README), as in a service that has been up for seconds.
     */
    static final long WARM_NANOS = 5_000_000_000L;

    static void lbfgsWarm(Path csv, int warm, int measured) throws IOException {
        Dataset data = standardised(csv);
        Trainer<LogisticRegression> trainer = lbfgs(data.size());
        long warmStart = System.nanoTime();
        for (int i = 0; i < warm || System.nanoTime() - warmStart < WARM_NANOS; i++) {
            checkedLbfgsFit(trainer, data);
        }
        double[] seconds = new double[measured];
        LogisticRegression last = null;
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            last = checkedLbfgsFit(trainer, data);
            seconds[i] = (System.nanoTime() - start) * 1e-9;
        }
        print("seconds", seconds);
        describe(last);
    }

    static void firstFit(Path csv) throws IOException {
        long start = System.nanoTime();
        Dataset data = standardised(csv);
        long read = System.nanoTime();
        LogisticRegression model = checkedLbfgsFit(lbfgs(data.size()), data);
        long fitted = System.nanoTime();
        LogisticRegression second = checkedLbfgsFit(lbfgs(data.size()), data);
        long again = System.nanoTime();
        print("read_seconds", (read - start) * 1e-9);
        print("fit_seconds", (fitted - read) * 1e-9);
        print("second_fit_seconds", (again - fitted) * 1e-9);
        describe(model);
        if (!Arrays.equals(model.weights(), second.weights())) {
            throw new IllegalStateException("PeerTimings: the second fit differs from the first");
        }
    }

    static void sgdEpoch(String[] args) throws IOException {
        Dataset data;
        int next;
        if (args[1].equals("breast")) {
            data = standardised(Path.of(args[2]));
            next = 3;
        } else if (args[1].equals("synthetic")) {
            data = SyntheticLogistic.standard().dataset();
            next = 2;
        } else {
            throw new IllegalArgumentException("PeerTimings sgd-epoch: 'breast CSV' or 'synthetic', not " + args[1]);
        }
        int warm = Integer.parseInt(args[next]);
        int repeats = Integer.parseInt(args[next + 1]);
        int epochs = Integer.parseInt(args[next + 2]);
        long warmStart = System.nanoTime();
        for (int i = 0; i < warm || (System.nanoTime() - warmStart < WARM_NANOS && i < 1000); i++) {
            sgdFitSeconds(data, 1);
            sgdFitSeconds(data, 1 + epochs);
        }
        double[] perEpoch = new double[repeats];
        double[] oneEpochFit = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            double one = sgdFitSeconds(data, 1);
            double many = sgdFitSeconds(data, 1 + epochs);
            oneEpochFit[i] = one;
            perEpoch[i] = (many - one) / epochs;
        }
        print("epoch_seconds", perEpoch);
        print("one_epoch_fit_seconds", oneEpochFit);
    }

    /** The time of a fit of exactly {@code epochs} SGD epochs (checked), every other stopping rule off. */
    static double sgdFitSeconds(Dataset data, int epochs) {
        long start = System.nanoTime();
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("sgd", Options.of("learningRate", SGD_RATE))
                .standardize(false)
                .costTolerance(0)
                .gradientTolerance(0)
                .earlyStopping(0)
                .maxEpochs(epochs)
                .fit(data);
        double seconds = (System.nanoTime() - start) * 1e-9;
        Claims.epochs("PeerTimings sgd-epoch", model.summary(), epochs);
        return seconds;
    }

    static void writeSynthetic(Path file) throws IOException {
        SyntheticLogistic data = SyntheticLogistic.standard();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] part : new float[][] {data.x, data.y}) {
                for (float v : part) {
                    if (!buffer.hasRemaining()) {
                        drain(buffer, out);
                    }
                    buffer.putFloat(v);
                }
            }
            drain(buffer, out);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        print("rows", Integer.toString(data.n));
        print("columns", Integer.toString(data.d));
    }

    private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    /** The solution's quality, to compare with the peers': objective J = mean loss + (λ/2)‖w‖², its gradient norm. */
    private static void describe(LogisticRegression model) {
        TrainingSummary s = model.summary();
        print("epochs", Integer.toString(s.epochs()));
        print("cost", s.cost());
        print("gradient_norm", s.gradientNorm());
        print("kernels", s.kernels());
    }

    private static void print(String key, double[] values) {
        StringBuilder line = new StringBuilder(key).append('=');
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", values[i]));
        }
        System.out.println(line);
    }

    private static void print(String key, double value) {
        System.out.println(key + "=" + String.format(Locale.ROOT, "%.12g", value));
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
