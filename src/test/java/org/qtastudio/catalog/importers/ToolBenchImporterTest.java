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
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.store.Workspace;

class ToolBenchImporterTest {

    @TempDir
    Path dir;

    @Test
    void stableToolBenchIsTheUnionOfApiLists() throws Exception {
        Path folder = TestData.dataset("stabletoolbench");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = TestData.importInto(ws, folder, null, null);
            assertEquals("toolbench", report.format());
            assertEquals(new ImportReport.Counts(2_479, 0, 0), report.tools());
            assertEquals(new ImportReport.Counts(765, 0, 0), report.queries());
            assertEquals(List.of(), report.unmatchedGold());
            assertEquals(List.of("12 api_list entries repeat an API with a different document (e.g. another template_response); kept the first"),
                    report.warnings());
            CatalogStore store = new CatalogStore(ws);
            long id = store.require("toolbench").id();
            Tool concert = store.tool(id, "TheClique/Songkick concert").orElseThrow();
            assertEquals("Concert info", concert.description());
            assertEquals("Data", concert.category());
            assertEquals("id_conc", concert.parameters().get(0).name());
            UserQuery messi = store.queries(id, Split.TEST).stream().filter(q -> q.key().equals("toolbench:G1_instruction:588")).findFirst().orElseThrow();
            assertEquals(List.of("TheClique/Transfermarkt search", "TheClique/Transfermarkt details"), messi.gold());
            assertTrue(store.queries(id, Split.TEST).stream().allMatch(q -> !q.gold().isEmpty()));
        }
    }

    @Test
    void keysTrimAndCollapseSpaces() {
        assertEquals("Jibber Jabber//sentence", ToolBenchImporter.key(" Jibber  Jabber ", "/sentence"));
    }
}
