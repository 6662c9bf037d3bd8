package dev.soma.benchmarks;

import dev.soma.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.openjdk.jmh.results.RunResult;

/** The kernels' throughput by working-set size, vector (solid) against scalar (dashed), as a PNG. */
final class ThroughputChart {

    private ThroughputChart() {
    }

    static void write(Collection<RunResult> results, Path file) throws IOException {
        // series name → (working-set bytes → GB/s)
        Map<String, TreeMap<Long, Double>> series = new TreeMap<>();
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().contains(".KernelBenchmark.")) {
                continue;
            }
            String method = Report.method(r);
            int floats = Integer.parseInt(r.getParams().getParam("floats"));
            series.computeIfAbsent(method + " " + r.getParams().getParam("kernels"), s -> new TreeMap<>())
                    .put(Report.bytesRead(method, floats), Report.gigabytesPerSecond(method, floats, Report.score(r)));
        }
        if (series.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1000).height(620)
                .title("Soma kernels: throughput by working set, vector (solid) vs scalar (dashed)")
                .xAxisTitle("bytes read per call (log)").yAxisTitle("GB/s (log)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (var entry : series.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            entry.getValue().forEach((bytes, gbs) -> {
                x.add(bytes.doubleValue());
                y.add(gbs);
            });
            XYSeries s = chart.addSeries(entry.getKey(), x, y);
            if (entry.getKey().endsWith("scalar")) {
                s.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        AtomicFiles.write(file, temporary ->
                BitmapEncoder.saveBitmap(chart, temporary.toString(), BitmapEncoder.BitmapFormat.PNG));
    }
}
