package org.qtastudio.app.experiments;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.HPos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.qtastudio.experiment.ExperimentResults;

/**
 * A transfer experiment's numbers as a matrix: one row per train catalog (and a first row for the base model, not
 * aligned), one column per test catalog, each cell coloured by the gain of the rewrites over the original queries in
 * the chosen metric (green up, red down, stronger for a larger gain) with the gain and both means written in it. A
 * cell is a button, so the keyboard reaches it; pressing it calls {@link #setOnPick}'s action with its grid point.
 */
public final class TransferMatrix extends GridPane {

    /** The base model's row: its grid points are {@code train=none test=B}. */
    static final String BASE = "none";

    /** The widest a cell grows on a large screen. */
    private static final double MAX_CELL_WIDTH = 240;

    private Consumer<String> onPick = point -> { };
    private final Map<String, Button> buttons = new HashMap<>();

    public TransferMatrix() {
        getStyleClass().add("transfer-matrix");
        setHgap(10);
        setVgap(6);
    }

    /** What pressing a cell does: it gets the cell's grid point, {@code train=A test=B}. */
    public void setOnPick(Consumer<String> action) {
        onPick = action;
    }

    /** The grid point of a train and a test catalog ({@value #BASE} as the train catalog: the base model). */
    static String point(String train, String test) {
        return "train=" + train + " test=" + test;
    }

    /** Shows {@code metric} for the crosses of {@code catalogs}; grid points not done yet show as a dash. */
    public void show(List<String> catalogs, List<ExperimentResults.Point> points, String metric) {
        getChildren().clear();
        getColumnConstraints().clear();
        buttons.clear();
        getColumnConstraints().add(new ColumnConstraints());
        for (int col = 0; col < catalogs.size(); col++) {
            // test columns share the room up to a readable width; the train catalogs' names keep theirs
            ColumnConstraints grows = new ColumnConstraints();
            grows.setHgrow(Priority.SOMETIMES);
            grows.setMaxWidth(MAX_CELL_WIDTH);
            getColumnConstraints().add(grows);
        }
        Map<String, ExperimentResults.Point> byPoint = new HashMap<>();
        points.forEach(p -> byPoint.put(p.point(), p));
        double largest = points.stream().mapToDouble(p -> Math.abs(gain(p, metric))).max().orElse(0);
        for (int col = 0; col < catalogs.size(); col++) {
            add(header("test: " + catalogs.get(col)), col + 1, 0);
        }
        for (int row = 0; row <= catalogs.size(); row++) {
            String train = row == 0 ? BASE : catalogs.get(row - 1);
            add(header(row == 0 ? "base model" : "trained on " + train), 0, row + 1);
            for (int col = 0; col < catalogs.size(); col++) {
                String point = point(train, catalogs.get(col));
                ExperimentResults.Point p = byPoint.get(point);
                Button cell = new Button();
                cell.setMnemonicParsing(false);
                cell.getStyleClass().add("matrix-cell");
                cell.setMaxWidth(Double.MAX_VALUE);
                cell.setMinWidth(USE_PREF_SIZE);
                if (p == null) {
                    cell.setText("—");
                    cell.setTooltip(new Tooltip(point + ": no cell done yet"));
                    cell.setDisable(true);
                } else {
                    double g = gain(p, metric);
                    ExperimentResults.Stat before = p.stats().get("original").get(metric);
                    ExperimentResults.Stat after = p.stats().get("rewrite").get(metric);
                    cell.setText(String.format(Locale.ROOT, "%+.1f%n%.1f → %.1f", g, before.mean(), after.mean()));
                    cell.setStyle(colour(g, largest));
                    cell.setTooltip(new Tooltip(String.format(Locale.ROOT, "%s, %s in points:%noriginal %.2f [%.2f, %.2f]%n"
                                    + "rewrite %.2f [%.2f, %.2f], p = %.4f%n%d seeds × %d test queries; press to open its first seed's "
                                    + "cell in Results", point, metric, before.mean(), before.low(), before.high(), after.mean(), after.low(),
                            after.high(), after.pValue(), p.seeds(), p.queries())));
                    cell.setOnAction(e -> onPick.accept(point));
                }
                buttons.put(point, cell);
                add(cell, col + 1, row + 1);
            }
        }
    }

    /** The cell of a grid point, for tests. */
    public Button cell(String point) {
        return buttons.get(point);
    }

    /** Rewrite mean minus original mean, in points. */
    static double gain(ExperimentResults.Point p, String metric) {
        return p.stats().get("rewrite").get(metric).mean() - p.stats().get("original").get(metric).mean();
    }

    /** Green for a gain, red for a loss, more opaque the larger it is next to the largest; none for no change. */
    static String colour(double gain, double largest) {
        if (gain == 0 || largest == 0) {
            return "";
        }
        double alpha = 0.15 + 0.6 * Math.min(1, Math.abs(gain) / largest);
        return String.format(Locale.ROOT, "-fx-background-color: rgba(%s, %.2f);", gain > 0 ? "74, 194, 107" : "255, 129, 130", alpha);
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-bold");
        l.setMinWidth(USE_PREF_SIZE);
        GridPane.setHalignment(l, HPos.CENTER);
        return l;
    }
}
