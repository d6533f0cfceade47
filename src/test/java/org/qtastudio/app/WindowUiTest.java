package org.qtastudio.app;

import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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
public abstract class WindowUiTest {

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

    /**
     * Shows the main window on {@code workspace} at 1280×768 (a small laptop's height; the headless screen is
     * 1280 wide), styled like the application.
     */
    protected MainWindow open(FxRobot robot, Workspace workspace) {
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

    /** The text a table shows in a row of the column with that id. */
    protected static String cellText(FxRobot robot, TableView<?> table, String columnId, int row) {
        TableColumn<?, ?> column = table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow();
        TableCell<?, ?> cell = robot.from(table).lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getTableColumn() == column
                && c.getIndex() == row).query();
        return cell.getText();
    }
}
