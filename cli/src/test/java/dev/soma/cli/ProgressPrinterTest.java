package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.train.EpochReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The progress lines, on a fake clock: an ETA only once the pace is measured, smoothed; the validation loss. */
class ProgressPrinterTest {

    private final AtomicLong now = new AtomicLong();
    private final StringWriter text = new StringWriter();
    private final ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), 1, false, 100, now::get);

    /** One epoch that took {@code seconds} on the fake clock. */
    private String epoch(int epoch, int max, double seconds, double validationLoss) {
        now.addAndGet((long) (seconds * 1e9));
        text.getBuffer().setLength(0);
        printer.onEpoch(new EpochReport(epoch, max, 0.5, 0.4, 1e-3, validationLoss, 0.1, epoch, now.get()));
        return text.toString().strip();
    }

    private static double etaSeconds(String line) {
        Matcher m = Pattern.compile("ETA (?:(\\d+)m)?(\\d+)s").matcher(line);
        assertTrue(m.find(), line);
        return (m.group(1) == null ? 0 : 60 * Integer.parseInt(m.group(1))) + Integer.parseInt(m.group(2));
    }

    @Test
    void noEtaFromTheFirstEpochsWarmUp() {
        // The first epoch pays for class loading and JIT compilation: 10 s, then 10 ms an epoch, 200 epochs.
        assertFalse(epoch(1, 200, 10, Double.NaN).contains("ETA"), "not from one epoch");
        assertFalse(epoch(2, 200, 0.01, Double.NaN).contains("ETA"));
        assertFalse(epoch(3, 200, 0.01, Double.NaN).contains("ETA"));
        String line = epoch(4, 200, 0.01, Double.NaN);
        assertEquals(2, etaSeconds(line), 0.5, "196 epochs at 10 ms, not at the first epoch's pace: " + line);
    }

    @Test
    void oneSecondOfSlowEpochsIsEnough() {
        epoch(1, 100, 1, Double.NaN);
        String line = epoch(2, 100, 1.5, Double.NaN);
        assertEquals(98 * 1.5, etaSeconds(line), 0.5, line);
    }

    @Test
    void oneSlowEpochMovesTheEtaOnlyAFraction() {
        epoch(1, 1000, 1, Double.NaN);
        for (int e = 2; e <= 100; e++) {
            epoch(e, 1000, 0.01, Double.NaN);
        }
        double before = etaSeconds(epoch(101, 1000, 0.01, Double.NaN));
        double after = etaSeconds(epoch(102, 1000, 2, Double.NaN)); // a pause: 2 s
        assertEquals(9, before, 0.5);
        assertTrue(after < 899 * 2 * 0.2, "smoothed, not 899 × 2 s: " + after);
        assertTrue(after > before, "but it moves: " + after);
    }

    @Test
    void theValidationLossIsInEachLineWhenThereIsOne() {
        assertTrue(epoch(1, 10, 0.1, 0.2345678).contains("loss 0.4000000  validation 0.2345678  gradient norm"));
        assertFalse(epoch(2, 10, 0.1, Double.NaN).contains("validation"));
    }

    @Test
    void theLastLineHasNoEta() {
        for (int e = 1; e <= 6; e++) {
            epoch(e, 50, 0.5, Double.NaN);
        }
        text.getBuffer().setLength(0);
        ProgressPrinter sparse = new ProgressPrinter(new PrintWriter(text), 100, false, 100, now::get);
        for (int e = 1; e <= 6; e++) {
            now.addAndGet(500_000_000L);
            sparse.onEpoch(new EpochReport(e, 50, 0.5, 0.4, 1e-3, Double.NaN, 0.1, e, now.get()));
        }
        sparse.finish();
        List<String> lines = text.toString().lines().toList();
        assertEquals(2, lines.size(), text.toString());
        assertTrue(lines.get(1).startsWith("epoch     6/50") && !lines.get(1).contains("ETA"), lines.get(1));
    }
}
