package dev.soma.benchmarks;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.table.TableReader;
import dev.soma.engine.table.TableSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Reading a whole CSV file into a {@link Dataset}, one read per measurement (single shot), from a file written
 * beforehand: {@code benchmarks/peers/tables.py generate FOLDER} writes {@code mixed.csv} (500,000 rows, 10 numeric
 * and 5 categorical columns of 10–50 levels, a yes/no label) and {@code numeric.csv} (500,000 × 16 numbers and a
 * 0/1 label); {@code -p folder=FOLDER} names it ({@code benchmarks/peers/run tables} does all of it and deletes the
 * files afterwards).
 *
 * <ul>
 *   <li>{@code tableReader}: {@link TableReader#read} with an inferred schema and the label named — what
 *   {@code soma train} reads a table with: two streaming passes (types, levels, row count; then the encoded rows
 *   straight into the one {@code float[]}).</li>
 *   <li>{@code csvDatasetReader}: {@link Dataset#readCsv} ({@link CsvDatasetReader}, Apache Commons CSV), the path
 *   for numbers only that came before it; {@code numeric.csv} only (it refuses a word in a feature cell).</li>
 * </ul>
 *
 * <p>Set-up counts the file's data lines; every read is checked to hold that many rows and the expected
 * dimension, so a read that stopped early cannot pass as fast.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
public class TableReadBenchmark {

    /** The folder that holds {@code mixed.csv} and {@code numeric.csv}. */
    @Param("")
    public String folder;

    /** {@code mixed} or {@code numeric}: the file read. */
    @Param({"mixed", "numeric"})
    public String file;

    /** The encoded features of {@code mixed.csv} (10 numbers + 10 + 20 + 30 + 40 + 50 levels) and {@code numeric.csv}. */
    static final int MIXED_DIMENSION = 160;
    static final int NUMERIC_DIMENSION = 16;

    Path path;
    long rows;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (folder.isEmpty()) {
            throw new IllegalStateException("TableReadBenchmark needs -p folder=FOLDER, a folder written by"
                    + " 'benchmarks/peers/tables.py generate FOLDER'");
        }
        path = Path.of(folder, file + ".csv");
        try (BufferedReader lines = Files.newBufferedReader(path)) {
            rows = lines.lines().count() - 1;
        }
    }

    private int dimension() {
        return file.equals("mixed") ? MIXED_DIMENSION : NUMERIC_DIMENSION;
    }

    private Dataset checked(String method, Dataset data) {
        if (data.size() != rows || data.dimension() != dimension()) {
            throw new IllegalStateException(method + " read " + data.size() + " × " + data.dimension() + " from " + path
                    + ", not " + rows + " × " + dimension());
        }
        return data;
    }

    @Benchmark
    public Dataset tableReader() throws IOException {
        return checked("tableReader", TableReader.read(path, TableSpec.builder().label("label").build()));
    }

    @Benchmark
    public Dataset csvDatasetReader() {
        if (!file.equals("numeric")) {
            throw new IllegalStateException("csvDatasetReader reads numbers only: run it with -p file=numeric");
        }
        try {
            return checked("csvDatasetReader", Dataset.readCsv(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
