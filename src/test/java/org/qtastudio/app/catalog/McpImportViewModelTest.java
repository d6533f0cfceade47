package org.qtastudio.app.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.FxTest;
import org.qtastudio.app.TaskRunner;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.importers.mcp.McpTestServers;
import org.qtastudio.catalog.importers.mcp.McpToolListing;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The import dialog's MCP state without a window, against real servers ({@link McpTestServers}): the form names the
 * field it lacks, a failing server is named in plain words, listed tools are previewed and are exactly what is stored,
 * a re-listing says nothing would change, and a stopped listing ends its server.
 */
class McpImportViewModelTest {

    @TempDir
    Path dir;

    private AppContext context;

    @BeforeEach
    void workspace() {
        context = new AppContext(Workspace.open(dir.resolve("vm.qta")), TaskRunner.CURRENT_THREAD);
    }

    @AfterEach
    void close() {
        context.close();
    }

    private ImportPreviewViewModel model(McpServerForm.Kind kind, String text) throws Exception {
        ImportPreviewViewModel model = FxTest.call(() -> ImportPreviewViewModel.mcpServers(context));
        FxTest.run(() -> {
            model.mcpForm().kindProperty().set(kind);
            model.mcpForm().textProperty(kind).set(text);
        });
        return model;
    }

    /** Lists the tools (on the FX thread: the test's runner runs the task there) and returns the error shown, "" when none. */
    private static String list(ImportPreviewViewModel model) throws Exception {
        FxTest.run(model::listTools);
        FxTest.settle();
        return FxTest.call(() -> model.errorProperty().get());
    }

    @Test
    void anIncompleteOrMalformedFormNamesTheFieldAndStartsNothing() throws Exception {
        ImportPreviewViewModel empty = model(McpServerForm.Kind.COMMAND, " ");
        assertNull(FxTest.call(empty::listTools), "nothing runs without a command");
        assertTrue(FxTest.call(() -> empty.errorProperty().get()).startsWith("Command: give the command that starts the server"));
        assertEquals("URL: 'ftp://example.org/mcp' is not an http(s) URL, e.g. http://127.0.0.1:3001/mcp.",
                list(model(McpServerForm.Kind.URL, "ftp://example.org/mcp")));
        String unclosed = list(model(McpServerForm.Kind.COMMAND, "npx 'server"));
        assertTrue(unclosed.startsWith("Command: the command line npx 'server has an unclosed '"), unclosed);
        String missing = list(model(McpServerForm.Kind.CONFIGURATION, dir.resolve("none.json").toString()));
        assertTrue(missing.contains("none.json: no such file"), missing);
        assertTrue(context.catalogs().catalogs().isEmpty());
    }

    @Test
    void aFailingServerIsNamedInPlainWordsAndNothingIsStored() throws Exception {
        String garbage = list(model(McpServerForm.Kind.COMMAND, "sh -c 'echo notjson; sleep 5'"));
        assertEquals("Listing the tools failed: MCP server `sh -c 'echo notjson; sleep 5'`: wrote a line that is not a JSON-RPC"
                + " message to its standard output (where MCP allows nothing else): notjson.", garbage);
        Path config = Files.writeString(dir.resolve("config.json"), Json.write(Map.of("mcpServers", Map.of(
                "broken", Map.of("command", "sh", "args", List.of("-c", "echo 'no token' >&2; exit 3"))))));
        ImportPreviewViewModel broken = model(McpServerForm.Kind.CONFIGURATION, config.toString());
        String exited = list(broken);
        assertEquals("Listing the tools failed: MCP server 'broken' (`sh -c 'echo '\\''no token'\\'' >&2; exit 3'`): exited with"
                + " code 3 before answering initialize; its last error output: no token.", exited);
        FxTest.run(() -> {
            assertFalse(broken.readyProperty().get());
            assertTrue(broken.tools().isEmpty());
            assertTrue(broken.toolsEmptyReasonProperty().get().startsWith("Nothing listed"), broken.toolsEmptyReasonProperty().get());
        });
        assertTrue(context.catalogs().catalogs().isEmpty());
    }

    @Test
    void theListedToolsAreWhatIsStoredAndListingAgainSaysNothingWouldChange() throws Exception {
        String memory = String.join(" ", McpTestServers.command("mcp-server-memory"));
        ImportPreviewViewModel model = model(McpServerForm.Kind.COMMAND, memory);
        assertEquals("", list(model));
        List<McpToolListing> listed = FxTest.call(() -> {
            assertTrue(model.readyProperty().get());
            assertEquals(9, model.tools().size());
            assertEquals(List.of("memory-server"), model.tools().stream().map(Tool::category).distinct().toList());
            String summary = model.summaryProperty().get();
            assertEquals("'memory-server' listed 9 tools. Importing would change catalog 'memory-server': 9 tools added.", summary);
            return model.listings();
        });
        assertTrue(context.catalogs().catalogs().isEmpty(), "listing stores nothing");

        FxTest.run(() -> {
            model.catalogNameProperty().set("notes");
            assertFalse(model.readyProperty().get(), "another catalog needs another dry run");
            model.refresh();
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertTrue(model.readyProperty().get(), model.errorProperty().get());
            assertSame(listed, model.listings(), "a new catalog name checks the same listing: the server is not started again");
            assertTrue(model.summaryProperty().get().contains("catalog 'notes'"), model.summaryProperty().get());
        });
        List<String> shown = FxTest.call(() -> model.tools().stream().map(Tool::key).toList());
        new ImportService(context.workspace()).importListings(listed, "notes", null, Progress.NONE);
        assertEquals(shown, context.catalogs().tools(context.catalogs().require("notes").id()).stream().map(Tool::key).toList(),
                "the tools stored are the tools shown");

        assertEquals("", list(model));
        FxTest.run(() -> assertTrue(model.summaryProperty().get().endsWith("Importing would change nothing in catalog 'notes': 9 tools unchanged."),
                model.summaryProperty().get()));
        FxTest.run(() -> {
            model.mcpForm().textProperty(McpServerForm.Kind.COMMAND).set(memory + " --other");
            assertFalse(model.readyProperty().get(), "an edited command needs listing again");
            assertTrue(model.listings().isEmpty());
            assertTrue(model.tools().isEmpty());
        });
    }

    @Test
    void stoppingAListingEndsTheServerAndSaysSo() throws Exception {
        try (AppContext background = new AppContext(Workspace.open(dir.resolve("bg.qta")))) {
            ImportPreviewViewModel model = FxTest.call(() -> ImportPreviewViewModel.mcpServers(background));
            FxTest.run(() -> {
                model.mcpForm().textProperty(McpServerForm.Kind.COMMAND).set("sh -c 'sleep 300'");
                model.listTools();
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ProcessHandle.current().descendants()
                    .anyMatch(p -> p.info().commandLine().orElse("").contains("sleep 300")));
            FxTest.run(() -> {
                assertTrue(model.readingProperty().get());
                model.cancel();
            });
            FxTest.settle();
            FxTest.run(() -> {
                assertFalse(model.readingProperty().get());
                assertFalse(model.readyProperty().get());
                assertEquals("", model.errorProperty().get());
                assertTrue(model.toolsEmptyReasonProperty().get().startsWith("Stopped: nothing was listed"),
                        model.toolsEmptyReasonProperty().get());
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ProcessHandle.current().descendants()
                    .noneMatch(p -> p.isAlive() && p.info().commandLine().orElse("").contains("sleep 300")));
        }
    }
}
