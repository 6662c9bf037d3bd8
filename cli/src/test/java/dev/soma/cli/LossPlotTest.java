package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.train.EpochReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The loss plot at any length: round x ticks that do not run together, a log loss axis for curves that span
 * decades, leading zeros in the tick labels, the kept epoch marked. The PNGs stay in cli/target/loss-plots to be
 * looked at.
 */
class LossPlotTest {

    private static final Path OUT = Path.of("cli/target/loss-plots");

    /** A curve over {@code n} epochs: training loss {@code loss(e)}, the cost 0.1 above it (a penalty). */
    private static List<EpochReport> curve(int n, IntToDoubleFunction loss, IntToDoubleFunction validation) {
        List<EpochReport> reports = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            double l = loss.applyAsDouble(e);
            reports.add(new EpochReport(e, n, l + 0.1, l, 1e-3, validation == null ? Double.NaN
                    : validation.applyAsDouble(e), 0.1, e, e * 1_000_000L));
        }
        return reports;
    }

    private static List<EpochReport> gentle(int n) {
        return curve(n, e -> 0.05 + 0.6 * Math.exp(-5.0 * e / n), e -> 0.09 + 0.6 * Math.exp(-5.0 * e / n)
                + 0.08 * Math.pow((double) e / n, 2));
    }

    /** The x tick labels XChart drew (it has no public accessor; the field is read by reflection). */
    private static List<String> xTickLabels(XYChart chart) throws ReflectiveOperationException {
        BitmapEncoder.getBufferedImage(chart); // lays the chart out
        Field pair = Chart.class.getDeclaredField("axisPair");
        pair.setAccessible(true);
        return ((AxisPair<?, ?>) pair.get(chart)).getXAxis().getAxisTickCalculator().getTickLabels();
    }

    private static void assertPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 1000 && bytes[0] == (byte) 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G',
                "a PNG file");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(540, image.getHeight());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 300, 5000})
    void xTicksAreRoundAndFewAtAnyLength(int n) throws Exception {
        List<EpochReport> reports = gentle(n);
        int best = n * 3 / 5;
        Path file = OUT.resolve("epochs-" + n + ".png");
        LossPlot.write(file, "logistic, " + n + " epochs", reports, best, false);
        assertPng(file);

        XYChart chart = LossPlot.chart("t", reports, best, false);
        assertFalse(chart.getStyler().isYAxisLogarithmic(), "a curve within two decades keeps the linear axis");
        assertEquals(LossPlot.X_TICK_SPACING, chart.getStyler().getXAxisTickMarkSpacingHint());
        List<String> ticks = xTickLabels(chart);
        // XChart also lists the ticks just outside the axis, which it does not draw.
        List<Double> values = ticks.stream().map(Double::parseDouble).filter(v -> v >= 1 && v <= n).toList();
        assertTrue(values.size() >= 2 && values.size() <= 16, "not every epoch labelled: " + ticks);
        assertEquals(values.size(), values.stream().distinct().count(), "no repeated label: " + ticks);
        double step = values.get(1) - values.get(0);
        double magnitude = Math.pow(10, Math.floor(Math.log10(step)));
        double mantissa = step / magnitude;
        assertTrue(mantissa == 1 || mantissa == 2 || mantissa == 2.5 || mantissa == 5, "a round step: " + ticks);
        for (double v : values) {
            assertEquals(0, Math.IEEEremainder(v, step), 1e-9, "ticks on multiples of the step: " + ticks);
        }
    }

    @Test
    void aCurveSpanningSixDecadesGetsALogAxis() throws Exception {
        List<EpochReport> reports = curve(400, e -> 0.7 * Math.pow(10, -6.0 * (e - 1) / 399), null);
        XYChart chart = LossPlot.chart("t", reports, 0, false);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        Path file = OUT.resolve("six-decades.png");
        LossPlot.write(file, "six decades", reports, 0, false);
        assertPng(file);
        assertEquals(List.of(LossPlot.TRAINING), visibleSeries(chart), "no validation, no marker");
    }

    @Test
    void plotLogForcesTheLogAxisUnlessALossIsZero() {
        assertTrue(LossPlot.chart("t", gentle(50), 0, true).getStyler().isYAxisLogarithmic());
        assertFalse(LossPlot.chart("t", curve(50, e -> e < 50 ? 0.5 / e : 0, null), 0, true).getStyler()
                .isYAxisLogarithmic(), "log(0) has no place on the axis");
    }

    @Test
    void trainingAndValidationLossBothWithoutPenaltyAndTheKeptEpochInTheLegend() {
        List<EpochReport> reports = gentle(300);
        XYChart chart = LossPlot.chart("t", reports, 120, false);
        assertEquals(List.of(LossPlot.TRAINING, LossPlot.VALIDATION, "best epoch 120, weights kept"),
                visibleSeries(chart));
        double[] training = chart.getSeriesMap().get(LossPlot.TRAINING).getYData();
        assertEquals(reports.getFirst().meanLoss(), training[0], "the loss, not the cost with its penalty");
        double[] marker = chart.getSeriesMap().get("best epoch 120, weights kept").getXData();
        assertEquals(120, marker[0]);
        assertEquals(120, marker[1]);
    }

    @Test
    void tickLabelsKeepTheirLeadingZero() {
        DecimalFormat linear = new DecimalFormat(LossPlot.yPattern(0.05, 0.7, false), DecimalFormatSymbols.getInstance(Locale.ROOT));
        assertEquals("0.05", linear.format(0.05));
        assertEquals("0.7", linear.format(0.7));
        DecimalFormat fine = new DecimalFormat(LossPlot.yPattern(0.0611, 0.0613, false), DecimalFormatSymbols.getInstance(Locale.ROOT));
        assertEquals("0.06112", fine.format(0.06112));
        DecimalFormat log = new DecimalFormat(LossPlot.yPattern(0.01, 0.7, true), DecimalFormatSymbols.getInstance(Locale.ROOT));
        assertEquals("0.01", log.format(0.01));
        DecimalFormat decades = new DecimalFormat(LossPlot.yPattern(7e-7, 0.7, true), DecimalFormatSymbols.getInstance(Locale.ROOT));
        assertEquals("1E-6", decades.format(1e-6));
    }

    private static List<String> visibleSeries(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).map(s -> s.getName()).toList();
    }
}
