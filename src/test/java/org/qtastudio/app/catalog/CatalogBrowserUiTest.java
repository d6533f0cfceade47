package org.qtastudio.app.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.WindowUiTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the catalog browser headless (Monocle): the sample catalog loads, typing filters, a click shows the document. */
class CatalogBrowserUiTest extends WindowUiTest {

    @BeforeEach
    void sampleWindow(FxRobot robot) throws Exception {
        openOnSample(robot);
    }

    @Test
    void typingASearchFiltersTheRowsAndAClickShowsTheDocument(FxRobot robot) throws Exception {
        TableView<ToolRow> table = robot.lookup("#toolTable").queryTableView();
        waitOnFx(20, "the tools are listed", () -> !table.getItems().isEmpty());
        int all = onFx(() -> table.getItems().size());
        assertTrue(all >= 60, "the sample catalog should show its tools, got " + all);

        robot.clickOn("#searchField").write("weather");
        waitUntilFiltered(table, "weather", all);
        List<ToolRow> shownRows = onFx(() -> List.copyOf(table.getItems()));
        int shown = shownRows.size();
        assertTrue(shown > 0 && shown < all, "a search narrows the rows: " + shown + " of " + all);
        for (ToolRow row : shownRows) {
            assertTrue(row.searchText().contains("weather"), row.key() + " does not mention weather");
        }

        robot.write(" zzzz-no-such-word");
        waitOnFx(10, "a search for a word no tool has empties the table", () -> table.getItems().isEmpty());
        assertEquals(0, (int) onFx(() -> table.getItems().size()));

        robot.doubleClickOn("#searchField").eraseText(40);
        robot.write("weather");
        waitUntilFiltered(table, "weather", all);
        ToolRow first = onFx(() -> table.getItems().get(0));
        robot.interact(() -> table.getSelectionModel().select(0));
        TextArea document = robot.lookup("#documentArea").query();
        WaitForAsyncUtils.waitForFxEvents();
        String shownDocument = onFx(document::getText);
        assertFalse(shownDocument.isBlank());
        assertTrue(shownDocument.toLowerCase(Locale.ROOT).contains(first.name().toLowerCase(Locale.ROOT)),
                "the detail pane shows the selected tool's document");
    }

    @Test
    void theDeleteKeyAsksWithTheCountsThenDeletesTheSelectedTools(FxRobot robot) throws Exception {
        TableView<ToolRow> table = robot.lookup("#toolTable").queryTableView();
        waitOnFx(20, "the tools are listed", () -> !table.getItems().isEmpty());
        int all = onFx(() -> table.getItems().size());
        ToolRow first = onFx(() -> table.getItems().get(0));
        robot.interact(() -> {
            table.getSelectionModel().selectRange(0, 2);
            table.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.DELETE);
        waitOnFx(10, "Delete asks", () -> robot.lookup("#deleteConfirmation").tryQuery().isPresent());
        javafx.scene.control.DialogPane ask = robot.lookup("#deleteConfirmation").query();
        String question = onFx(ask::getContentText);
        assertTrue(question.startsWith("Delete 2 tools of catalog"), question);
        robot.clickOn(onFx(() -> ask.lookupButton(javafx.scene.control.ButtonType.YES)));
        waitOnFx(20, "the two tools leave the table", () -> table.getItems().size() == all - 2);
        assertTrue(onFx(() -> table.getItems().stream().noneMatch(r -> r.key().equals(first.key()))), first.key() + " is gone");
    }

    @Test
    void theCatalogListsMenuDeletesTheCatalogAfterAskingWithItsCounts(FxRobot robot) throws Exception {
        javafx.scene.control.ListView<org.qtastudio.catalog.Catalog> list = robot.lookup("#catalogList").queryListView();
        waitOnFx(20, "a catalog is selected", () -> list.getSelectionModel().getSelectedItem() != null);
        org.qtastudio.catalog.Catalog chosen = onFx(() -> list.getSelectionModel().getSelectedItem());
        javafx.scene.control.MenuItem delete = onFx(() -> list.getContextMenu().getItems().get(0));
        assertEquals("Delete catalog…", onFx(delete::getText));
        robot.interact(delete::fire);
        waitOnFx(10, "deleting asks", () -> robot.lookup("#deleteConfirmation").tryQuery().isPresent());
        javafx.scene.control.DialogPane ask = robot.lookup("#deleteConfirmation").query();
        String question = onFx(ask::getContentText);
        assertTrue(question.startsWith(String.format("Delete catalog '%s' with its %,d tools, %,d queries", chosen.name(),
                chosen.toolCount(), chosen.queryCount())), question);
        robot.clickOn(onFx(() -> ask.lookupButton(javafx.scene.control.ButtonType.YES)));
        waitOnFx(20, "the catalog leaves the list", () -> list.getItems().stream().noneMatch(c -> c.name().equals(chosen.name())));
        assertTrue(context.catalogs().find(chosen.name()).isEmpty(), "the catalog is gone from the workspace");
    }

    /** Filtering runs off the FX thread: wait until the table shows a narrowed, matching set. */
    private static void waitUntilFiltered(TableView<ToolRow> table, String word, int all) throws Exception {
        waitOnFx(10, "the table shows only tools matching '" + word + "'", () -> !table.getItems().isEmpty() && table.getItems().size() < all
                && table.getItems().stream().allMatch(r -> r.searchText().contains(word)));
    }
}
