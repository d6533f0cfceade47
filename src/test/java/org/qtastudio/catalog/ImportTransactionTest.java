package org.qtastudio.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportPreview;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/** An import is stored whole or not at all, and re-importing reports what changed. */
class ImportTransactionTest {

    @TempDir
    Path dir;

    private static String function(String name, String description) {
        return "{\"type\": \"function\", \"function\": {\"name\": \"" + name + "\", \"description\": \"" + description
                + "\", \"parameters\": {\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\"}}}}}";
    }

    /** An OpenAI functions file of {@code n} tools, one per line, optionally broken after them. */
    private Path functions(String name, int n, boolean broken) throws IOException {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",\n").append(function("tool_" + i, "Does thing " + i));
        }
        sb.append(broken ? ",\n{\"name\": \"oops\" \"description\": 1}]" : "\n]");
        return TestData.write(dir, name, sb.toString());
    }

    private static long count(Workspace ws, String table) {
        return ws.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void assertNoTrace(Workspace ws) {
        for (String table : List.of("catalog", "import_event", "tool", "tool_fts", "query", "gold")) {
            assertEquals(0, count(ws, table), table + " rows after a failed import");
        }
    }

    @Test
    void failureAfterSeveralBatchesStoresNothing() throws Exception {
        Path file = functions("tools.json", 2_500, true);
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportException e = assertThrows(ImportException.class, () -> TestData.importInto(ws, file, null, null));
            assertEquals(2_502, e.line(), e.getMessage());
            assertNoTrace(ws);
        }
    }

    @Test
    void failedReimportKeepsTheCatalogAsItWas() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            TestData.importInto(ws, functions("good.json", 10, false), null, "c");
            Path bad = functions("bad.json", 20, true);
            assertThrows(ImportException.class, () -> TestData.importInto(ws, bad, null, "c"));
            assertEquals(10, count(ws, "tool"));
            assertEquals(1, count(ws, "import_event"));
        }
    }

    @Test
    void cancelMidImportStoresNothing() throws Exception {
        Path file = functions("tools.json", 3_000, false);
        Progress cancelAfterFirstBatch = new Progress() {
            private volatile boolean cancelled;

            @Override
            public void update(String message, long done, long total) {
                cancelled |= done >= 1_000;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportService service = new ImportService(ws);
            assertThrows(CancelledException.class, () -> service.importSource(ImportSource.of(file), null, null, cancelAfterFirstBatch));
            assertNoTrace(ws);
        }
    }

    @Test
    void cancelOfASmallImportStoresNothing() throws Exception {
        Path file = functions("tools.json", 5, false);
        Progress cancelled = new Progress() {
            @Override
            public void update(String message, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            assertThrows(CancelledException.class, () -> new ImportService(ws).importSource(ImportSource.of(file), null, null, cancelled));
            assertNoTrace(ws);
        }
    }

    @Test
    void reimportIsIdempotentAndReportsChanges() throws Exception {
        Path file = functions("tools.json", 3, false);
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            assertEquals(new ImportReport.Counts(3, 0, 0), TestData.importInto(ws, file, null, null).tools());
            assertEquals(new ImportReport.Counts(0, 0, 3), TestData.importInto(ws, file, null, null).tools());
            Files.writeString(file, "[" + function("tool_0", "Does thing 0") + "," + function("tool_1", "Does something else now")
                    + "," + function("tool_2", "Does thing 2") + "," + function("tool_3", "A new one") + "]");
            ImportReport changed = TestData.importInto(ws, file, null, null);
            assertEquals(new ImportReport.Counts(1, 1, 2), changed.tools());
            CatalogStore store = new CatalogStore(ws);
            long id = store.require("tools").id();
            assertEquals("Does something else now", store.tool(id, "tool_1").orElseThrow().description());
            assertEquals(List.of("tool_0", "tool_1", "tool_2", "tool_3"), store.tools(id).stream().map(Tool::key).toList());
        }
    }

    @Test
    void previewCountsWhatTheImportWouldStoreAndStoresNothing() throws Exception {
        Path file = functions("tools.json", 3, false);
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportService service = new ImportService(ws);
            ImportPreview first = service.preview(ImportSource.of(file), null, null, Progress.NONE);
            assertEquals(new ImportReport.Counts(3, 0, 0), first.report().tools());
            assertEquals(List.of("tool_0", "tool_1", "tool_2"), first.firstTools().stream().map(Tool::key).toList());
            assertNoTrace(ws);

            TestData.importInto(ws, file, null, null);
            Files.writeString(file, "[" + function("tool_0", "Does thing 0") + "," + function("tool_1", "Changed") + "]");
            ImportPreview second = service.preview(ImportSource.of(file), null, null, Progress.NONE);
            assertEquals(new ImportReport.Counts(0, 1, 1), second.report().tools());
            assertEquals("Does thing 1", new CatalogStore(ws).tool(new CatalogStore(ws).require("tools").id(), "tool_1")
                    .orElseThrow().description(), "a preview leaves the stored tool as it was");
            assertEquals(1, count(ws, "import_event"));
        }
    }

    @Test
    void previewOfBrokenFileNamesTheLineAndStoresNothing() throws Exception {
        Path file = functions("tools.json", 4, true);
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportException e = assertThrows(ImportException.class,
                    () -> new ImportService(ws).preview(ImportSource.of(file), null, null, Progress.NONE));
            assertEquals(6, e.line(), e.getMessage());
            assertNoTrace(ws);
        }
    }
}
