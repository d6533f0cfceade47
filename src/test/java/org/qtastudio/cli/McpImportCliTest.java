package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.importers.mcp.McpTestServers;

/** {@code import --mcp-stdio}: the report a user reads, a dry run, a re-import that says nothing changed, one-line errors. */
class McpImportCliTest {

    @TempDir
    Path dir;

    private CliRun.Result run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("import", "--workspace", dir.resolve("w.qta").toString()));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    /** The lines of standard error that report a failure (a new workspace is announced there too). */
    private static List<String> errors(CliRun.Result r) {
        return r.err().lines().filter(l -> l.startsWith("error")).toList();
    }

    @Test
    void aDryRunStoresNothingAndImportingAgainSaysNothingChanged() {
        String memory = String.join(" ", McpTestServers.command("mcp-server-memory"));
        CliRun.Result dry = run("--mcp-stdio", memory, "--dry-run");
        assertEquals(0, dry.code(), dry.all());
        assertTrue(dry.out().startsWith("Would import catalog 'memory-server' (mcp): 9 tools (9 added"), dry.out());
        assertTrue(dry.out().contains("\nDry run, nothing stored; importing would change catalog 'memory-server': 9 tools added.\n"), dry.out());
        CliRun.Result first = run("--mcp-stdio", memory);
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().startsWith("Imported catalog 'memory-server' (mcp): 9 tools (9 added, 0 updated, 0 unchanged)"), first.out());
        assertTrue(first.out().contains("\nStored in catalog 'memory-server': 9 tools added.\n"), first.out());
        CliRun.Result again = run("--mcp-stdio", memory);
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().contains("\nNothing changed in catalog 'memory-server': 9 tools unchanged.\n"), again.out());
        CliRun.Result json = run("--mcp-stdio", memory, "--output", "json");
        assertEquals(0, json.code(), json.all());
        assertTrue(json.out().contains("\"tools\":{\"added\":0,\"updated\":0,\"unchanged\":9,\"removed\":0}"), json.out());
        assertTrue(json.out().contains("\"source\":\"" + memory + "\""), "the command line is the recorded source: " + json.out());
    }

    @Test
    void aFailingServerIsOneLineNamingIt() {
        CliRun.Result r = run("--mcp-stdio", "sh -c 'echo notjson; sleep 5'", "-c", "never");
        assertEquals(1, r.code(), r.all());
        assertEquals(List.of("error: MCP server `sh -c 'echo notjson; sleep 5'`: wrote a line that is not a JSON-RPC message to its"
                + " standard output (where MCP allows nothing else): notjson"), errors(r));
        CliRun.Result catalogs = CliRun.run("catalogs", "--workspace", dir.resolve("w.qta").toString());
        assertTrue(!catalogs.out().contains("never"), catalogs.out());
        CliRun.Result refused = CliRun.run("import", "--workspace", dir.resolve("w.qta").toString(), "--mcp-http", "http://127.0.0.1:1/mcp");
        assertEquals(List.of("error: MCP server at http://127.0.0.1:1/mcp: cannot connect: connection refused (is the server running"
                + " at that address?)"), errors(refused), "an MCP server that refuses is no hub: not the download hint");
    }

    @Test
    void optionsThatApplyToFilesOnlyOrTwoSourcesAreRefused() {
        CliRun.Result two = run("tools.json", "--mcp-stdio", "false");
        assertEquals(1, two.code(), two.all());
        assertTrue(two.err().contains("import one source at a time: SOURCE tools.json and --mcp-stdio were given"), two.err());
        CliRun.Result fileOnly = run("--mcp-stdio", "false", "--split", "test");
        assertTrue(fileOnly.err().contains("--split apply to files"), fileOnly.err());
        CliRun.Result nothing = run();
        assertTrue(nothing.err().contains("give a SOURCE file or folder, or an MCP server with --mcp-stdio"), nothing.err());
    }
}
