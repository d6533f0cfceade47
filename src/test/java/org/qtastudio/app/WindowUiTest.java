package org.qtastudio.app;

import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/** A headless UI test that shows the main window on a workspace it builds, and closes that workspace after each test. */
@ExtendWith(ApplicationExtension.class)
abstract class WindowUiTest {

    protected Stage stage;
    /** The shown window's workspace and services; null before {@link #open} and once closed. */
    protected AppContext context;

    /** TestFX calls only a test class's own {@code @Start} methods, so the base class takes the primary stage itself. */
    @BeforeEach
    void primaryStage() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /**
     * Shows the main window on {@code workspace} at 1280×768 (a small laptop's height; the headless screen is
     * 1280 wide), styled like the application.
     */
    MainWindow open(FxRobot robot, Workspace workspace) {
        context = new AppContext(workspace);
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            SampleWindow.styleLikeTheApplication();
            window[0] = new MainWindow(context);
            stage.setScene(new Scene(window[0].root(), 1280, 768));
            stage.sizeToScene();
            stage.setX(0);
            stage.setY(0);
            stage.show();
        });
        return window[0];
    }
}
