package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.TestData;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.store.Workspace;

class MtrbImporterTest {

    @TempDir
    Path dir;

    @Test
    void restBenchFolderImportsAsAWholeWithAllGoldResolved() throws Exception {
        Path folder = TestData.dataset("mtrb", "restbench");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = TestData.importInto(ws, folder, null, null);
            assertEquals("mtrb", report.format());
            assertEquals("mtrb-restbench", report.catalog());
            assertEquals(new ImportReport.Counts(54, 0, 0), report.tools());
            assertEquals(new ImportReport.Counts(90, 0, 0), report.queries());
            assertEquals(List.of(), report.unmatchedGold());
            assertEquals(List.of(), report.warnings());
            CatalogStore store = new CatalogStore(ws);
            Catalog catalog = store.require("mtrb-restbench");
            Tool first = store.tools(catalog.id()).get(0);
            assertEquals("GET /movie/{movie_id}/keywords", first.key());
            assertEquals("GET", first.method());
            assertEquals("/movie/{movie_id}/keywords", first.path());
            assertTrue(first.description().startsWith("Retrieve keywords assigned to a specific movie"), first.description());
            assertTrue(first.documentJson().contains("Get the keywords that have been added to a movie"), "original description kept");
            List<UserQuery> tests = store.queries(catalog.id(), Split.TEST);
            assertEquals(90, tests.size());
            assertTrue(tests.stream().allMatch(q -> !q.gold().isEmpty()));
            UserQuery veronique = tests.stream().filter(q -> q.text().contains("Double Life of Veronique")).findFirst().orElseThrow();
            assertEquals(List.of("GET /search/movie", "GET /movie/{movie_id}"), veronique.gold());
            // 200 gold IDs (sizes 2:61, 3:23, 1:5, 4:1), one query lists GET /search/movie twice: a gold set has it once
            assertEquals(199, tests.stream().mapToInt(q -> q.gold().size()).sum());
        }
    }

    @Test
    void metaToolFolderUsesKeyOrderForGold() throws Exception {
        Path folder = TestData.dataset("mtrb", "metatool");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = TestData.importInto(ws, folder, "mtrb", null);
            assertEquals("mtrb-metatool", report.catalog());
            assertEquals(199, report.tools().added());
            assertEquals(90, report.queries().added());
            assertEquals(List.of(), report.unmatchedGold());
            CatalogStore store = new CatalogStore(ws);
            Catalog catalog = store.require("mtrb-metatool");
            assertEquals("timeport", store.tools(catalog.id()).get(0).key());
            UserQuery urls = store.queries(catalog.id(), Split.TEST).stream()
                    .filter(q -> q.text().startsWith("I have a long list of URLs")).findFirst().orElseThrow();
            assertEquals(List.of("PDF&URLTool"), urls.gold());
        }
    }

    @Test
    void reimportIsUnchanged() throws Exception {
        Path folder = TestData.dataset("mtrb", "restbench");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            TestData.importInto(ws, folder, null, null);
            ImportReport again = TestData.importInto(ws, folder, null, null);
            assertEquals(new ImportReport.Counts(0, 0, 54), again.tools());
            assertEquals(new ImportReport.Counts(0, 0, 90), again.queries());
        }
    }

    @Test
    void goldIdThatDisagreesWithTheNamedToolIsUsedAndWarned() throws Exception {
        Path folder = dir.resolve("mini");
        TestData.write(folder, "tmdb_tool_rewrite.json", """
                [{"ID": 1, "tool_name": "/a", "tool_description": "A", "tool_usage": "GET /a", "rewrite_description": "Get A"},
                 {"ID": 2, "tool_name": "/b", "tool_description": "B", "tool_usage": "GET /b", "rewrite_description": ""}]""");
        TestData.write(folder, "mtr_restbench_test.json", """
                [{"query": "b please", "relevant Tools": ["GET /a"], "relevant IDs": [1]}]""");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = TestData.importInto(ws, folder, null, "mini");
            assertEquals(List.of("mtr_restbench_test.json query #1: relevant ID 1 is 'GET /b' but relevant Tools names 'GET /a'; used the ID"),
                    report.warnings());
            CatalogStore store = new CatalogStore(ws);
            long id = store.require("mini").id();
            assertEquals(List.of("GET /b"), store.queries(id, Split.TEST).get(0).gold());
            assertEquals("B", store.tool(id, "GET /b").orElseThrow().description(), "no rewrite: the original description");
        }
    }

    @Test
    void goldIdOutsideTheCatalogIsLocated() throws Exception {
        Path folder = dir.resolve("mini");
        TestData.write(folder, "tmdb_tool_rewrite.json", "[{\"ID\": 1, \"tool_usage\": \"GET /a\", \"tool_description\": \"A\"}]");
        Path test = TestData.write(folder, "mtr_restbench_test.json", "[\n{\"query\": \"q\", \"relevant IDs\": [3]}]");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportException e = assertThrows(ImportException.class, () -> TestData.importInto(ws, folder, null, null));
            assertEquals(test, e.file());
            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("relevant ID 3 is not an index into the 1 tools"), e.getMessage());
            assertEquals(List.of(), new CatalogStore(ws).catalogs());
        }
    }

    @Test
    void toolBenchSubsetSaysItHasNoCatalog() {
        Path folder = TestData.dataset("mtrb", "toolbench");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportException e = assertThrows(ImportException.class, () -> TestData.importInto(ws, folder, null, null));
            assertTrue(e.getMessage().contains("not released"), e.getMessage());
            assertEquals(List.of(), new CatalogStore(ws).catalogs());
        }
    }
}
