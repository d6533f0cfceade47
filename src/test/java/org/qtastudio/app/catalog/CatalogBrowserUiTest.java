package org.qtastudio.app.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.SampleWindow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the catalog browser headless (Monocle): the sample catalog loads, typing filters, a click shows the document. */
@ExtendWith(ApplicationExtension.class)
class CatalogBrowserUiTest {

    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        context = SampleWindow.show(stage);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void typingASearchFiltersTheRowsAndAClickShowsTheDocument(FxRobot robot) throws Exception {
        TableView<ToolRow> table = robot.lookup("#toolTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        int all = table.getItems().size();
        assertTrue(all >= 60, "the sample catalog should show its tools, got " + all);

        robot.clickOn("#searchField").write("weather");
        waitUntilFiltered(table, "weather", all);
        int shown = table.getItems().size();
        assertTrue(shown > 0 && shown < all, "a search narrows the rows: " + shown + " of " + all);
        for (ToolRow row : table.getItems()) {
            assertTrue(row.searchText().contains("weather"), row.key() + " does not mention weather");
        }

        robot.write(" zzzz-no-such-word");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().isEmpty());
        assertEquals(0, table.getItems().size());

        robot.doubleClickOn("#searchField").eraseText(40);
        robot.write("weather");
        waitUntilFiltered(table, "weather", all);
        ToolRow first = table.getItems().get(0);
        robot.interact(() -> table.getSelectionModel().select(0));
        TextArea document = robot.lookup("#documentArea").query();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(document.getText().isBlank());
        assertTrue(document.getText().toLowerCase(Locale.ROOT).contains(first.name().toLowerCase(Locale.ROOT)),
                "the detail pane shows the selected tool's document");
    }

    @Test
    void theDeleteKeyAsksWithTheCountsThenDeletesTheSelectedTools(FxRobot robot) throws Exception {
        TableView<ToolRow> table = robot.lookup("#toolTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        int all = table.getItems().size();
        ToolRow first = table.getItems().get(0);
        robot.interact(() -> {
            table.getSelectionModel().selectRange(0, 2);
            table.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.DELETE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#deleteConfirmation").tryQuery().isPresent());
        javafx.scene.control.DialogPane ask = robot.lookup("#deleteConfirmation").query();
        assertTrue(ask.getContentText().startsWith("Delete 2 tools of catalog"), ask.getContentText());
        robot.clickOn(ask.lookupButton(javafx.scene.control.ButtonType.YES));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == all - 2);
        assertTrue(table.getItems().stream().noneMatch(r -> r.key().equals(first.key())), first.key() + " is gone");
    }

    @Test
    void theCatalogListsMenuDeletesTheCatalogAfterAskingWithItsCounts(FxRobot robot) throws Exception {
        javafx.scene.control.ListView<org.qtastudio.catalog.Catalog> list = robot.lookup("#catalogList").queryListView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getSelectionModel().getSelectedItem() != null);
        org.qtastudio.catalog.Catalog chosen = list.getSelectionModel().getSelectedItem();
        javafx.scene.control.MenuItem delete = list.getContextMenu().getItems().get(0);
        assertEquals("Delete catalog…", delete.getText());
        robot.interact(delete::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#deleteConfirmation").tryQuery().isPresent());
        javafx.scene.control.DialogPane ask = robot.lookup("#deleteConfirmation").query();
        assertTrue(ask.getContentText().startsWith(String.format("Delete catalog '%s' with its %,d tools, %,d queries", chosen.name(),
                chosen.toolCount(), chosen.queryCount())), ask.getContentText());
        robot.clickOn(ask.lookupButton(javafx.scene.control.ButtonType.YES));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().stream().noneMatch(c -> c.name().equals(chosen.name())));
        assertTrue(context.catalogs().find(chosen.name()).isEmpty(), "the catalog is gone from the workspace");
    }

    /** Filtering runs off the FX thread: wait until the table shows a narrowed, matching set. */
    private static void waitUntilFiltered(TableView<ToolRow> table, String word, int all) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty() && table.getItems().size() < all
                && table.getItems().stream().allMatch(r -> r.searchText().contains(word)));
    }
}
