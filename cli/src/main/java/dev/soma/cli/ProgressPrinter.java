package dev.soma.cli;

import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints training progress: epoch, cost, loss, the validation loss (with early stopping), gradient norm, examples
 * per second and the time left at the current pace (the epoch budget is an upper bound: a tolerance may stop
 * training sooner). The pace is measured from the end of the first epoch (which pays for class loading and JIT
 * compilation) and smoothed: an exponential moving average of the time per epoch; no ETA is shown until it has
 * been measured over {@value #MEASURED_EPOCHS} epochs or one second. Every epoch updates
 * one status line in place when the output is a terminal; a permanent line is printed for the first epoch and
 * every {@code every}-th, so that redirected output (a log file, a pipe) stays short and readable.
 */
final class ProgressPrinter implements TrainingListener {

    /** Epochs after the first over which the pace must be measured before an ETA is shown (or one second). */
    static final int MEASURED_EPOCHS = 3;
    /** The weight of the newest epoch in the moving average of the time per epoch (after the first ten). */
    static final double SMOOTHING = 0.1;

    private final PrintWriter out;
    private final int every;
    private final boolean terminal;
    private final LongSupplier clock;
    private EpochReport last;

    private final int examples;

    private long firstNanos;
    private long lastNanos;
    private int lastEpoch = -1;
    private int samples;
    private double secondsPerEpoch = Double.NaN;
    private boolean finished;

    ProgressPrinter(PrintWriter out, int every, boolean terminal, int examples) {
        this(out, every, terminal, examples, System::nanoTime);
    }

    /** With {@code clock} as the time source, in nanoseconds (a fake one in tests). */
    ProgressPrinter(PrintWriter out, int every, boolean terminal, int examples, LongSupplier clock) {
        this.out = out;
        this.every = Math.max(1, every);
        this.terminal = terminal;
        this.examples = examples;
        this.clock = clock;
    }

    /** Whether standard output is an interactive terminal (JDK 22+: {@code Console.isTerminal}). */
    static boolean stdoutIsTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void onEpoch(EpochReport r) {
        measure(r.epoch(), clock.getAsLong());
        last = r;
        if (isPermanent(r)) {
            out.println(terminal ? "\r" + format(r) : format(r));
        } else if (terminal) {
            out.print("\r" + format(r));
        }
        out.flush();
    }

    /** Prints the last epoch as a permanent line, unless it already is one. */
    void finish() {
        finished = true;
        if (last != null && !isPermanent(last)) {
            out.println(terminal ? "\r" + format(last) : format(last));
        }
        out.flush();
    }

    private void measure(int epoch, long now) {
        if (lastEpoch < 0) {
            firstNanos = now;
        } else if (epoch > lastEpoch) {
            double sample = (now - lastNanos) / 1e9 / (epoch - lastEpoch);
            samples++;
            // The plain mean of the first samples, then an exponential moving average.
            secondsPerEpoch = samples == 1 ? sample
                    : secondsPerEpoch + Math.max(SMOOTHING, 1.0 / samples) * (sample - secondsPerEpoch);
        }
        lastNanos = now;
        lastEpoch = epoch;
    }

    /** Whether the pace has been measured long enough to predict from. */
    private boolean paceKnown() {
        return samples >= MEASURED_EPOCHS || (samples >= 1 && lastNanos - firstNanos >= 1_000_000_000L);
    }

    private boolean isPermanent(EpochReport r) {
        return r.epoch() == 1 || r.epoch() % every == 0;
    }

    private String format(EpochReport r) {
        double seconds = r.elapsedNanos() / 1e9;
        double perSecond = seconds > 0 ? r.passes() * examples / seconds : 0;
        String validation = Double.isFinite(r.validationLoss())
                ? String.format(Locale.ROOT, "  validation %.7f", r.validationLoss()) : "";
        String eta = paceKnown() && !finished && r.epoch() < r.maxEpochs()
                ? "  ETA " + duration(secondsPerEpoch * (r.maxEpochs() - r.epoch())) : "";
        return String.format(Locale.ROOT, "epoch %5d/%d  cost %.7f  loss %.7f%s  gradient norm %.2e  %s ex/s%s",
                r.epoch(), r.maxEpochs(), r.cost(), r.meanLoss(), validation, r.gradientNorm(), compact(perSecond), eta);
    }

    private static String compact(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.1fM", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.0fk", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
