package org.qtastudio.app.results;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.NamedArg;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;
import org.qtastudio.retrieval.Ranking;

/**
 * Each query's worst gold rank before (x) against after (y), on log axes so that ranks 1 to 10 are as readable
 * as 10 to 100, with the line where nothing changed: points below it got better. There is one point per query,
 * in one series per {@link Change} (so colour and legend follow the change); queries that land on the same
 * (before, after) pair are spread around it along a small spiral, so that none hides behind another.
 */
public final class RankChangeChart extends ScatterChart<Number, Number> {

    /** Radius step of the spiral, in decades of rank, and its angle step (the golden angle). */
    private static final double SPREAD = 0.045;
    private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
    /** Room below rank 1 (the axis starts at 10^-0.5) for the spiral around the best rank. */
    private static final double MARGIN = 0.5;

    private final NumberAxis before;
    private final NumberAxis after;
    private final Map<Change, Series<Number, Number>> series = new EnumMap<>(Change.class);
    private final Line diagonal = new Line();
    private Consumer<QueryChange> onPick = q -> { };

    public RankChangeChart(@NamedArg("xAxis") NumberAxis xAxis, @NamedArg("yAxis") NumberAxis yAxis) {
        super(xAxis, yAxis);
        this.before = xAxis;
        this.after = yAxis;
        StringConverter<Number> ranks = new StringConverter<>() {
            @Override
            public String toString(Number decades) {
                double d = decades.doubleValue();
                return d >= 0 && Math.abs(d - Math.rint(d)) < 1e-9 ? String.valueOf(Math.round(Math.pow(10, d))) : "";
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        };
        for (NumberAxis axis : List.of(xAxis, yAxis)) {
            axis.setAutoRanging(false);
            axis.setAnimated(false);
            axis.setTickUnit(1);
            axis.setMinorTickCount(0);
            axis.setTickLabelFormatter(ranks);
        }
        setAnimated(false);
        setHorizontalZeroLineVisible(false);
        setVerticalZeroLineVisible(false);
        getStyleClass().add("rank-chart");
        diagonal.getStyleClass().add("diagonal");
        diagonal.setMouseTransparent(true);
        getPlotChildren().add(diagonal); // first, so the points are drawn over it
        for (Change change : Change.values()) {
            Series<Number, Number> s = new Series<>();
            s.setName(change.label());
            series.put(change, s);
            getData().add(s);
        }
        show(List.of());
    }

    /** What a click on a query's point does. */
    public void setOnPick(Consumer<QueryChange> action) {
        onPick = action;
    }

    /** The series of one kind of change: one data point per query of that kind. */
    public Series<Number, Number> series(Change change) {
        return series.get(change);
    }

    /** Plots these queries, replacing those shown. */
    public void show(List<QueryChange> queries) {
        Map<Change, List<Data<Number, Number>>> points = new EnumMap<>(Change.class);
        for (Change change : Change.values()) {
            points.put(change, new ArrayList<>());
        }
        Map<Long, Integer> atSamePoint = new HashMap<>();
        int deepest = 10;
        for (QueryChange q : queries) {
            deepest = Math.max(deepest, Math.max(q.worstRankBefore(), q.worstRankAfter()));
            int j = atSamePoint.merge(((long) q.worstRankBefore() << 32) | q.worstRankAfter(), 1, Integer::sum) - 1;
            double radius = SPREAD * Math.sqrt(j);
            Data<Number, Number> point = new Data<>(Math.log10(q.worstRankBefore()) + radius * Math.cos(j * GOLDEN_ANGLE),
                    Math.log10(q.worstRankAfter()) + radius * Math.sin(j * GOLDEN_ANGLE));
            StackPane symbol = new StackPane();
            Tooltip.install(symbol, new Tooltip(q.beforeText() + "\nworst gold rank " + Ranking.describe(q.worstRankBefore()) + " → "
                    + Ranking.describe(q.worstRankAfter())));
            symbol.setOnMouseClicked(e -> onPick.accept(q));
            point.setNode(symbol);
            points.get(q.change()).add(point);
        }
        double upper = Math.ceil(Math.log10(deepest) + 0.2);
        for (NumberAxis axis : List.of(before, after)) {
            axis.setLowerBound(-MARGIN);
            axis.setUpperBound(upper);
        }
        points.forEach((change, list) -> {
            Series<Number, Number> s = series.get(change);
            s.getData().setAll(list);
            s.setName(change.label() + " (" + list.size() + ")"); // named after the data is in, so the legend takes its colour
        });
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        diagonal.setStartX(before.getDisplayPosition(before.getLowerBound()));
        diagonal.setStartY(after.getDisplayPosition(after.getLowerBound()));
        diagonal.setEndX(before.getDisplayPosition(before.getUpperBound()));
        diagonal.setEndY(after.getDisplayPosition(after.getUpperBound()));
    }
}
