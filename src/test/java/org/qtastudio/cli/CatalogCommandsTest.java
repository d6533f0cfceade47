package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.common.Json;
import picocli.CommandLine;

/** The catalog commands as a script uses them, on the real MTRB RestBench folder. */
class CatalogCommandsTest {

    private static final Path MTRB_RESTBENCH = Path.of("..", "shared", "datasets", "mtrb", "restbench");
    private static final Path TMDB_QUERIES = Path.of("..", "shared", "datasets", "restbench", "tmdb.json");

    @TempDir
    Path dir;
    private String ws;

    /** Output and exit code of one command. */
    record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        CommandLine cli = QtaCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void importMtrb() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(MTRB_RESTBENCH), "../shared datasets absent");
        ws = dir.resolve("w.qta").toString();
        Result r = run("import", "--workspace", ws, MTRB_RESTBENCH.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Stored in catalog 'mtrb-restbench': 54 tools added; 90 queries added."), r.out());
    }

    @Test
    void catalogsAsJsonGiveScriptsTheName() throws Exception {
        Result r = run("catalogs", "--workspace", ws, "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode list = Json.MAPPER.readTree(r.out());
        assertEquals(1, list.size());
        assertEquals("mtrb-restbench", list.get(0).get("name").asText());
        assertEquals(54, list.get(0).get("tools").asInt());
        assertEquals(90, list.get(0).get("queries").asInt());
    }

    @Test
    void searchFindsMovieToolsFirst() throws Exception {
        Result r = run("tools", "--workspace", ws, "--search", "movie", "--format", "json", "--limit", "0");
        assertEquals(0, r.code(), r.err());
        JsonNode hits = Json.MAPPER.readTree(r.out());
        assertTrue(hits.size() >= 10, "many TMDB tools mention movies: " + hits.size());
        for (JsonNode hit : hits) {
            String text = (hit.get("name").asText() + " " + hit.get("description").asText()).toLowerCase();
            assertTrue(text.contains("movie"), hit.toString());
        }
        Result none = run("tools", "--workspace", ws, "--search", "spaceship");
        assertEquals(0, none.code());
        assertTrue(none.out().contains("No tool matches"), none.out());
    }

    @Test
    void reimportChangesNothingAndSaysSo() {
        Result r = run("import", "--workspace", ws, MTRB_RESTBENCH.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("54 tools (0 added, 0 updated, 54 unchanged)"), r.out());
        assertTrue(r.out().contains("90 queries (0 added, 0 updated, 90 unchanged)"), r.out());
    }

    @Test
    void annotateSplitAndExportRoundTrip() throws Exception {
        Result added = run("annotate", "--workspace", ws, "--text", "Find films similar to Alien",
                "--gold", "GET /search/movie,GET /movie/{movie_id}/similar");
        assertEquals(0, added.code(), added.err());
        JsonNode train = Json.MAPPER.readTree(run("queries", "--workspace", ws, "--split", "train", "--format", "json").out());
        assertEquals(1, train.size());
        String key = train.get(0).get("key").asText();
        assertEquals(List.of("GET /search/movie", "GET /movie/{movie_id}/similar"),
                List.of(train.get(0).get("gold").get(0).asText(), train.get(0).get("gold").get(1).asText()));

        Result bad = run("annotate", "--workspace", ws, "--query", key, "--gold", "GET /no/such/tool");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("no tool with key GET /no/such/tool"), bad.err());

        assertEquals(0, run("split", "--workspace", ws, "--queries", key, "--to", "test").code());
        assertEquals(0, Json.MAPPER.readTree(run("queries", "--workspace", ws, "--split", "train", "--format", "json").out()).size());

        Path out = dir.resolve("export");
        Result exported = run("export", "--workspace", ws, "--out", out.toString());
        assertEquals(0, exported.code(), exported.err());
        List<String> tools = Files.readAllLines(out.resolve("mtrb-restbench.tools.jsonl"));
        List<String> queries = Files.readAllLines(out.resolve("mtrb-restbench.queries.jsonl"));
        assertEquals(54, tools.size());
        assertEquals(91, queries.size());
        assertEquals("GET /movie/{movie_id}/keywords", Json.MAPPER.readTree(tools.get(0)).get("id").asText());
    }

    @Test
    void dryRunReportsTheImportAndStoresNothing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(TMDB_QUERIES));
        Result r = run("import", "--workspace", ws, "--catalog", "mtrb-restbench", "--dry-run", TMDB_QUERIES.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("100 queries (10 added, 0 updated, 90 unchanged)") && r.out().contains("Dry run, nothing stored; importing would change catalog 'mtrb-restbench': 10 queries added, 90 unchanged."), r.out());
        assertEquals(0, Json.MAPPER.readTree(run("queries", "--workspace", ws, "--split", "train", "--format", "json").out()).size());
    }

    @Test
    void restBenchQueriesJoinTheMtrbCatalogAsTrainingQueries() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(TMDB_QUERIES));
        Result r = run("import", "--workspace", ws, "--catalog", "mtrb-restbench", TMDB_QUERIES.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode train = Json.MAPPER.readTree(run("queries", "--workspace", ws, "--split", "train", "--format", "json").out());
        JsonNode test = Json.MAPPER.readTree(run("queries", "--workspace", ws, "--split", "test", "--format", "json").out());
        assertEquals(10, train.size());
        assertEquals(90, test.size());
        for (JsonNode q : train) {
            assertTrue(q.get("gold").size() > 0, q.toString());
        }
    }

    @Test
    void errorsAreMessagesNotStackTraces() {
        Result missing = run("import", "--workspace", ws, dir.resolve("nope.json").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.json") && missing.err().contains("no such file"), missing.err());
        assertTrue(!missing.err().contains("\tat "), "no stack trace without --debug: " + missing.err());

        Result unknownCatalog = run("tools", "--workspace", ws, "--catalog", "nope");
        assertEquals(1, unknownCatalog.code());
        assertTrue(unknownCatalog.err().contains("catalogs: [mtrb-restbench]"), unknownCatalog.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("import", "catalogs", "tools", "queries", "annotate", "split", "export")) {
            Result r = run(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().contains("Usage:"), command + ": " + r.out());
        }
    }
}
