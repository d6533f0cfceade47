package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.store.Workspace;

/** Issue 13 item 3: a catalog's name never takes an export outside the chosen folder. */
class CatalogNameTest {

    @TempDir
    Path dir;

    @Test
    void importRefusesNamesThatArePathsOrCarryControlCharacters() throws Exception {
        Path ws = dir.resolve("w.qta");
        Path tools = Cli.toolsFile(dir, 3);
        for (String name : List.of("/tmp/x", "../../../victim", "a\\b", "..", "tab\there", "esc\u001b]0;pwned\u0007", "x".repeat(500))) {
            CliRun.Result r = Cli.run("import", "-w", ws.toString(), "-c", name, tools.toString());
            assertEquals(1, r.code(), name + ": " + r.all());
            assertTrue(r.err().contains("catalog name"), r.err());
            assertFalse(r.err().contains("\u001b"), "the refused name is not echoed raw to the terminal");
        }
        Cli.ok("import", "-w", ws.toString(), "-c", "fine name (v2)", tools.toString());
    }

    @Test
    void exportOfAStoredHostileNameStaysInTheFolder() throws Exception {
        Path ws = dir.resolve("w.qta");
        Cli.ok("import", "-w", ws.toString(), "-c", "ok", Cli.toolsFile(dir, 3).toString());
        Path victim = dir.resolve("victim.tools.jsonl");
        Files.writeString(victim, "precious");
        // an older version stored such names unchecked
        try (Workspace w = Workspace.open(ws)) {
            w.write(c -> {
                try (PreparedStatement st = c.prepareStatement("UPDATE catalog SET name = ?")) {
                    st.setString(1, "../victim");
                    return st.executeUpdate();
                }
            });
        }
        Path out = dir.resolve("out");
        CliRun.Result r = Cli.ok("export", "-w", ws.toString(), "-c", "../victim", "--out", out.toString());
        assertEquals("precious", Files.readString(victim));
        try (var files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(".._victim.queries.jsonl", ".._victim.tools.jsonl").size(), names.size(), names.toString());
            assertTrue(names.stream().allMatch(n -> n.endsWith(".jsonl") && !n.contains("/")), names.toString());
        }
        assertTrue(r.out().contains(out.toString()), r.out());
    }
}
