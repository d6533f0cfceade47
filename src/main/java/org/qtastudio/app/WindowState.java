package org.qtastudio.app;

import java.util.Arrays;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The window's size, position and split-pane dividers, kept between starts in the user's preferences. Bounds saved
 * on a screen that is gone (a monitor unplugged, a smaller resolution) are moved and shrunk onto a current screen, so
 * the window never opens where it cannot be seen.
 */
public final class WindowState {

    /** How much of a saved window must overlap a screen, each way, for it to count as being on that screen. */
    private static final double MIN_VISIBLE = 100;

    private final Preferences prefs;

    public WindowState(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The application's node in the user's preferences. */
    public static WindowState forUser() {
        return new WindowState(Preferences.userNodeForPackage(WindowState.class).node("window"));
    }

    /**
     * Gives {@code stage} its saved bounds and maximized state when they fit one of the current screens; otherwise
     * leaves it as it is (its scene's size, centred).
     */
    public void restore(Stage stage) {
        double w = prefs.getDouble("width", -1);
        double h = prefs.getDouble("height", -1);
        if (w <= 0 || h <= 0) {
            return;
        }
        Rectangle2D saved = new Rectangle2D(prefs.getDouble("x", 0), prefs.getDouble("y", 0), w, h);
        Rectangle2D fitted = onScreen(saved, Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        if (fitted != null) {
            stage.setX(fitted.getMinX());
            stage.setY(fitted.getMinY());
            stage.setWidth(fitted.getWidth());
            stage.setHeight(fitted.getHeight());
        }
        stage.setMaximized(prefs.getBoolean("maximized", false));
    }

    /** Saves the stage's bounds (those before maximizing, when it is maximized) and whether it is maximized. */
    public void save(Stage stage) {
        prefs.putBoolean("maximized", stage.isMaximized());
        if (!stage.isMaximized() && stage.getWidth() > 0 && stage.getHeight() > 0) {
            prefs.putDouble("x", stage.getX());
            prefs.putDouble("y", stage.getY());
            prefs.putDouble("width", stage.getWidth());
            prefs.putDouble("height", stage.getHeight());
        }
    }

    /** Sets each split pane's dividers to the positions saved for it, when as many were saved as it has. */
    public void restoreDividers(List<SplitPane> panes) {
        for (int i = 0; i < panes.size(); i++) {
            SplitPane pane = panes.get(i);
            String saved = prefs.get("split." + i, null);
            if (saved == null) {
                continue;
            }
            try {
                double[] positions = Arrays.stream(saved.split(",")).mapToDouble(Double::parseDouble).toArray();
                if (positions.length == pane.getDividers().size() && Arrays.stream(positions).allMatch(p -> p > 0.02 && p < 0.98)) {
                    pane.setDividerPositions(positions);
                }
            } catch (NumberFormatException e) {
                prefs.remove("split." + i); // written by hand or by another version: the layout's own positions stand
            }
        }
    }

    /** Saves the divider positions of each split pane, by its place in the list. */
    public void saveDividers(List<SplitPane> panes) {
        for (int i = 0; i < panes.size(); i++) {
            double[] positions = panes.get(i).getDividerPositions();
            prefs.put("split." + i, String.join(",", Arrays.stream(positions).mapToObj(Double::toString).toList()));
        }
    }

    /**
     * {@code saved} moved and shrunk to lie inside the screen it overlaps most, or null when it overlaps none by at least
     * {@value #MIN_VISIBLE} px each way (the screen it was on is gone).
     */
    static Rectangle2D onScreen(Rectangle2D saved, List<Rectangle2D> screens) {
        Rectangle2D best = null;
        double bestArea = 0;
        for (Rectangle2D screen : screens) {
            double w = Math.min(saved.getMaxX(), screen.getMaxX()) - Math.max(saved.getMinX(), screen.getMinX());
            double h = Math.min(saved.getMaxY(), screen.getMaxY()) - Math.max(saved.getMinY(), screen.getMinY());
            if (w >= Math.min(MIN_VISIBLE, saved.getWidth()) && h >= Math.min(MIN_VISIBLE, saved.getHeight()) && w * h > bestArea) {
                best = screen;
                bestArea = w * h;
            }
        }
        if (best == null) {
            return null;
        }
        double width = Math.min(saved.getWidth(), best.getWidth());
        double height = Math.min(saved.getHeight(), best.getHeight());
        double x = Math.clamp(saved.getMinX(), best.getMinX(), best.getMaxX() - width);
        double y = Math.clamp(saved.getMinY(), best.getMinY(), best.getMaxY() - height);
        return new Rectangle2D(x, y, width, height);
    }
}
