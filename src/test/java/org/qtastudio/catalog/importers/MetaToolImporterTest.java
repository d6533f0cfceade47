package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.TestData;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.store.Workspace;

class MetaToolImporterTest {

    @TempDir
    Path dir;

    @Test
    void folderImportsToolsAndAllQueries() throws Exception {
        Path folder = TestData.dataset("metatool");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = TestData.importInto(ws, folder, null, null);
            assertEquals("metatool", report.format());
            assertEquals("metatool", report.catalog());
            assertEquals(199, report.tools().added());
            // 20,614 CSV rows are 20,544 distinct texts; the 497 two-tool queries are all new texts
            assertEquals(20_544 + 497, report.queries().added());
            assertEquals(List.of(), report.unmatchedGold());
            CatalogStore store = new CatalogStore(ws);
            long id = store.require("metatool").id();
            assertTrue(store.queries(id, Split.TRAIN).stream().anyMatch(q -> q.gold().size() == 2));
        }
    }

    @Test
    void csvIntoMtrbCatalogAddsTrainingQueriesAndKeepsTheTestSet() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            TestData.importInto(ws, TestData.dataset("mtrb", "metatool"), null, null);
            ImportReport report = TestData.importInto(ws, TestData.dataset("metatool", "all_clean_data.csv"), null, "mtrb-metatool");
            assertEquals("metatool", report.format());
            assertEquals(new ImportReport.Counts(0, 0, 0), report.tools());
            assertEquals(new ImportReport.Counts(20_544 - 90, 0, 90), report.queries());
            assertEquals(List.of(), report.unmatchedGold());
            CatalogStore store = new CatalogStore(ws);
            long id = store.require("mtrb-metatool").id();
            assertEquals(90, store.queries(id, Split.TEST).size());
        }
    }
}
