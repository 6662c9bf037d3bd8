package dev.soma.benchmarks;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The small training sets of {@link SmallDataBenchmark}, {@link FitOverheadBenchmark} and {@link FirstFitBenchmark},
 * by the name their {@code data} parameter gives.
 *
 * <p>The breast-cancer training set is the repository's {@code datasets/breast_cancer/train.csv} (456 × 30, labels
 * 0/1), copied into the benchmark jar by the module's build (a resource, not a second copy in the source tree):
 * the jar runs from any directory, and the file is the one the CLI, the examples and the peer scripts read.
 */
final class SmallData {

    static final String BREAST_CANCER = "breast-cancer";
    static final String SYNTHETIC_10K = "synthetic-10k";

    /** The class-path resource that the build copies from {@code datasets/breast_cancer/train.csv}. */
    static final String BREAST_CANCER_RESOURCE = "/datasets/breast_cancer/train.csv";
    static final int BREAST_CANCER_ROWS = 456;
    static final int BREAST_CANCER_FEATURES = 30;

    static final int SYNTHETIC_ROWS = 10_000;
    static final int SYNTHETIC_FEATURES = 32;

    private SmallData() {
    }

    /** The named data set, read or generated (untimed: benchmarks call this in their set-up). */
    static Dataset named(String data) {
        return switch (data) {
            case BREAST_CANCER -> breastCancer();
            case SYNTHETIC_10K -> SyntheticLogistic.generate(SYNTHETIC_ROWS, SYNTHETIC_FEATURES, SyntheticLogistic.SEED)
                    .dataset();
            default -> throw new IllegalArgumentException("data must be " + BREAST_CANCER + " or " + SYNTHETIC_10K
                    + ", not " + data);
        };
    }

    /** The breast-cancer training set, 456 rows of 30 raw (unstandardised) features, checked for its shape. */
    static Dataset breastCancer() {
        InputStream in = SmallData.class.getResourceAsStream(BREAST_CANCER_RESOURCE);
        if (in == null) {
            throw new IllegalStateException(BREAST_CANCER_RESOURCE + " is not on the class path: the benchmarks "
                    + "module's build copies it from datasets/breast_cancer/train.csv");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Dataset data = CsvDatasetReader.withLabelColumn("label").read(reader, "breast_cancer/train.csv");
            if (data.size() != BREAST_CANCER_ROWS || data.dimension() != BREAST_CANCER_FEATURES) {
                throw new IllegalStateException("breast_cancer/train.csv has " + data.size() + " × "
                        + data.dimension() + ", not " + BREAST_CANCER_ROWS + " × " + BREAST_CANCER_FEATURES);
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The credit_g training set (800 rows; label {@code class}; categorical columns one-hot: 61 features). */
    static Dataset creditG() {
        try (InputStream in = SmallData.class.getResourceAsStream("/datasets/credit_g/train.csv")) {
            if (in == null) {
                throw new IllegalStateException("/datasets/credit_g/train.csv is not on the class path: the benchmarks"
                        + " module's build copies it from datasets/credit_g/train.csv");
            }
            java.nio.file.Path file = java.nio.file.Files.createTempFile("credit_g", ".csv");
            try {
                java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return dev.soma.engine.table.TableReader.read(file,
                        dev.soma.engine.table.TableSpec.builder().label("class").build());
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * scikit-learn's {@code LogisticRegression(C = c)} as Soma's penalty: scikit-learn minimises
     * {@code C·Σ L_i + ½‖w‖²}, Soma {@code (1/n) Σ L_i + (λ/2)‖w‖²} (see {@code Trainer.l2}); dividing the first by
     * {@code C·n} gives {@code λ = 1/(C·n)}, and the same minimiser.
     */
    static double l2ForC(double c, int rows) {
        return 1 / (c * rows);
    }
}
