package org.qtastudio.app.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;
import javafx.util.StringConverter;
import org.qtastudio.experiment.CellResult;
import org.qtastudio.experiment.ExperimentResults;

/**
 * One metric against the grid points of an experiment (data efficiency, backbones, one setting): a line per system
 * (original queries, rewrites, fusion) through the means over seeds, with the 95% interval drawn as a band and as an
 * error bar at each point. The grid points are evenly spaced in queue order and named by their value ({@code size=5}
 * shows as 5); the three systems are set a little apart at each point so that equal values stay visible. Hovering a
 * point shows its numbers; clicking it calls {@link #setOnPick}'s action with the grid point and the system.
 */
public final class PointChart extends LineChart<Number, Number> {

    /** Sideways offset between the systems at a point, in grid steps. */
    private static final double DODGE = 0.03;

    private final NumberAxis grid;
    private final NumberAxis values;
    private final List<Series<Number, Number>> lines = new ArrayList<>();
    private final List<Polygon> bands = new ArrayList<>();
    private final List<Path> whiskers = new ArrayList<>();
    private List<ExperimentResults.Point> shown = List.of();
    private String metric = ExperimentsViewModel.METRICS.getFirst();
    private BiConsumer<String, String> onPick = (point, system) -> { };

    public PointChart() {
        super(new NumberAxis(), new NumberAxis());
        grid = (NumberAxis) getXAxis();
        values = (NumberAxis) getYAxis();
        for (NumberAxis axis : List.of(grid, values)) {
            axis.setAutoRanging(false);
            axis.setAnimated(false);
            axis.setMinorTickVisible(false);
        }
        grid.setTickUnit(1);
        grid.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double x = n.doubleValue();
                int i = (int) Math.round(x);
                return Math.abs(x - i) < 1e-9 && i >= 0 && i < shown.size() ? value(shown.get(i).point()) : "";
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        });
        setAnimated(false);
        setHorizontalZeroLineVisible(false);
        setVerticalZeroLineVisible(false);
        getStyleClass().add("point-chart");
        for (int s = 0; s < CellResult.SYSTEMS.size(); s++) {
            Series<Number, Number> line = new Series<>();
            line.setName(CellResult.SYSTEMS.get(s));
            lines.add(line);
            Polygon band = new Polygon();
            band.getStyleClass().addAll("band", "band" + s);
            band.setMouseTransparent(true);
            bands.add(band);
            Path whisker = new Path();
            whisker.getStyleClass().addAll("whisker", "whisker" + s);
            whisker.setMouseTransparent(true);
            whiskers.add(whisker);
        }
        getPlotChildren().addAll(bands); // before the lines and points, so they are drawn under them
        getData().addAll(lines);
        getPlotChildren().addAll(whiskers);
        show(List.of(), metric);
    }

    /** What a click on a point does: it gets the grid point and the system ({@code original}, {@code rewrite}, {@code fusion}). */
    public void setOnPick(BiConsumer<String, String> action) {
        onPick = action;
    }

    /** The line of one system: one data point per grid point shown. */
    public Series<Number, Number> series(String system) {
        return lines.get(CellResult.SYSTEMS.indexOf(system));
    }

    /** Plots {@code metric} at these grid points, replacing what was shown. */
    public void show(List<ExperimentResults.Point> points, String metric) {
        this.shown = List.copyOf(points);
        this.metric = metric;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < lines.size(); s++) {
            String system = CellResult.SYSTEMS.get(s);
            List<Data<Number, Number>> data = new ArrayList<>();
            for (int i = 0; i < shown.size(); i++) {
                ExperimentResults.Point p = shown.get(i);
                ExperimentResults.Stat stat = p.stats().get(system).get(metric);
                Data<Number, Number> d = new Data<>(x(i, s), stat.mean());
                StackPane symbol = new StackPane();
                Tooltip.install(symbol, new Tooltip(describe(p, system, stat)));
                symbol.setOnMouseClicked(e -> onPick.accept(p.point(), system));
                d.setNode(symbol);
                data.add(d);
                low = Math.min(low, stat.low());
                high = Math.max(high, stat.high());
            }
            lines.get(s).getData().setAll(data);
        }
        grid.setLowerBound(-0.5);
        grid.setUpperBound(Math.max(0.5, shown.size() - 0.5));
        grid.setLabel(shown.isEmpty() ? "" : axisName(shown.getFirst().point()));
        values.setLabel(metric + " (%)");
        if (low > high) {
            low = 0;
            high = 100;
        }
        double pad = Math.max(2, (high - low) * 0.08);
        double tick = tick(high - low + 2 * pad);
        values.setTickUnit(tick);
        values.setLowerBound(Math.max(0, Math.floor((low - pad) / tick) * tick));
        values.setUpperBound(Math.min(100, Math.ceil((high + pad) / tick) * tick));
        requestChartLayout();
    }

    /** The x of system {@code s} at grid point {@code i}: the systems side by side around the point. */
    private static double x(int i, int s) {
        return i + (s - 1) * DODGE;
    }

    private String describe(ExperimentResults.Point p, String system, ExperimentResults.Stat stat) {
        String text = String.format(Locale.ROOT, "%s, %s: %s %.2f [%.2f, %.2f]%n%s, %s", p.point(), system, metric, stat.mean(),
                stat.low(), stat.high(), p.seeds() == 1 ? "1 seed" : p.seeds() + " seeds", p.queries() + " test queries");
        if (!Double.isNaN(stat.pValue())) {
            text += String.format(Locale.ROOT, "%np = %.4f against the original queries (paired randomization test)", stat.pValue());
        }
        return text + "\nClick to open its first seed's cell in Results.";
    }

    /** What a grid point's value is called on the axis: {@code size=5} is 5 training queries. */
    static String axisName(String point) {
        int eq = point.indexOf('=');
        String key = eq < 0 ? point : point.substring(0, eq);
        return switch (key) {
            case "size" -> "training queries (0: the base model, not aligned)";
            case "model" -> "model";
            default -> key;
        };
    }

    /** The value of a grid point, as the axis names it: {@code size=5} is 5. */
    static String value(String point) {
        int eq = point.indexOf('=');
        return eq < 0 ? point : point.substring(eq + 1);
    }

    private static double tick(double range) {
        for (double t : new double[] {1, 2, 5, 10, 20, 25}) {
            if (range / t <= 8) {
                return t;
            }
        }
        return 25;
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        for (int s = 0; s < lines.size(); s++) {
            String system = CellResult.SYSTEMS.get(s);
            List<Double> outline = new ArrayList<>();
            List<Double> back = new ArrayList<>();
            Path whisker = whiskers.get(s);
            whisker.getElements().clear();
            for (int i = 0; i < shown.size(); i++) {
                ExperimentResults.Stat stat = shown.get(i).stats().get(system).get(metric);
                double x = grid.getDisplayPosition(x(i, s));
                double yLow = values.getDisplayPosition(stat.low());
                double yHigh = values.getDisplayPosition(stat.high());
                outline.addAll(List.of(x, yLow));
                back.addAll(0, List.of(x, yHigh));
                whisker.getElements().addAll(new MoveTo(x, yLow), new LineTo(x, yHigh), new MoveTo(x - 4, yLow), new LineTo(x + 4, yLow),
                        new MoveTo(x - 4, yHigh), new LineTo(x + 4, yHigh));
            }
            outline.addAll(back);
            bands.get(s).getPoints().setAll(outline);
        }
    }
}
