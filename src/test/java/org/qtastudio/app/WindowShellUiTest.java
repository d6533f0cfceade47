package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Task;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.qtastudio.bench.app.CatalogBrowserBenchmark;
import org.qtastudio.app.catalog.ToolRow;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window around the screens: one catalog selection shared by every screen, the document pane that follows the
 * table, changes made by another process, F5, the status bar of background work and Esc.
 */
class WindowShellUiTest extends WindowUiTest {

    /** A workspace holding the sample catalog and a generated one of {@code tools} tools named "generated". */
    private static Workspace twoCatalogs(int tools) throws Exception {
        Path dir = Files.createTempDirectory("qta-shell");
        Workspace workspace = Workspace.open(dir.resolve("ui.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        Path generated = CatalogBrowserBenchmark.generate(dir.resolve("generated"), tools);
        new ImportService(workspace).importSource(ImportSource.of(generated), "mtrb", "generated", Progress.NONE);
        return workspace;
    }

    @Test
    void choosingACatalogOnOneScreenSelectsItOnEveryScreen(FxRobot robot) throws Exception {
        MainWindow window = open(robot, twoCatalogs(50));
        waitOnFx(20, "both catalogs are listed", () -> window.catalogModel().catalogs().size() == 2
                && window.catalogModel().selectedCatalogProperty().get() != null);
        Catalog first = onFx(() -> window.catalogModel().selectedCatalogProperty().get());
        Catalog other = onFx(() -> window.catalogModel().catalogs().stream().filter(c -> !c.equals(first)).findFirst()
                .orElseThrow());

        robot.clickOn("#annotateTab");
        @SuppressWarnings("unchecked")
        List<ChoiceBox<Catalog>> pickers = java.util.stream.Stream.of("#catalogChoice", "#alignCatalogChoice", "#resultsCatalogChoice")
                .flatMap(id -> robot.lookup(id).queryAllAs(ChoiceBox.class).stream()).map(c -> (ChoiceBox<Catalog>) c).toList();
        assertTrue(pickers.size() >= 4, "Annotate, Baselines, Align and Results each have a catalog picker: " + pickers.size());
        ChoiceBox<Catalog> annotatePicker = onFx(() -> pickers.stream().filter(WindowShellUiTest::isOnSelectedTab).findFirst()
                .orElseThrow());
        robot.interact(() -> annotatePicker.setValue(other));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(other, onFx(() -> window.catalogModel().selectedCatalogProperty().get()), "the Catalog screen follows");
        assertEquals(other, onFx(() -> window.baselinesModel().catalogProperty().get()), "Baselines follows");
        assertEquals(other, onFx(() -> window.alignModel().catalogProperty().get()), "Align follows");
        assertEquals(other, onFx(() -> window.resultsModel().catalogProperty().get()), "Results follows");
        for (ChoiceBox<Catalog> picker : pickers) {
            assertEquals(other, onFx(picker::getValue), "every picker shows the shared catalog");
        }
        ListView<Catalog> list = robot.lookup("#catalogList").queryListView();
        assertEquals(other, onFx(() -> list.getSelectionModel().getSelectedItem()));

        // choosing on the Catalog screen goes the other way; F5 reads the workspace again and keeps the choice
        robot.clickOn("#catalogTab");
        robot.interact(() -> list.getSelectionModel().select(first));
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        for (ChoiceBox<Catalog> picker : pickers) {
            assertEquals(first, onFx(picker::getValue), "every picker shows the catalog chosen on the Catalog screen");
        }
        assertEquals(first, onFx(() -> window.alignModel().catalogProperty().get()));
    }

    private static boolean isOnSelectedTab(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theDocumentPaneNeverShowsAToolTheTableNoLongerShows(FxRobot robot) throws Exception {
        MainWindow window = open(robot, twoCatalogs(50));
        TableView<ToolRow> table = robot.lookup("#toolTable").queryTableView();
        waitOnFx(20, "the tools are listed", () -> table.getItems().size() > 10);
        ToolRow picked = onFx(() -> table.getItems().get(0));
        robot.interact(() -> table.getSelectionModel().select(picked));
        waitOnFx(20, "the document of the selected tool shows", () -> window.catalogModel().detailToolProperty().get() != null);

        robot.clickOn("#searchField").write("zzzz-matches-nothing");
        waitOnFx(20, "the search leaves the table empty", () -> table.getItems().isEmpty());
        assertNull(onFx(() -> window.catalogModel().detailToolProperty().get()),
                "the tool left the table, so its document left the pane");
        assertEquals("", onFx(() -> window.catalogModel().detailDocumentProperty().get()));
        assertEquals("No tool selected", onFx(() -> robot.lookup("#toolTitle").queryAs(Label.class).getText()));
    }

    @Test
    void theWindowListsACatalogAnotherProcessWroteIntoTheWorkspace(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("qta-outside");
        Workspace workspace = Workspace.open(dir.resolve("ui.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        MainWindow window = open(robot, workspace);
        waitOnFx(20, "the sample catalog is listed", () -> window.catalogModel().catalogs().size() == 1);

        // another connection to the same file, as the command line would open it
        Path generated = CatalogBrowserBenchmark.generate(dir.resolve("generated"), 20);
        try (Workspace outside = Workspace.open(workspace.file())) {
            new ImportService(outside).importSource(ImportSource.of(generated), "mtrb", "written-outside", Progress.NONE);
        }
        long start = System.nanoTime();
        waitOnFx(20, "the window lists the catalog written outside", () -> window.catalogModel().catalogs().stream()
                .anyMatch(c -> c.name().equals("written-outside")));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds <= 10, "noticed within a few seconds, took " + seconds + " s");
        assertEquals(SampleData.CATALOG, onFx(() -> window.catalogModel().selectedCatalogProperty().get().name()),
                "the refresh keeps the chosen catalog");
    }

    @Test
    void escCancelsTheWorkOfTheScreenInFrontAfterAnotherTabWasVisited(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("qta-esc");
        Workspace workspace = Workspace.open(dir.resolve("ui.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        MainWindow window = open(robot, workspace);
        Path big = CatalogBrowserBenchmark.generate(dir.resolve("big"), 150_000);
        AtomicReference<Task<ImportReport>> task = new AtomicReference<>();
        robot.interact(() -> task.set(window.importFile(ImportSource.of(big), "mtrb", "big")));
        Label work = robot.lookup("#statusWork").queryAs(Label.class);
        waitOnFx(20, "the status bar shows the import", () -> work.isVisible() && !work.getText().isBlank());

        robot.clickOn("#annotateTab");
        assertTrue(onFx(work::isVisible), "the status bar shows the running work on every screen");
        robot.clickOn("#catalogTab");
        assertEquals("catalogTab", onFx(() -> robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedItem().getId()), "back on the Catalog screen, the focus on its tab header");
        robot.type(KeyCode.ESCAPE);
        waitOnFx(20, "the import stops", () -> task.get().isDone());
        assertEquals(javafx.concurrent.Worker.State.CANCELLED, onFx(() -> task.get().getState()),
                "Esc cancelled the import");
        waitOnFx(20, "the status bar is clear", () -> !work.isVisible());
        assertFalse(context.catalogs().catalogs().stream().anyMatch(c -> c.name().equals("big")), "nothing was stored");
    }
}
