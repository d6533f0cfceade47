package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qtastudio.store.Workspace;

/** The window's bounds and split-pane dividers survive a restart, and a window saved off every screen comes back on one. */
class WindowStateTest {

    private final Preferences prefs = Preferences.userRoot().node("org/qtastudio/test/window-" + UUID.randomUUID());

    @AfterEach
    void removePrefs() throws Exception {
        prefs.removeNode();
    }

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1280, 720);
    private static final Rectangle2D MONITOR = new Rectangle2D(1280, 0, 1920, 1080);

    @Test
    void boundsOnAScreenStayAsTheyWere() {
        Rectangle2D saved = new Rectangle2D(1400, 100, 1200, 800);
        assertEquals(saved, WindowState.onScreen(saved, List.of(LAPTOP, MONITOR)));
    }

    @Test
    void boundsOnAMonitorThatIsGoneAreDropped() {
        assertNull(WindowState.onScreen(new Rectangle2D(1400, 100, 1200, 800), List.of(LAPTOP)));
        assertNull(WindowState.onScreen(new Rectangle2D(-3000, -2000, 800, 600), List.of(LAPTOP)));
    }

    @Test
    void boundsPartlyOffTheScreenMoveOntoItAndShrinkToIt() {
        // most of the window hangs off the bottom right of the laptop's screen, and it is taller than that screen
        assertEquals(new Rectangle2D(480, 0, 800, 720), WindowState.onScreen(new Rectangle2D(1100, 500, 800, 900), List.of(LAPTOP)));
        // it straddles both screens, most of it on the monitor: it moves wholly onto the monitor
        assertEquals(new Rectangle2D(1280, 50, 1000, 700), WindowState.onScreen(new Rectangle2D(1000, 50, 1000, 700), List.of(LAPTOP, MONITOR)));
    }

    @Test
    void theWindowOpensWhereItWasClosed() throws Exception {
        Rectangle2D screen = FxTest.call(() -> Screen.getPrimary().getVisualBounds());
        double[] bounds = {screen.getMinX() + 20, screen.getMinY() + 30, screen.getWidth() - 100, screen.getHeight() - 80};
        FxTest.run(() -> {
            Stage closed = new Stage();
            closed.setX(bounds[0]);
            closed.setY(bounds[1]);
            closed.setWidth(bounds[2]);
            closed.setHeight(bounds[3]);
            new WindowState(prefs).save(closed);
        });
        double[] restored = FxTest.call(() -> {
            Stage next = new Stage();
            new WindowState(prefs).restore(next);
            return new double[] {next.getX(), next.getY(), next.getWidth(), next.getHeight()};
        });
        assertArrayEquals(bounds, restored, 0.5);
    }

    @Test
    void theDividersOfEveryScreenAreRemembered() throws Exception {
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-state").resolve("ui.qta"));
        try (AppContext context = new AppContext(workspace)) {
            List<double[]> saved = FxTest.call(() -> {
                List<SplitPane> panes = new MainWindow(context).splitPanes();
                assertTrue(panes.size() >= 5, "one split pane per screen at least, found " + panes.size());
                for (SplitPane pane : panes) {
                    double[] moved = pane.getDividerPositions().clone();
                    for (int d = 0; d < moved.length; d++) {
                        moved[d] = (d + 1.0) / (moved.length + 2.0); // positions no FXML file starts with
                    }
                    pane.setDividerPositions(moved);
                }
                new WindowState(prefs).saveDividers(panes);
                return panes.stream().map(SplitPane::getDividerPositions).toList();
            });
            List<double[]> restored = FxTest.call(() -> {
                List<SplitPane> panes = new MainWindow(context).splitPanes();
                new WindowState(prefs).restoreDividers(panes);
                return panes.stream().map(SplitPane::getDividerPositions).toList();
            });
            assertEquals(saved.size(), restored.size());
            for (int i = 0; i < saved.size(); i++) {
                assertArrayEquals(saved.get(i), restored.get(i), 1e-9, "split pane " + i);
            }
        }
    }
}
