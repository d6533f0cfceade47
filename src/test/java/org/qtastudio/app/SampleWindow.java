package org.qtastudio.app;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/** The main window on a fresh workspace holding the sample catalog, for headless UI tests. */
public final class SampleWindow {

    private SampleWindow() {
    }

    /** Shows the window on {@code stage}; the caller closes the returned context after the test. */
    public static AppContext show(Stage stage) throws Exception {
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-ui").resolve("ui.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        AppContext context = new AppContext(workspace);
        styleLikeTheApplication();
        stage.setScene(new Scene(new MainWindow(context).root(), 1280, 800));
        stage.show();
        return context;
    }

    /** The application's light theme: the screens' colours are its looked-up colours, which JavaFX's own theme lacks. */
    public static void styleLikeTheApplication() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }
}
