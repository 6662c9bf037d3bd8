package dev.soma.examples;

import dev.soma.engine.EpochReport;
import dev.soma.engine.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints training progress. Every epoch updates one status line in place when the output is a terminal; a
 * permanent line is printed for the first epoch and every {@code every}-th, so that redirected output (a log
 * file, a pipe) stays short and readable.
 */
final class ProgressPrinter implements TrainingListener {

    private final PrintWriter out;
    private final int every;
    private final boolean terminal;
    private EpochReport last;

    ProgressPrinter(PrintWriter out, int every, boolean terminal) {
        this.out = out;
        this.every = Math.max(1, every);
        this.terminal = terminal;
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

    private static String format(EpochReport r) {
        return String.format(Locale.ROOT, "epoch %5d/%d  cost %.7f  log loss %.7f  gradient norm %.2e",
                r.epoch(), r.maxEpochs(), r.cost(), r.meanLoss(), r.gradientNorm());
    }
}
