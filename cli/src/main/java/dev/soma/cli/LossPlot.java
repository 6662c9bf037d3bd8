package dev.soma.cli;

import dev.soma.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curve per epoch, training and validation, as a PNG (XChart), written atomically. It draws into an image
 * in memory, which needs no display; the code sets no global property for that (the JVM runs headless where there
 * is no display, and {@code ./soma} passes {@code -Djava.awt.headless=true}).
 */
final class LossPlot {

    private LossPlot() {
    }

    static void write(Path file, String title, List<Integer> epochs, List<Double> training, List<Double> validation)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title)
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.addSeries("training cost", epochs, training).setMarker(SeriesMarkers.NONE);
        if (!validation.isEmpty()) {
            chart.addSeries("validation loss", epochs, validation).setMarker(SeriesMarkers.NONE);
        }
        AtomicFiles.write(file, temporary ->
                BitmapEncoder.saveBitmap(chart, temporary.toString(), BitmapEncoder.BitmapFormat.PNG));
    }
}
