package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** RestBench: the OpenAPI specs as catalogs, the query files resolved against them, and against MTRB. */
class RestBenchImportTest {

    @TempDir
    Path dir;

    @Test
    void tmdbSpecAndQueries() throws Exception {
        Path spec = TestData.dataset("restbench", "tmdb_oas.json");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport tools = TestData.importInto(ws, spec, null, "tmdb");
            assertEquals("openapi", tools.format());
            assertEquals(new ImportReport.Counts(54, 0, 0), tools.tools());
            ImportReport queries = TestData.importInto(ws, TestData.dataset("restbench", "tmdb.json"), null, "tmdb");
            assertEquals("restbench", queries.format());
            assertEquals(new ImportReport.Counts(100, 0, 0), queries.queries());
            System.out.println("tmdb unmatched: " + queries.unmatchedGold() + ", by normalisation: " + queries.goldResolvedByNormalisation());
            assertEquals(List.of(), queries.unmatchedGold().stream().map(ImportReport.UnmatchedGold::reference).toList());
            CatalogStore store = new CatalogStore(ws);
            Catalog catalog = store.require("tmdb");
            Tool keywords = store.tool(catalog.id(), "API/GET /movie/{movie_id}/keywords").orElseThrow();
            assertEquals("Get Keywords", keywords.name());
            assertEquals("Get Keywords. Get the keywords that have been added to a movie.", keywords.description());
            assertEquals("movie_id", keywords.parameters().get(0).name());
            assertTrue(keywords.parameters().get(0).required());
            List<UserQuery> train = store.queries(catalog.id(), Split.TRAIN);
            assertEquals(100, train.size());
            assertTrue(train.stream().allMatch(q -> !q.gold().isEmpty()));
        }
    }

    @Test
    void spotifySpecAndQueries() throws Exception {
        Path spec = TestData.dataset("restbench", "spotify_oas.json");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport tools = TestData.importInto(ws, spec, null, "spotify");
            assertEquals(40, tools.tools().added());
            CatalogStore store = new CatalogStore(ws);
            Catalog catalog = store.require("spotify");
            Tool album = store.tool(catalog.id(), "Spotify Web API/GET /albums/{id}").orElseThrow();
            assertEquals("Get Album", album.name());
            assertEquals("Albums", album.category());
            assertEquals(List.of("id", "market"), album.parameters().stream().map(p -> p.name()).toList(), "$refs resolved");
            ImportReport queries = TestData.importInto(ws, TestData.dataset("restbench", "spotify.json"), "restbench", "spotify");
            assertEquals(57, queries.queries().added());
            System.out.println("spotify unmatched: " + queries.unmatchedGold() + ", by normalisation: " + queries.goldResolvedByNormalisation());
            assertEquals(List.of("GET /track/{id}"),
                    queries.unmatchedGold().stream().map(ImportReport.UnmatchedGold::reference).distinct().toList());
        }
    }

    @Test
    void tmdbQueriesAddTheTenMtrbDoesNotTest() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            TestData.importInto(ws, TestData.dataset("mtrb", "restbench"), null, null);
            ImportReport report = TestData.importInto(ws, TestData.dataset("restbench", "tmdb.json"), null, "mtrb-restbench");
            assertEquals(new ImportReport.Counts(10, 0, 90), report.queries());
            assertEquals(List.of(), report.unmatchedGold());
            CatalogStore store = new CatalogStore(ws);
            long id = store.require("mtrb-restbench").id();
            assertEquals(90, store.queries(id, Split.TEST).size());
            assertEquals(10, store.queries(id, Split.TRAIN).size());
            assertEquals(100, store.queries(id, null).size());
            ImportReport again = TestData.importInto(ws, TestData.dataset("restbench", "tmdb.json"), null, "mtrb-restbench");
            assertEquals(new ImportReport.Counts(0, 0, 100), again.queries());
        }
    }
}
