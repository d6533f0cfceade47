package org.qtastudio.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.FxTest;
import org.qtastudio.retrieval.Ranking;

/** The rank chart's data and axes without a window: a gold tool a search did not return sits in a labelled band, not at 2^31. */
class RankChangeChartTest {

    /** Where {@link Tooltip#install} keeps a node's tooltip. */
    private static final String TOOLTIP = "javafx.scene.control.Tooltip";

    private static QueryChange query(String key, int before, int after) {
        return new QueryChange(key, List.of("tool"), key + " before", key + " after", before, after, List.of(), List.of(), false);
    }

    private static Map<String, XYChart.Data<Number, Number>> points(RankChangeChart chart) {
        return chart.getData().stream().flatMap(s -> s.getData().stream())
                .collect(Collectors.toMap(d -> ((String) ((Tooltip) d.getNode().getProperties().get(TOOLTIP)).getText()).split(" ")[0],
                        d -> d));
    }

    @Test
    void aGoldToolNotReturnedSitsInABandJustBeyondTheDeepestRealRankOnTheAxisOfTheRunThatMissedIt() throws Exception {
        FxTest.run(() -> {
            NumberAxis x = new NumberAxis();
            NumberAxis y = new NumberAxis();
            RankChangeChart chart = new RankChangeChart(x, y);
            chart.show(List.of(query("better", 3, 1), query("lost", 40, Ranking.NOT_RETURNED), query("found", Ranking.NOT_RETURNED, 7),
                    query("never", Ranking.NOT_RETURNED, Ranking.NOT_RETURNED)));
            // the deepest real rank, 40, lies in the second decade: the band's line is one decade past the axis would end
            double band = chart.notReturnedPosition();
            assertEquals(3.0, band, 1e-9);
            for (NumberAxis axis : List.of(x, y)) {
                assertEquals(band + 0.5, axis.getUpperBound(), 1e-9, "the axes end with the band, far below log10(2^31) = 9.3");
                assertEquals(RankChangeChart.NOT_RETURNED, axis.getTickLabelFormatter().toString(band));
                assertEquals("100", axis.getTickLabelFormatter().toString(2.0), "real decades keep their rank");
            }
            Map<String, XYChart.Data<Number, Number>> points = points(chart);
            assertEquals(Math.log10(40), points.get("lost").getXValue().doubleValue(), 1e-9);
            assertEquals(band, points.get("lost").getYValue().doubleValue(), 1e-9, "missed after: in the band of the y axis");
            assertEquals(band, points.get("found").getXValue().doubleValue(), 1e-9, "missed before: in the band of the x axis");
            assertEquals(Math.log10(7), points.get("found").getYValue().doubleValue(), 1e-9);
            assertEquals(band, points.get("never").getXValue().doubleValue(), 1e-9);
            assertEquals(band, points.get("never").getYValue().doubleValue(), 1e-9);
            assertTrue(band - 0.5 > Math.log10(40), "the band starts past every real rank");
            String tip = ((Tooltip) points.get("lost").getNode().getProperties().get(TOOLTIP)).getText();
            assertTrue(tip.endsWith("worst gold rank 40 → not returned"), tip);
        });
    }

    @Test
    void withoutAMissedGoldToolTheAxesEndAtTheDeepestRankAndHaveNoBand() throws Exception {
        FxTest.run(() -> {
            NumberAxis x = new NumberAxis();
            NumberAxis y = new NumberAxis();
            RankChangeChart chart = new RankChangeChart(x, y);
            chart.show(List.of(query("lost", Ranking.NOT_RETURNED, 2)));
            chart.show(List.of(query("better", 3, 1), query("worse", 4, 40)));
            assertTrue(Double.isNaN(chart.notReturnedPosition()), "the band of an earlier comparison is gone");
            assertEquals(2.0, x.getUpperBound(), 1e-9);
            assertEquals(2.0, y.getUpperBound(), 1e-9);
            assertEquals("100", x.getTickLabelFormatter().toString(2.0));
        });
    }
}
