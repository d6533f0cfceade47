package org.qtastudio.app;

import java.nio.file.Files;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qtastudio.catalog.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main window on a fresh workspace holding the sample catalog, for headless UI tests. */
@ExtendWith(ApplicationExtension.class)
abstract class SampleWindowTest {

    protected AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-ui").resolve("ui.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        context = new AppContext(workspace);
        stage.setScene(new Scene(new MainWindow(context).root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        context.close();
    }
}
