package org.qtastudio.app;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qtastudio.app.settings.SettingsViewModel;
import org.qtastudio.app.settings.Themes;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A headless UI test on TestFX's primary stage: it shows the main window on a workspace it builds (or a dialog of
 * its own on that stage), and closes that workspace after each test.
 *
 * <p>Nodes and the view models behind them belong to the FX thread: a test reads them with {@link #onFx} and waits
 * for them with {@link #waitOnFx}, never from the test thread (where a list read while the screen changes it can
 * fail). Finding nodes with {@code robot.lookup(...)} and driving them with {@code robot.interact(...)} is fine from
 * the test thread.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class WindowUiTest {

    /** How long one read on the FX thread may wait for that thread. */
    private static final long FX_READ_SECONDS = 60;

    protected Stage stage;
    /** The shown window's workspace and services; null before {@link #open} and once closed. */
    protected AppContext context;

    /** TestFX calls only a test class's own {@code @Start} methods, so the base class takes the primary stage itself. */
    @BeforeEach
    protected void primaryStage() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    protected void closeContext() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /** Shows the main window on {@code workspace} at 1280×768 (a small laptop's screen), in the application's light theme. */
    protected MainWindow open(FxRobot robot, Workspace workspace) {
        return open(robot, workspace, 1280, 768, false);
    }

    /** Shows the main window on a new workspace holding the sample catalog, as {@link #open(FxRobot, Workspace)} does. */
    protected MainWindow openOnSample(FxRobot robot) throws Exception {
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-ui").resolve("ui.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        return open(robot, workspace);
    }

    /**
     * Shows the main window on {@code workspace} at {@code width}×{@code height} at the screen's top left corner, in
     * the application's light or dark theme, which then follows the window's theme toggle as in the application.
     */
    protected MainWindow open(FxRobot robot, Workspace workspace, int width, int height, boolean dark) {
        context = new AppContext(workspace);
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            SettingsViewModel settings = SettingsViewModel.inMemory();
            settings.darkThemeProperty().set(dark);
            Themes.follow(settings);
            window[0] = new MainWindow(context, settings);
            stage.setScene(new Scene(window[0].root(), width, height));
            stage.sizeToScene();
            stage.setX(0);
            stage.setY(0);
            stage.show();
        });
        return window[0];
    }

    /** The application's light theme: the screens' colours are its looked-up colours, which JavaFX's own theme lacks. */
    protected static void styleLikeTheApplication() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    /**
     * Calls {@code read} on the FX thread and returns its result, or rethrows what it threw; fails with a {@link
     * TimeoutException} when the FX thread does not get to it within a minute. On the FX thread it is simply called.
     */
    protected static <T> T onFx(Callable<T> read) throws Exception {
        return FxTest.call(read, FX_READ_SECONDS);
    }

    /**
     * Waits until {@code condition}, evaluated on the FX thread, holds, checking every 10 ms; a condition that throws
     * (the first item of a list still empty) does not hold yet. Fails after {@code seconds} with {@code what} in the
     * message.
     */
    protected static void waitOnFx(long seconds, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Exception thrown = null;
            try {
                if (Boolean.TRUE.equals(onFx(condition))) {
                    return;
                }
            } catch (Exception e) {
                thrown = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + seconds + " s waiting until " + what, thrown);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Waits up to two minutes for {@code condition}, read on the FX thread as {@link #waitOnFx} reads it, then for the FX
     * events it set off; when it does not come, fails with {@code what} and the text of the screen's message label
     * ({@code messageId}), which says why.
     */
    protected static void awaitScreen(FxRobot robot, String messageId, String what, Callable<Boolean> condition) throws Exception {
        try {
            waitOnFx(120, what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(what + " did not happen; the screen says: "
                    + onFx(() -> robot.lookup(messageId).queryAs(javafx.scene.control.Label.class).getText()), e);
        }
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text a table shows in a row of the column with that id, read on the FX thread. */
    protected static String cellText(FxRobot robot, TableView<?> table, String columnId, int row) throws Exception {
        return onFx(() -> {
            TableColumn<?, ?> column = table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow();
            TableCell<?, ?> cell = robot.from(table).lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getTableColumn() == column
                    && c.getIndex() == row).query();
            return cell.getText();
        });
    }
}
