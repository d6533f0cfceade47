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
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.qtastudio.retrieval.Ranking;

/**
 * Each query's worst gold rank before (x) against after (y), on log axes so that ranks 1 to 10 are as readable
 * as 10 to 100, with the line where nothing changed: points below it got better. There is one point per query,
 * in one series per {@link Change} (so colour and legend follow the change); queries that land on the same
 * (before, after) pair are spread around it along a small spiral, so that none hides behind another.
 *
 * <p>A gold tool the search did not return has no rank ({@link Ranking#NOT_RETURNED}); its query is drawn in a shaded
 * band labelled "not returned" one decade beyond the deepest real rank, on the axis of the run that missed it, rather
 * than at log10(2^31), which would squeeze every real rank into the chart's first third.
 */
public final class RankChangeChart extends ScatterChart<Number, Number> {

    /** Radius step of the spiral, in decades of rank, and its angle step (the golden angle). */
    private static final double SPREAD = 0.045;
    private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
    /** Room below rank 1 (the axis starts at 10^-0.5) for the spiral around the best rank. */
    private static final double MARGIN = 0.5;
    /** What the band of gold tools a search did not return is labelled, as the tables say it. */
    static final String NOT_RETURNED = Ranking.describe(Ranking.NOT_RETURNED);

    private final NumberAxis before;
    private final NumberAxis after;
    private final Map<Change, Series<Number, Number>> series = new EnumMap<>(Change.class);
    private final Line diagonal = new Line();
    /** The "not returned" band across each axis: x (missed before) and y (missed after). */
    private final Rectangle missedBefore = new Rectangle();
    private final Rectangle missedAfter = new Rectangle();
    /** Where on both axes a rank that was not returned is drawn (in decades); NaN while no point needs the band. */
    private double notReturnedAt = Double.NaN;
    private Consumer<QueryChange> onPick = q -> { };

    public RankChangeChart(@NamedArg("xAxis") NumberAxis xAxis, @NamedArg("yAxis") NumberAxis yAxis) {
        super(xAxis, yAxis);
        this.before = xAxis;
        this.after = yAxis;
        StringConverter<Number> ranks = new StringConverter<>() {
            @Override
            public String toString(Number decades) {
                return tickLabel(decades.doubleValue());
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
        for (Rectangle band : List.of(missedBefore, missedAfter)) {
            band.getStyleClass().add("not-returned-band");
            band.setMouseTransparent(true);
            band.setVisible(false);
        }
        getPlotChildren().addAll(missedBefore, missedAfter, diagonal); // first, so the points are drawn over them
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
        int deepest = 10;
        boolean missed = false;
        for (QueryChange q : queries) {
            for (int rank : new int[] {q.worstRankBefore(), q.worstRankAfter()}) {
                if (rank == Ranking.NOT_RETURNED) {
                    missed = true;
                } else {
                    deepest = Math.max(deepest, rank);
                }
            }
        }
        double deepestDecade = Math.ceil(Math.log10(deepest) + 0.2);
        notReturnedAt = missed ? deepestDecade + 1 : Double.NaN;
        Map<Long, Integer> atSamePoint = new HashMap<>();
        for (QueryChange q : queries) {
            int j = atSamePoint.merge(((long) q.worstRankBefore() << 32) | q.worstRankAfter(), 1, Integer::sum) - 1;
            double radius = SPREAD * Math.sqrt(j);
            Data<Number, Number> point = new Data<>(position(q.worstRankBefore()) + radius * Math.cos(j * GOLDEN_ANGLE),
                    position(q.worstRankAfter()) + radius * Math.sin(j * GOLDEN_ANGLE));
            StackPane symbol = new StackPane();
            Tooltip.install(symbol, new Tooltip(q.beforeText() + "\nworst gold rank " + Ranking.describe(q.worstRankBefore()) + " → "
                    + Ranking.describe(q.worstRankAfter())));
            symbol.setOnMouseClicked(e -> onPick.accept(q));
            point.setNode(symbol);
            points.get(q.change()).add(point);
        }
        // the band spans half a decade either side of its line, and starts half a decade past the deepest real rank's
        double upper = missed ? notReturnedAt + 0.5 : deepestDecade;
        for (NumberAxis axis : List.of(before, after)) {
            axis.setLowerBound(-MARGIN);
            axis.setUpperBound(upper);
        }
        missedBefore.setVisible(missed);
        missedAfter.setVisible(missed);
        requestChartLayout();
        points.forEach((change, list) -> {
            Series<Number, Number> s = series.get(change);
            s.getData().setAll(list);
            s.setName(change.label() + " (" + list.size() + ")"); // named after the data is in, so the legend takes its colour
        });
    }

    /** Where a rank is drawn on either axis: its decade, or the "not returned" band's line. */
    double position(int rank) {
        return rank == Ranking.NOT_RETURNED ? notReturnedAt : Math.log10(rank);
    }

    /** Where the "not returned" band's line lies on both axes, in decades; NaN when no shown query needs it. */
    public double notReturnedPosition() {
        return notReturnedAt;
    }

    /** An axis tick's label: the rank at a whole decade, "not returned" at the band's line, else nothing. */
    String tickLabel(double decades) {
        if (decades < 0 || Math.abs(decades - Math.rint(decades)) >= 1e-9) {
            return "";
        }
        return Math.rint(decades) == notReturnedAt ? NOT_RETURNED : String.valueOf(Math.round(Math.pow(10, decades)));
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        if (!Double.isNaN(notReturnedAt)) {
            double edge = notReturnedAt - 0.5;
            double left = before.getDisplayPosition(edge);
            double right = before.getDisplayPosition(before.getUpperBound());
            double top = after.getDisplayPosition(after.getUpperBound());
            double bottom = after.getDisplayPosition(after.getLowerBound());
            missedBefore.setX(left);
            missedBefore.setY(top);
            missedBefore.setWidth(Math.max(0, right - left));
            missedBefore.setHeight(Math.max(0, bottom - top));
            double bandBottom = after.getDisplayPosition(edge);
            missedAfter.setX(before.getDisplayPosition(before.getLowerBound()));
            missedAfter.setY(top);
            missedAfter.setWidth(Math.max(0, right - missedAfter.getX()));
            missedAfter.setHeight(Math.max(0, bandBottom - top));
        }
        diagonal.setStartX(before.getDisplayPosition(before.getLowerBound()));
        diagonal.setStartY(after.getDisplayPosition(after.getLowerBound()));
        diagonal.setEndX(before.getDisplayPosition(before.getUpperBound()));
        diagonal.setEndY(after.getDisplayPosition(after.getUpperBound()));
    }
}
