package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.importers.GenericImporter;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/** {@code import}: a dry run says what it would import and never that it imported; the help lists every mappable field. */
class ImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void dryRunSaysWouldImportNeverImported() throws Exception {
        Path tools = Files.writeString(dir.resolve("tools.jsonl"), "{\"id\": \"a\", \"description\": \"first\"}\n");
        CliRun.Result r = CliRun.run("import", "--workspace", dir.resolve("w.qta").toString(), "--dry-run", tools.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("Would import catalog 'tools' (generic): 1 tools (1 added"), r.out());
        assertFalse(r.all().contains("Imported"), r.all());
        List<String> messages = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void update(String message, long done, long total) {
                messages.add(message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        try (Workspace ws = Workspace.open(dir.resolve("w2.qta"))) {
            new ImportService(ws).preview(ImportSource.of(tools), null, null, recording);
        }
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Would import catalog 'tools'")), messages.toString());
        assertTrue(messages.stream().noneMatch(m -> m.contains("Imported")), messages.toString());
    }

    @Test
    void helpListsEveryMappableFieldAndThePathSyntax() {
        CliRun.Result r = CliRun.run("import", "--help");
        assertEquals(0, r.code(), r.all());
        for (GenericImporter.Field f : GenericImporter.FIELDS) {
            assertTrue(r.out().matches("(?s).*\\n  " + f.name() + " +" + f.defaultColumn() + " +\\S.*"), "lists " + f.name() + ":\n" + r.out());
        }
        assertTrue(r.out().contains("calling[].api"), r.out());
        assertTrue(r.out().contains("JMESPath"), r.out());
    }
}
