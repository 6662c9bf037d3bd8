package dev.soma.cli;

import dev.soma.engine.io.AtomicFiles;
import dev.soma.engine.metrics.ReliabilityTable;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The reliability curve of a binary classifier's probabilities as a PNG (XChart), written atomically: each bin's
 * fraction of class 1 against its mean predicted probability, beside the diagonal a perfectly calibrated model
 * would follow.
 */
final class ReliabilityPlot {

    static final String DIAGONAL = "perfectly calibrated";
    static final String MODEL = "model (fraction of class 1 per bin)";

    private ReliabilityPlot() {
    }

    static void write(Path file, String title, ReliabilityTable table) throws IOException {
        XYChart chart = chart(title, table);
        // Through a stream: given a file name, XChart would add ".png" to any name not ending in it.
        AtomicFiles.write(file, temporary -> {
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(temporary)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }

    static XYChart chart(String title, ReliabilityTable table) {
        XYChart chart = new XYChartBuilder().width(640).height(600).title(title)
                .xAxisTitle("mean predicted probability of class 1").yAxisTitle("fraction of class 1").build();
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        styler.setXAxisDecimalPattern("0.0");
        styler.setYAxisDecimalPattern("0.0");
        styler.setYAxisTickMarkSpacingHint(45);
        chart.addSeries(DIAGONAL, new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE)
                .setLineColor(Color.GRAY).setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        double[] x = table.bins().stream().mapToDouble(ReliabilityTable.Bin::meanPredicted).toArray();
        double[] y = table.bins().stream().mapToDouble(ReliabilityTable.Bin::fractionPositive).toArray();
        XYSeries model = chart.addSeries(MODEL, x, y);
        model.setMarker(SeriesMarkers.CIRCLE).setLineColor(new Color(0x1f77b4));
        model.setMarkerColor(new Color(0x1f77b4));
        return chart;
    }
}
