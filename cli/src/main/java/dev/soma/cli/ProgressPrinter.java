package dev.soma.cli;

import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints training progress: epoch, cost, loss, gradient norm, examples per second and the time left at the
 * current pace (the epoch budget is an upper bound: a tolerance may stop training sooner). Every epoch updates
 * one status line in place when the output is a terminal; a permanent line is printed for the first epoch and
 * every {@code every}-th, so that redirected output (a log file, a pipe) stays short and readable.
 */
final class ProgressPrinter implements TrainingListener {

    private final PrintWriter out;
    private final int every;
    private final boolean terminal;
    private EpochReport last;

    private final int examples;

    ProgressPrinter(PrintWriter out, int every, boolean terminal, int examples) {
        this.out = out;
        this.every = Math.max(1, every);
        this.terminal = terminal;
        this.examples = examples;
    }

    /** Whether standard output is an interactive terminal (JDK 22+: {@code Console.isTerminal}). */
    static boolean stdoutIsTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void onEpoch(EpochReport r) {
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
        if (last != null && !isPermanent(last)) {
            out.println(terminal ? "\r" + format(last) : format(last));
        }
        out.flush();
    }

    private boolean isPermanent(EpochReport r) {
        return r.epoch() == 1 || r.epoch() % every == 0;
    }

    private String format(EpochReport r) {
        double seconds = r.elapsedNanos() / 1e9;
        double perSecond = seconds > 0 ? r.passes() * examples / seconds : 0;
        double left = seconds / r.epoch() * (r.maxEpochs() - r.epoch());
        return String.format(Locale.ROOT, "epoch %5d/%d  cost %.7f  loss %.7f  gradient norm %.2e  %s ex/s  ETA %s",
                r.epoch(), r.maxEpochs(), r.cost(), r.meanLoss(), r.gradientNorm(), compact(perSecond), duration(left));
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
