package org.qtastudio.app;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.qtastudio.catalog.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;

/** The main window on a fresh workspace holding the sample catalog, for headless UI tests. */
final class SampleWindow {

    private SampleWindow() {
    }

    /** Shows the window on {@code stage}; the caller closes the returned context after the test. */
    static AppContext show(Stage stage) throws Exception {
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-ui").resolve("ui.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        AppContext context = new AppContext(workspace);
        styleLikeTheApplication();
        stage.setScene(new Scene(new MainWindow(context).root(), 1280, 800));
        stage.show();
        return context;
    }

    /**
     * Shows the main window on {@code workspace} in {@code stage} at 1280×768 (a small laptop's height; the
     * headless screen is 1280 wide), from the test thread; the caller closes the window's context.
     */
    static MainWindow open(FxRobot robot, Stage stage, Workspace workspace) {
        AppContext context = new AppContext(workspace);
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            styleLikeTheApplication();
            window[0] = new MainWindow(context);
            stage.setScene(new Scene(window[0].root(), 1280, 768));
            stage.sizeToScene();
            stage.setX(0);
            stage.setY(0);
        });
        return window[0];
    }

    /** The application's light theme: the screens' colours are its looked-up colours, which JavaFX's own theme lacks. */
    static void styleLikeTheApplication() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }
}
