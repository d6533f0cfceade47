package org.qtastudio.app.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.SampleWindow;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.imports.SampleData;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Annotates a query by keyboard alone: type to search, arrow down, Space to tick, Ctrl+Z to undo, Enter for the next query. */
@ExtendWith(ApplicationExtension.class)
class AnnotateUiTest {

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
    void annotatesAQueryByKeyboardWithUndo(FxRobot robot) throws Exception {
        robot.clickOn("Annotate");
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !queries.getItems().isEmpty());
        UserQuery first = queries.getItems().get(0);
        Catalog catalog = context.catalogs().require(SampleData.CATALOG);

        ListView<?> tools = robot.lookup("#toolList").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tools.getItems().size() > 100);
        int all = tools.getItems().size();
        robot.clickOn("#toolSearchField").write("share link");
        // the search runs in the background: wait for its result
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !tools.getItems().isEmpty() && tools.getItems().size() < all);
        robot.type(KeyCode.DOWN).type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> ticked = queries.getItems().get(0).gold();
        assertEquals(first.gold().size() + 1, ticked.size(), "Space ticked the highlighted tool");
        waitUntilStored(catalog, first.key(), ticked);

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(first.gold(), queries.getItems().get(0).gold(), "Ctrl+Z restored the gold set");
        waitUntilStored(catalog, first.key(), first.gold());

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        UserQuery second = queries.getSelectionModel().getSelectedItem();
        assertNotEquals(first.key(), second.key(), "Enter moved to the next query");

        // the retriever's suggestions for the query can be ticked the same way
        ListView<?> suggestions = robot.lookup("#suggestionList").queryListView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !suggestions.getItems().isEmpty());
        robot.clickOn(suggestions).type(KeyCode.HOME).type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(queries.getItems().stream().filter(q -> q.key().equals(second.key())).findFirst().orElseThrow()
                .gold().size() != second.gold().size(), "Space on a suggestion toggled it");
    }

    private void waitUntilStored(Catalog catalog, String key, List<String> gold) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> context.catalogs().queries(catalog.id(), null).stream()
                .anyMatch(q -> q.key().equals(key) && q.gold().equals(gold)));
    }
}
