package org.qtastudio.app.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;
import org.qtastudio.align.AlignStore;

/**
 * A training curve as W&B draws one: the raw value per optimizer step (the first series), with markers while there are
 * few steps; from {@value #MANY} steps on, no markers, and when smoothing is on an exponential moving average drawn
 * over the raw series, which turns faint behind it. Axes are padded so no point sits on the edge, the step axis has
 * whole-number ticks spaced so their labels never overlap, epoch boundaries are dashed vertical lines, another run
 * can be overlaid (dashed), and hovering shows the nearest step and its value. An empty chart draws no axes at all:
 * the screen shows a sentence instead.
 */
public final class StepChart extends LineChart<Number, Number> {

    /** From this many steps on the markers go: they would hide the line. */
    static final int MANY = 100;
    /** Weight of the previous smoothed value (W&B's default smoothing is 0.6). */
    private static final double SMOOTHING = 0.6;
    /** Pixels between the step axis' tick labels at the least. */
    private static final double TICK_SPACING = 60;

    private final NumberAxis steps;
    private final NumberAxis values;
    private final XYChart.Series<Number, Number> raw = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> smooth = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> other = new XYChart.Series<>();
    private final List<Line> epochLines = new ArrayList<>();
    private final List<Integer> epochStarts = new ArrayList<>();
    private final BooleanProperty smoothing = new SimpleBooleanProperty(true);
    private final Label hover = new Label();
    private ToDoubleFunction<AlignStore.Step> value = AlignStore.Step::loss;
    private boolean fixedRange;
    private double fixedLow;
    private double fixedHigh;
    private double ema = Double.NaN;
    private int lastEpoch = Integer.MIN_VALUE;

