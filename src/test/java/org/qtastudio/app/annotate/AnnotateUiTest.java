package org.qtastudio.app.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.imports.SampleData;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Annotates a query by keyboard alone: type to search, arrow down, Space to tick, Ctrl+Z to undo, Enter for the next query. */
class AnnotateUiTest extends WindowUiTest {

    @Test
    void annotatesAQueryByKeyboardWithUndo(FxRobot robot) throws Exception {
        openOnSample(robot);
        robot.clickOn("Annotate");
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        waitOnFx(20, "the queries are listed", () -> !queries.getItems().isEmpty());
        UserQuery first = onFx(() -> queries.getItems().get(0));
        Catalog catalog = context.catalogs().require(SampleData.CATALOG);

        ListView<?> tools = robot.lookup("#toolList").queryListView();
        waitOnFx(10, "the tools are listed", () -> tools.getItems().size() > 100);
        int all = onFx(() -> tools.getItems().size());
        robot.clickOn("#toolSearchField").write("share link");
        // the search runs in the background: wait for its result
        waitOnFx(10, "the search narrows the tools", () -> !tools.getItems().isEmpty() && tools.getItems().size() < all);
        robot.type(KeyCode.DOWN).type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> ticked = onFx(() -> queries.getItems().get(0).gold());
        assertEquals(first.gold().size() + 1, ticked.size(), "Space ticked the highlighted tool");
        waitUntilStored(catalog, first.key(), ticked);

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(first.gold(), onFx(() -> queries.getItems().get(0).gold()), "Ctrl+Z restored the gold set");
        waitUntilStored(catalog, first.key(), first.gold());

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        UserQuery second = onFx(() -> queries.getSelectionModel().getSelectedItem());
        assertNotEquals(first.key(), second.key(), "Enter moved to the next query");

        // the retriever's suggestions for the query can be ticked the same way
        ListView<?> suggestions = robot.lookup("#suggestionList").queryListView();
        waitOnFx(20, "suggestions arrive", () -> !suggestions.getItems().isEmpty());
        robot.clickOn(suggestions).type(KeyCode.HOME).type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> queries.getItems().stream().filter(q -> q.key().equals(second.key())).findFirst().orElseThrow())
                .gold().size() != second.gold().size(), "Space on a suggestion toggled it");
    }

    private void waitUntilStored(Catalog catalog, String key, List<String> gold) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> context.catalogs().queries(catalog.id(), null).stream()
                .anyMatch(q -> q.key().equals(key) && q.gold().equals(gold)));
    }
}
