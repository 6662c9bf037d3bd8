package dev.soma.benchmarks;

import dev.soma.engine.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Reading a whole LIBSVM file into a sparse {@link Dataset} with {@link Dataset#readLibsvm}, one read per measurement
 * (single shot). The file is named by {@code -p file=PATH}: {@code benchmarks/peers/sparse.py generate PATH} writes
 * the text-like set of issue 17, and {@code benchmarks/peers/run sparse} runs this benchmark beside
 * {@code liblinear-train} and scikit-learn's {@code load_svmlight_file} on the same file.
 *
 * <p>Set-up counts the file's lines; every read is checked to hold that many rows, so a read that stopped early
 * cannot pass as fast.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
public class LibsvmReadBenchmark {

    /** The LIBSVM file read. */
    @Param("")
    public String file;

    Path path;
    long rows;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (file.isEmpty()) {
            throw new IllegalStateException("LibsvmReadBenchmark needs -p file=PATH, a LIBSVM file (for example one"
                    + " written by 'benchmarks/peers/sparse.py generate PATH')");
        }
        path = Path.of(file);
        try (BufferedReader lines = Files.newBufferedReader(path)) {
            rows = lines.lines().filter(line -> !line.isBlank()).count();
        }
    }

    @Benchmark
    public Dataset read() throws IOException {
        Dataset data = Dataset.readLibsvm(path);
        if (data.size() != rows || !data.isSparse()) {
            throw new IllegalStateException("read " + data.size() + " rows of " + path + ", expected " + rows);
        }
        return data;
    }
}