    public StepChart() {
        super(new NumberAxis(), new NumberAxis());
        steps = (NumberAxis) getXAxis();
        values = (NumberAxis) getYAxis();
        steps.setLabel("optimizer step");
        steps.setAutoRanging(false);
        steps.setMinorTickVisible(false);
        steps.setAnimated(false);
        steps.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Math.abs(n.doubleValue() - Math.rint(n.doubleValue())) < 1e-9 ? String.valueOf(Math.round(n.doubleValue())) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
        values.setAutoRanging(false);
        values.setMinorTickVisible(false);
        values.setAnimated(false);
        setAnimated(false);
        setLegendVisible(false);
        setData(FXCollections.observableArrayList(List.of(raw, smooth, other)));
        hover.getStyleClass().addAll("text-small", "step-chart-hover");
        hover.setMouseTransparent(true);
        hover.setManaged(false);
        getChildren().add(hover);
        smoothing.addListener((obs, old, on) -> redrawSmooth());
        widthProperty().addListener((obs, old, w) -> range());
        setOnMouseMoved(e -> showNearest(e.getSceneX(), e.getSceneY()));
        setOnMouseExited(e -> hover.setText(""));
        visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(raw.getData()));
    }

    /** What the chart plots of a step (loss, margin, accuracy). */
    public void setValue(ToDoubleFunction<AlignStore.Step> value) {
        this.value = value;
    }

    /** A fixed value range (reward accuracy: 0 to 1) instead of one fitted to the data. */
    public void setRange(double low, double high) {
        fixedRange = true;
        fixedLow = low;
        fixedHigh = high;
        range();
    }

    /** Whether the smoothed line is drawn over the raw one once there are many steps. */
    public BooleanProperty smoothingProperty() {
        return smoothing;
    }

    /** Shows {@code all}; when it only grew at the end since the last call, only the new steps are added. */
    public void show(List<AlignStore.Step> all) {
        int plotted = raw.getData().size();
        if (all.size() < plotted) {
            clear();
            plotted = 0;
        }
        List<XYChart.Data<Number, Number>> rawPoints = new ArrayList<>();
        List<XYChart.Data<Number, Number>> smoothPoints = new ArrayList<>();
        for (int i = plotted; i < all.size(); i++) {
            AlignStore.Step s = all.get(i);
            double v = value.applyAsDouble(s);
            int x = i + 1;
            rawPoints.add(new XYChart.Data<>(x, v));
            ema = Double.isNaN(ema) ? v : SMOOTHING * ema + (1 - SMOOTHING) * v;
            smoothPoints.add(new XYChart.Data<>(x, ema));
            if (lastEpoch != Integer.MIN_VALUE && s.epoch() != lastEpoch) {
                epochStarts.add(x);
            }
            lastEpoch = s.epoch();
        }
        raw.getData().addAll(rawPoints);
        if (!drawSmooth()) {
            smooth.getData().clear();
        } else if (smooth.getData().size() + smoothPoints.size() == raw.getData().size()) {
            smooth.getData().addAll(smoothPoints);
        } else {
            redrawSmooth(); // the steps just reached MANY
        }
        style();
        range();
    }

    /** Overlays another run's curve (dashed), or removes it for an empty list. */
    public void overlay(List<AlignStore.Step> steps) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            points.add(new XYChart.Data<>(i + 1, value.applyAsDouble(steps.get(i))));
        }
        other.getData().setAll(points);
        style();
        range();
    }

    /** Forgets what is plotted (another run, or a resumed run's replaced steps): the next {@link #show} draws all. */
    public void clear() {
        raw.getData().clear();
        smooth.getData().clear();
        epochStarts.clear();
        ema = Double.NaN;
        lastEpoch = Integer.MIN_VALUE;
    }

    /** The smoothed line is drawn only from {@value #MANY} steps on, and only when smoothing is on. */
    private boolean drawSmooth() {
        return smoothing.get() && raw.getData().size() >= MANY;
    }

    private void redrawSmooth() {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        if (drawSmooth()) {
            double e = Double.NaN;
            for (XYChart.Data<Number, Number> d : raw.getData()) {
                double v = d.getYValue().doubleValue();
                e = Double.isNaN(e) ? v : SMOOTHING * e + (1 - SMOOTHING) * v;
                points.add(new XYChart.Data<>(d.getXValue(), e));
            }
        }
        smooth.getData().setAll(points);
        style();
    }

    /** Markers while the steps are few; from {@value #MANY} on no markers, and the raw line faint under the smoothed one. */
    private void style() {
        boolean many = raw.getData().size() >= MANY;
        setCreateSymbols(!many);
        boolean smoothed = many && smoothing.get();
        setStyleOf(raw, smoothed ? "-fx-opacity: 0.25;" : "");
        setStyleOf(smooth, "-fx-stroke-width: 2.5px;");
        setStyleOf(other, "-fx-stroke-dash-array: 6 4; -fx-opacity: 0.7;");
    }

    private static void setStyleOf(XYChart.Series<Number, Number> series, String style) {
        Node line = series.getNode();
        if (line != null) {
            line.setStyle(style);
        }
    }

    /** Pads both axes by a twentieth of their range and picks whole-number step ticks that do not crowd. */
    private void range() {
        int last = Math.max(raw.getData().size(), other.getData().size());
        double width = Math.max(100, steps.getWidth() > 0 ? steps.getWidth() : getWidth() - 60);
        int maxTicks = Math.max(2, (int) (width / TICK_SPACING));
        int unit = niceStep(Math.max(1, last), maxTicks);
        steps.setTickUnit(unit);
        steps.setLowerBound(0);
        steps.setUpperBound(Math.max(unit, Math.ceil((last + Math.max(0.5, last * 0.03)) / unit) * unit));
        if (fixedRange) {
            values.setLowerBound(fixedLow - (fixedHigh - fixedLow) * 0.05);
            values.setUpperBound(fixedHigh + (fixedHigh - fixedLow) * 0.05);
            values.setTickUnit((fixedHigh - fixedLow) / 4);
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYChart.Series<Number, Number> s : List.of(raw, other)) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                lo = Math.min(lo, d.getYValue().doubleValue());
                hi = Math.max(hi, d.getYValue().doubleValue());
            }
        }
        if (lo > hi) {
            return;
        }
        double pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(hi) * 0.1, 0.05);
        double tick = niceNumber((hi - lo + 2 * pad) / 5);
        values.setTickUnit(tick);
        values.setLowerBound(Math.floor((lo - pad) / tick) * tick);
        values.setUpperBound(Math.ceil((hi + pad) / tick) * tick);
    }

    /** A whole step of 1, 2 or 5 times a power of ten that puts at most {@code maxTicks} ticks on {@code 0..last}. */
    static int niceStep(int last, int maxTicks) {
        for (int power = 1; ; power *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if ((double) last / (m * power) <= maxTicks) {
                    return m * power;
                }
            }
        }
    }

    private static double niceNumber(double rough) {
        if (!(rough > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private void showNearest(double sceneX, double sceneY) {
        if (raw.getData().isEmpty()) {
            return;
        }
        Point2D p = steps.sceneToLocal(sceneX, sceneY);
        int step = (int) Math.round(steps.getValueForDisplay(p.getX()).doubleValue());
        step = Math.max(1, Math.min(raw.getData().size(), step));
        double v = raw.getData().get(step - 1).getYValue().doubleValue();
        String text = String.format(Locale.ROOT, "step %d: %.4f", step, v);
        if (smoothing.get() && smooth.getData().size() >= step && raw.getData().size() >= MANY) {
            text += String.format(Locale.ROOT, " (smoothed %.4f)", smooth.getData().get(step - 1).getYValue().doubleValue());
        }
        hover.setText(text);
        hover.autosize();
        Point2D local = sceneToLocal(sceneX, sceneY);
        hover.relocate(Math.min(local.getX() + 12, getWidth() - hover.getWidth() - 4), Math.max(4, local.getY() - hover.getHeight() - 6));
    }

    /** The hover text now, for tests: empty when the pointer is not over the chart. */
    public String hoverText() {
        return hover.getText();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        while (epochLines.size() < epochStarts.size()) {
            Line line = new Line();
            line.getStyleClass().add("epoch-boundary");
            line.setStyle("-fx-stroke: -color-fg-subtle; -fx-stroke-dash-array: 3 3; -fx-opacity: 0.8;");
            line.setMouseTransparent(true);
            epochLines.add(line);
            getPlotChildren().add(line);
        }
        while (epochLines.size() > epochStarts.size()) {
            getPlotChildren().remove(epochLines.removeLast());
        }
        double top = values.getDisplayPosition(values.getUpperBound());
        double bottom = values.getDisplayPosition(values.getLowerBound());
        for (int i = 0; i < epochStarts.size(); i++) {
            double x = steps.getDisplayPosition(epochStarts.get(i) - 0.5);
            Line line = epochLines.get(i);
            line.setStartX(x);
            line.setEndX(x);
            line.setStartY(top);
            line.setEndY(bottom);
        }
    }

    /** The steps at which a new epoch begins, for tests. */
    public List<Integer> epochStarts() {
        return List.copyOf(epochStarts);
    }
}
