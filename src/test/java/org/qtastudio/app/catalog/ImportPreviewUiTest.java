package org.qtastudio.app.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.app.LayoutChecker;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The import dialog on an empty workspace: a broken file shows its error line and cannot be imported; a good one previews, then imports. */
class ImportPreviewUiTest extends WindowUiTest {

    @TempDir
    Path dir;

    private MainWindow window;

    @BeforeEach
    void emptyWorkspace(FxRobot robot) throws Exception {
        window = open(robot, Workspace.open(dir.resolve("ui.qta")));
    }

    private Path functions(String name, int n, boolean broken) throws Exception {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",\n").append("{\"type\": \"function\", \"function\": {\"name\": \"tool_").append(i)
                    .append("\", \"description\": \"Looks up thing ").append(i).append("\", \"parameters\": {\"type\": \"object\"}}}");
        }
        sb.append(broken ? ",\n{\"name\": \"oops\" \"description\": 1}]" : "\n]");
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    private Dialog<ButtonType> open(FxRobot robot, Path file) throws Exception {
        Dialog<ButtonType>[] dialog = new Dialog[1];
        robot.interact(() -> dialog[0] = window.previewImport(file.toFile()));
        Label error = robot.lookup("#importErrorLabel").query();
        Label summary = robot.lookup("#importSummaryLabel").query();
        waitOnFx(20, "the preview of " + file.getFileName(), () -> !error.getText().isEmpty() || !summary.getText().isEmpty());
        return dialog[0];
    }

    @Test
    void brokenFileShowsTheLineAndCannotBeImported(FxRobot robot) throws Exception {
        Dialog<ButtonType> dialog = open(robot, functions("broken.json", 4, true));
        Label error = robot.lookup("#importErrorLabel").query();
        String shownError = onFx(error::getText);
        assertTrue(shownError.contains("broken.json:6"), "the error names file and line: " + shownError);
        assertTrue(onFx(error::isVisible));
        Node importButton = onFx(() -> dialog.getDialogPane().lookupButton(ImportPreviewView.IMPORT));
        assertTrue(onFx(importButton::isDisabled), "a failed dry run cannot be imported");
        robot.interact(dialog::close);
        assertTrue(context.catalogs().catalogs().isEmpty());
    }

    @Test
    void previewShowsCountsAndToolsThenImportStoresThem(FxRobot robot) throws Exception {
        Dialog<ButtonType> dialog = open(robot, functions("tools.json", 12, false));
        Label summary = robot.lookup("#importSummaryLabel").query();
        String counts = onFx(summary::getText);
        assertTrue(counts.contains("12 tools (12 added, 0 updated, 0 unchanged)"), counts);
        TableView<?> tools = robot.lookup("#importToolTable").queryTableView();
        assertEquals(12, (int) onFx(() -> tools.getItems().size()));
        ListView<?> problems = robot.lookup("#importProblemList").queryListView();
        List<?> listed = onFx(() -> List.copyOf(problems.getItems()));
        assertTrue(listed.isEmpty(), "no problems: " + listed);
        assertTrue(context.catalogs().catalogs().isEmpty(), "a preview stores nothing");

        robot.clickOn("#importCatalogField").eraseText(20).write("my-tools").type(javafx.scene.input.KeyCode.ENTER);
        waitOnFx(20, "the preview names the catalog 'my-tools'", () -> summary.getText().contains("'my-tools'"));
        Node importButton = onFx(() -> dialog.getDialogPane().lookupButton(ImportPreviewView.IMPORT));
        assertFalse(onFx(importButton::isDisabled));
        robot.clickOn(importButton);
        waitOnFx(20, "the window lists 'my-tools'", () -> window.catalogModel().catalogs().stream().map(Catalog::name)
                .anyMatch("my-tools"::equals));
        assertEquals(12, context.catalogs().tools(context.catalogs().require("my-tools").id()).size());
    }

    @Test
    void aGenericFileIsMappedInTheDialogThenImportedWithItsGold(FxRobot robot) throws Exception {
        Path file = Files.writeString(dir.resolve("calls.jsonl"), """
                {"id": "weather", "name": "weather", "description": "forecast for a city"}
                {"id": "q1", "question": "rain in Oslo?", "calling": [{"api": "weather"}]}
                """);
        Dialog<ButtonType> dialog = open(robot, file);
        Label error = robot.lookup("#importErrorLabel").query();
        Label summary = robot.lookup("#importSummaryLabel").query();
        assertFalse(onFx(error::getText).isEmpty(), "unmapped, the query record is neither a query nor a tool");
        javafx.scene.control.TabPane tabs = robot.lookup("#importTabs").query();
        javafx.scene.control.Tab mapping = onFx(() -> tabs.getTabs().getLast());
        assertEquals("Field mapping", onFx(mapping::getText));
        assertFalse(onFx(mapping::isDisable), "a .jsonl of records reads as generic: its fields can be mapped");
        robot.interact(() -> tabs.getSelectionModel().select(mapping));
        List<String> layout = onFx(() -> {
            javafx.scene.Scene scene = dialog.getDialogPane().getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return LayoutChecker.check(scene);
        });
        assertEquals("", String.join("\n", layout), "the mapping tab reads whole");
        javafx.scene.control.ComboBox<String> query = robot.lookup("#map-query").query();
        waitOnFx(20, "the query field offers the file's column 'question'", () -> query.getItems().contains("question"));
        robot.interact(() -> query.setValue("question")); // picked from the file's columns
        javafx.scene.control.ComboBox<String> gold = robot.lookup("#map-gold").query();
        robot.interact(() -> { // a path typed in, then committed as Enter would
            gold.getEditor().setText("calling[].api");
            gold.commitValue();
        });
        waitOnFx(20, "the mapped preview counts the query", () -> summary.getText().contains("1 queries"));
        String counts = onFx(summary::getText);
        assertTrue(counts.contains("1 tools"), counts);
        robot.clickOn(onFx(() -> dialog.getDialogPane().lookupButton(ImportPreviewView.IMPORT)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !context.catalogs().catalogs().isEmpty()
                && !context.catalogs().queries(context.catalogs().catalogs().get(0).id(), null).isEmpty());
        var stored = context.catalogs().queries(context.catalogs().catalogs().get(0).id(), null);
        assertEquals(List.of("weather"), stored.get(0).gold());
    }
}
