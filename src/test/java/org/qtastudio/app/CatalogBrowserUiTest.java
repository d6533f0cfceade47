package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.catalog.ToolRow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the catalog browser headless (Monocle): the sample catalog loads, typing filters, a click shows the document. */
class CatalogBrowserUiTest extends SampleWindowTest {

    @Test
    void typingASearchFiltersTheRowsAndAClickShowsTheDocument(FxRobot robot) throws Exception {
        TableView<ToolRow> table = robot.lookup("#toolTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        int all = table.getItems().size();
        assertTrue(all >= 60, "the sample catalog should show its tools, got " + all);

        robot.clickOn("#searchField").write("weather");
        WaitForAsyncUtils.waitForFxEvents();
        int shown = table.getItems().size();
        assertTrue(shown > 0 && shown < all, "a search narrows the rows: " + shown + " of " + all);
        for (ToolRow row : table.getItems()) {
            assertTrue(row.searchText().contains("weather"), row.key() + " does not mention weather");
        }

        robot.write(" zzzz-no-such-word");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, table.getItems().size());

        robot.doubleClickOn("#searchField").eraseText(40);
        robot.write("weather");
        WaitForAsyncUtils.waitForFxEvents();
        ToolRow first = table.getItems().get(0);
        robot.interact(() -> table.getSelectionModel().select(0));
        TextArea document = robot.lookup("#documentArea").query();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(document.getText().isBlank());
        assertTrue(document.getText().toLowerCase(Locale.ROOT).contains(first.name().toLowerCase(Locale.ROOT)),
                "the detail pane shows the selected tool's document");
    }
}
