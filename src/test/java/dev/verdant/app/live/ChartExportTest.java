package dev.verdant.app.live;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SVG export is a well-formed SVG document carrying the chart's own texts and one shape per drawn line. */
class ChartExportTest {

    @Test
    void svgIsWellFormedAndKeepsTitleAxesLegendAndMarkerText(@TempDir Path dir) throws Exception {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries a = new XYSeries("#1 lr & 0.01");
        XYSeries b = new XYSeries("#2 <resnet>");
        for (int i = 1; i <= 5; i++) {
            a.add(i * 10.0, 0.5 + i * 0.08);
            b.add(i * 12.0, 0.4 + i * 0.09);
        }
        data.addSeries(a);
        data.addSeries(b);
        JFreeChart chart = Charts.xyChart("Accuracy against energy", "energy (J)", "validation accuracy", data);
        ValueMarker marker = new ValueMarker(30);
        marker.setLabel("prune");
        chart.getXYPlot().addDomainMarker(marker);

        Path file = dir.resolve("chart.svg");
        ChartExport.svg(chart, file, 800, 500);

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // the file names the SVG 1.0 DTD; well-formedness needs no DTD, and the tests run offline
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(file.toFile()); // throws on malformed XML
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertEquals(800, Double.parseDouble(doc.getDocumentElement().getAttribute("width")));
        List<String> texts = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        for (String expected : List.of("Accuracy against energy", "energy (J)", "validation accuracy",
                "#1 lr & 0.01", "#2 <resnet>", "prune")) {
            assertTrue(texts.contains(expected), expected + " not among the SVG's texts " + texts);
        }
        assertTrue(doc.getElementsByTagNameNS("*", "path").getLength() >= 2, "one path per series at least");
        assertTrue(Files.size(file) > 2000);
    }

    @Test
    void csvHasOneRowPerPointWithQuotedSeriesNames(@TempDir Path dir) throws Exception {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries s = new XYSeries("a, b");
        s.add(1.0, 0.5);
        s.add(2.0, 0.75);
        data.addSeries(s);
        Path file = dir.resolve("chart.csv");
        ChartExport.csv(new org.jfree.data.xy.XYDataset[] {data, null}, file);
        assertEquals(List.of("series,x,y", "\"a, b\",1.00000,0.500000", "\"a, b\",2.00000,0.750000"),
                Files.readAllLines(file));
    }
}
