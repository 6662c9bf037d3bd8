package dev.soma.cli;

import dev.soma.engine.io.AtomicFiles;
import dev.soma.engine.train.EpochReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curve per epoch as a PNG (XChart), written atomically: the training loss and, with early stopping, the
 * validation loss, both without the penalty so that they compare like with like, and the epoch whose weights were
 * kept. The loss axis is logarithmic when the curve spans more than {@link #LOG_SPAN} (or when asked). It draws
 * into an image in memory, which needs no display; the code sets no global property for that (the JVM runs
 * headless where there is no display, and {@code ./soma} passes {@code -Djava.awt.headless=true}).
 */
final class LossPlot {

    /** The ratio of the largest to the smallest loss above which the loss axis is logarithmic: two decades. */
    static final double LOG_SPAN = 100;
    /** Pixels between x ticks, at least: XChart picks a round step (1, 2, 5 × 10^k epochs) that leaves this much. */
    static final int X_TICK_SPACING = 80;

    static final String TRAINING = "training loss (without penalty)";
    static final String VALIDATION = "validation loss (without penalty)";

    private LossPlot() {
    }

    /**
     * Writes the plot of {@code reports} to {@code file}.
     *
     * @param bestEpoch the epoch whose weights were kept (early stopping), marked; 0 for none
     * @param forceLog  a logarithmic loss axis whatever the span
     */
    static void write(Path file, String title, List<EpochReport> reports, int bestEpoch, boolean forceLog)
            throws IOException {
        XYChart chart = chart(title, reports, bestEpoch, forceLog);
        // Through a stream: given a file name, XChart would add ".png" to any name not ending in it.
        AtomicFiles.write(file, temporary -> {
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(temporary)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }

    /** The chart, built but not drawn. */
    static XYChart chart(String title, List<EpochReport> reports, int bestEpoch, boolean forceLog) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        double[] epochs = reports.stream().mapToDouble(EpochReport::epoch).toArray();
        double[] training = reports.stream().mapToDouble(EpochReport::meanLoss).toArray();
        List<EpochReport> validated = reports.stream().filter(r -> Double.isFinite(r.validationLoss())).toList();
        double[] validationEpochs = validated.stream().mapToDouble(EpochReport::epoch).toArray();
        double[] validation = validated.stream().mapToDouble(EpochReport::validationLoss).toArray();

        double low = Math.min(min(training), validation.length > 0 ? min(validation) : Double.POSITIVE_INFINITY);
        double high = Math.max(max(training), validation.length > 0 ? max(validation) : Double.NEGATIVE_INFINITY);
        // A log axis needs positive values; a loss of exactly 0 (a perfect fit) keeps the linear one.
        boolean log = low > 0 && (forceLog || high / low > LOG_SPAN);

        XYChart chart = new XYChartBuilder().width(900).height(540).title(title)
                .xAxisTitle("epoch").yAxisTitle(log ? "loss (log scale)" : "loss").build();
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setXAxisTickMarkSpacingHint(X_TICK_SPACING);
        styler.setXAxisDecimalPattern("0");
        styler.setYAxisLogarithmic(log);
        styler.setYAxisDecimalPattern(yPattern(low, high, log));

        // XChart puts a tick on every data point, at whatever step fits, when the x values it meets first are
        // equally spaced (1, 12, 23...); an invisible first point at the last epoch makes it choose round steps.
        XYSeries anchor = chart.addSeries("x ticks", new double[] {epochs[epochs.length - 1]},
                new double[] {training[training.length - 1]});
        anchor.setMarker(SeriesMarkers.NONE).setShowInLegend(false);
        anchor.setLineColor(new Color(0, 0, 0, 0));

        chart.addSeries(TRAINING, epochs, training).setMarker(SeriesMarkers.NONE).setLineColor(new Color(0x1f77b4));
        if (validation.length > 0) {
            chart.addSeries(VALIDATION, validationEpochs, validation).setMarker(SeriesMarkers.NONE)
                    .setLineColor(new Color(0xff7f0e));
        }
        if (bestEpoch > 0) {
            XYSeries best = chart.addSeries(bestLabel(bestEpoch), new double[] {bestEpoch, bestEpoch},
                    new double[] {low, high});
            best.setMarker(SeriesMarkers.NONE).setLineColor(Color.DARK_GRAY)
                    .setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                            new float[] {6, 4}, 0));
        }
        return chart;
    }

    static String bestLabel(int bestEpoch) {
        return "best epoch " + bestEpoch + ", weights kept";
    }

    /**
     * Tick labels with their leading zero (XChart's own format drops it: ".05") and enough decimals for the
     * range: a linear axis shows a tenth of its range; a log axis, whose ticks are powers of ten, its smallest.
     */
    static String yPattern(double low, double high, boolean log) {
        double finest = log ? low : (high - low) / 10;
        if (log && (low < 1e-3 || high >= 1e4)) {
            return "0.#E0";
        }
        int decimals = finest > 0 ? (int) Math.ceil(-Math.log10(finest)) + 1 : 3;
        decimals = Math.clamp(decimals, 1, 8);
        return "0." + "0".repeat(1) + "#".repeat(decimals - 1);
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Double.isFinite(v) ? Math.min(m, v) : m;
        }
        return m;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Double.isFinite(v) ? Math.max(m, v) : m;
        }
        return m;
    }
}
