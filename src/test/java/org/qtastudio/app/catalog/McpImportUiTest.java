package org.qtastudio.app.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.app.LayoutChecker;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.importers.mcp.McpTestServers;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The import dialog's MCP state driven by keyboard against a real server ({@code server-memory} from npm): Import ▸ From
 * an MCP server…, type the command, Enter lists the tools, Enter again imports them, and the stored tools are the
 * server's own; a failing server shows its error in words; Esc stops a listing without closing the dialog; the form
 * lays out whole, is reached by Tab, and has one control per Alt letter.
 */
class McpImportUiTest extends WindowUiTest {

    @TempDir
    Path dir;

    private MainWindow window;

    @BeforeEach
    void emptyWorkspace(FxRobot robot) {
        window = open(robot, Workspace.open(dir.resolve("ui.qta")));
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide));
    }

    /** Import ▸ From an MCP server…, as a user clicks it; the dialog's scene. */
    private Scene openMcpDialog(FxRobot robot) throws Exception {
        robot.clickOn("#importButton");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#importMcpItem");
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> Window.getWindows().stream().map(Window::getScene).filter(s -> s.lookup("#mcpServerField") != null)
                .findFirst().orElseThrow());
    }

    private static <T extends Node> T in(Scene scene, String id) throws Exception {
        @SuppressWarnings("unchecked")
        T node = onFx(() -> (T) scene.lookup(id));
        return node;
    }

    @Test
    void enterListsTheServersToolsAndEnterAgainImportsThem(FxRobot robot) throws Exception {
        List<String> command = McpTestServers.command("mcp-server-memory");
        List<JsonNode> expected = McpTestServers.rawToolsList(command, Map.of());
        Scene dialog = openMcpDialog(robot);
        Node field = in(dialog, "#mcpServerField");
        assertTrue(onFx(field::isFocused), "the dialog opens in the server field");
        List<String> layout = onFx(() -> {
            dialog.getRoot().applyCss();
            dialog.getRoot().layout();
            return LayoutChecker.check(dialog);
        });
        assertEquals("", String.join("\n", layout), "the empty form reads whole");
        assertEquals(List.of(), mnemonicClashes(dialog));
        List<String> tabbed = tabOrder(robot, dialog, 12);
        for (String id : List.of("mcpServerField", "mcpTimeoutSpinner", "mcpCatalogField", "listToolsButton")) {
            assertTrue(tabbed.contains(id), id + " is reached by Tab: " + tabbed);
        }

        robot.clickOn(field).write(String.join(" ", command)).type(KeyCode.ENTER);
        Label summary = in(dialog, "#importSummaryLabel");
        Label error = in(dialog, "#importErrorLabel");
        waitOnFx(60, "the listing of the memory server", () -> !summary.getText().isEmpty() || !error.getText().isEmpty());
        assertEquals("", onFx(error::getText));
        TableView<Tool> table = in(dialog, "#importToolTable");
        assertEquals(expected.size(), (int) onFx(() -> table.getItems().size()));
        assertEquals("Server", onFx(() -> table.getColumns().getFirst().getText()));
        assertTrue(context.catalogs().catalogs().isEmpty(), "listing stores nothing");
        List<String> listedLayout = onFx(() -> {
            dialog.getRoot().applyCss();
            dialog.getRoot().layout();
            return LayoutChecker.check(dialog);
        });
        assertEquals("", String.join("\n", listedLayout), "the listed tools read whole");

        robot.type(KeyCode.ENTER); // the field still has the focus: the listing is current, so Enter imports
        waitOnFx(60, "the window lists 'memory-server'", () -> window.catalogModel().catalogs().stream().map(Catalog::name)
                .anyMatch("memory-server"::equals));
        List<Tool> stored = context.catalogs().tools(context.catalogs().require("memory-server").id());
        assertEquals(expected.stream().map(t -> "memory-server/" + t.get("name").asText()).toList(), stored.stream().map(Tool::key).toList());
    }

    @Test
    void aFailingServerShowsItsErrorAndEscStopsAListingWithoutClosingTheDialog(FxRobot robot) throws Exception {
        Scene dialog = openMcpDialog(robot);
        Node field = in(dialog, "#mcpServerField");
        robot.clickOn(field).write("sh -c 'exit 7'").type(KeyCode.ENTER);
        Label error = in(dialog, "#importErrorLabel");
        waitOnFx(60, "the error of the exiting server", () -> !error.getText().isEmpty());
        assertEquals("Listing the tools failed: MCP server `sh -c 'exit 7'`: exited with code 7 before answering initialize.",
                onFx(error::getText));
        assertTrue(onFx(() -> dialog.lookup("#confirmImportButton").isDisabled()), "nothing to import");
        List<String> layout = onFx(() -> {
            dialog.getRoot().applyCss();
            dialog.getRoot().layout();
            return LayoutChecker.check(dialog);
        });
        assertEquals("", String.join("\n", layout), "the error reads whole");

        robot.clickOn(field).eraseText(20).write("sh -c 'sleep 300'").type(KeyCode.ENTER);
        waitOnFx(30, "the listing running", () -> dialog.lookup("#readingBox").isVisible());
        robot.type(KeyCode.ESCAPE);
        waitOnFx(30, "the listing stopped", () -> !dialog.lookup("#readingBox").isVisible());
        assertTrue(onFx(() -> dialog.getWindow().isShowing()), "Esc stopped the listing, not the dialog");
        TableView<Tool> table = in(dialog, "#importToolTable");
        String placeholder = onFx(() -> ((Label) table.getPlaceholder()).getText());
        assertTrue(placeholder.startsWith("Stopped: nothing was listed"), placeholder);
        robot.type(KeyCode.ESCAPE);
        waitOnFx(30, "the dialog closed", () -> !dialog.getWindow().isShowing());
        assertTrue(context.catalogs().catalogs().isEmpty());
    }

    /** Alt+letter reaches one control of the dialog: two shown controls with one letter would only share the focus. */
    private static List<String> mnemonicClashes(Scene scene) throws Exception {
        Map<String, List<String>> byLetter = onFx(() -> scene.getRoot().lookupAll("*").stream()
                .filter(n -> n instanceof Labeled l && l.isMnemonicParsing() && l.getText() != null && l.getText().matches("(?s).*_\\w.*")
                        && shown(n))
                .map(n -> ((Labeled) n).getText())
                .collect(Collectors.groupingBy(t -> t.replaceFirst("(?s).*?_(\\w).*", "$1").toLowerCase(Locale.ROOT))));
        List<String> clashes = new ArrayList<>();
        byLetter.forEach((letter, texts) -> {
            if (texts.size() > 1) {
                clashes.add("Alt+" + letter + " on " + texts);
            }
        });
        return clashes;
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The ids of the controls Tab visits from the first way's radio button (a spinner's editor counts as its spinner). */
    private static List<String> tabOrder(FxRobot robot, Scene scene, int presses) throws Exception {
        robot.clickOn((Node) onFx(() -> scene.lookup("#mcpCommandRadio")));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < presses; i++) {
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            ids.add(onFx(() -> {
                for (Node n = scene.getFocusOwner(); n != null; n = n.getParent()) {
                    if (n.getId() != null) {
                        return n.getId();
                    }
                }
                return "?";
            }));
        }
        return ids;
    }
}
