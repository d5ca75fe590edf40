package sep.reporting;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** XChart charts in one house style, written as PNG (headless). */
public final class Charts {
    private Charts() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 900;
    public static final int HEIGHT = 520;

    /** A bar chart with one bar group per category and one bar per series. */
    public static CategoryChart bars(String title, String xTitle, String yTitle, List<String> categories,
                                     Map<String, List<? extends Number>> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(series.size() > 1);
        // Rotated labels get thinned out by XChart when they overlap: keep them flat up to a dozen categories.
        chart.getStyler().setXAxisLabelRotation(categories.size() > 12 ? 90 : 0);
        chart.getStyler().setXAxisMaxLabelCount(Math.max(2, categories.size()));
        chart.getStyler().setLabelsVisible(categories.size() * series.size() <= 24);
        chart.getStyler().setOverlapped(false);
        for (Map.Entry<String, List<? extends Number>> s : series.entrySet()) {
            chart.addSeries(s.getKey(), categories, new ArrayList<>(s.getValue()));
        }
        return chart;
    }

    /**
     * A histogram of values in {@code bins} equal bins between min and max, drawn as translucent step areas on a
     * numeric axis (values outside the range go to the first or last bin).
     */
    public static XYChart histogram(String title, String xTitle, Map<String, double[]> series, int bins,
                                    double min, double max) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle("clips").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisMin(min);
        chart.getStyler().setXAxisMax(max);
        double width = (max - min) / bins;
        for (Map.Entry<String, double[]> s : series.entrySet()) {
            double[] counts = new double[bins + 1];
            for (double v : s.getValue()) {
                int bin = (int) Math.floor((v - min) / width);
                counts[Math.max(0, Math.min(bins - 1, bin))]++;
            }
            counts[bins] = counts[bins - 1]; // the step of the last bin needs its right edge
            double[] edges = new double[bins + 1];
            for (int i = 0; i <= bins; i++) edges[i] = min + i * width;
            chart.addSeries(s.getKey(), edges, counts).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Lines over a shared x axis (e.g. loss per epoch). */
    public static XYChart lines(String title, String xTitle, String yTitle, Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        for (Map.Entry<String, double[][]> s : series.entrySet()) {
            chart.addSeries(s.getKey(), s.getValue()[0], s.getValue()[1]).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    public static void save(Chart<?, ?> chart, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        // xchart 4 deprecates its single-chart save methods; the image it renders is written as they wrote it.
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png.toFile())) throw new IOException("no PNG writer for " + png);
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
    }
}
