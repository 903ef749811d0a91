package dev.verdant.app.live;

import dev.verdant.app.DialogService;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYDataset;

/** One chart in a {@link ChartViewer} with PNG, SVG and CSV export buttons. */
public final class ChartPane extends BorderPane {

    private static final int EXPORT_WIDTH = 1000;
    private static final int EXPORT_HEIGHT = 650;

    private final JFreeChart chart;
    private final ChartViewer viewer;

    public ChartPane(JFreeChart chart, String fileStem, DialogService dialogs) {
        this.chart = chart;
        this.viewer = new ChartViewer(chart);
        viewer.setMinSize(200, 150);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(4, spacer,
                exportButton("PNG", "Save the chart as a PNG image", new ExportChartAction(dialogs,
                        "the chart as PNG", fileStem + ".png",
                        f -> ChartExport.png(chart, f, EXPORT_WIDTH, EXPORT_HEIGHT))),
                exportButton("SVG", "Save the chart as an SVG vector image", new ExportChartAction(dialogs,
                        "the chart as SVG", fileStem + ".svg",
                        f -> ChartExport.svg(chart, f, EXPORT_WIDTH, EXPORT_HEIGHT))),
                exportButton("CSV", "Save the chart's data as CSV", new ExportChartAction(dialogs,
                        "the chart's data as CSV", fileStem + ".csv", f -> ChartExport.csv(datasets(), f))));
        bar.setPadding(new Insets(2, 4, 0, 4));
        setTop(bar);
        setCenter(viewer);
    }

    public JFreeChart chart() {
        return chart;
    }

    public ChartViewer viewer() {
        return viewer;
    }

    /** Every dataset of the chart's plot, for CSV export. */
    public XYDataset[] datasets() {
        var plot = chart.getXYPlot();
        XYDataset[] all = new XYDataset[plot.getDatasetCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = plot.getDataset(i);
        }
        return all;
    }

    private static Button exportButton(String text, String tip, ExportChartAction action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.execute());
        return b;
    }
}
