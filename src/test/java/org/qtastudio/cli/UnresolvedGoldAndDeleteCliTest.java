package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.TestData;
import org.qtastudio.common.Json;

/**
 * Unresolved gold (a gold name that matched no tool) as the CLI shows, exports, evaluates it (issue 12, item 5), and
 * deleting tools, queries and catalogs, on a three-tool catalog whose queries have every kind of gold.
 */
class UnresolvedGoldAndDeleteCliTest {

    @TempDir
    Path dir;
    private String ws;
    private CliRun.Result imported;

    @BeforeEach
    void importCatalog() throws Exception {
        ws = dir.resolve("w.qta").toString();
        Path tools = TestData.write(dir, "tools.jsonl", """
                {"id": "weather", "name": "weather", "description": "Current weather and forecast for a city"}
                {"id": "email", "name": "email", "description": "Send an email message to a person"}
                {"id": "calendar", "name": "calendar", "description": "Create a meeting in the calendar"}
                """);
        Path queries = TestData.write(dir, "queries.jsonl", """
                {"id": "q1", "query": "will it rain in Oslo tomorrow", "split": "test", "gold": ["weather"]}
                {"id": "q2", "query": "email the report to Ana and fax it too", "split": "test", "gold": ["email", "fax"]}
                {"id": "q3", "query": "fax the contract", "split": "test", "gold": ["fax"]}
                {"id": "q4", "query": "set up a meeting with Bo", "split": "test"}
                """);
        assertEquals(0, CliRun.run("import", "-w", ws, "-c", "c", tools.toString()).code());
        imported = CliRun.run("import", "-w", ws, "-c", "c", queries.toString());
        assertEquals(0, imported.code(), imported.all());
    }

    @Test
    void importOptionsThatTheFormatWouldIgnoreAreRefused() throws Exception {
        Path more = TestData.write(dir, "more.jsonl", "{\"id\": \"fax\", \"description\": \"Send a fax\"}\n");
        CliRun.Result r = CliRun.run("import", "-w", ws, "-c", "c", "--namespace", "office", more.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--namespace applies to openapi and mcp sources; " + more + " reads as generic"), r.err());
        r = CliRun.run("import", "-w", ws, "-c", "c", "--answers", more.toString(), more.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--answers applies to function-calling benchmark files"), r.err());
        assertEquals(3, Json.MAPPER.readTree(CliRun.run("tools", "-w", ws, "-c", "c", "--format", "json").out()).size(), "nothing imported");
    }

    @Test
    void queriesShowUnresolvedGoldAndDoNotCallItMissing() throws Exception {
        assertTrue(imported.out().contains("query q3: \"fax\" matches no tool"), imported.out());
        CliRun.Result text = CliRun.run("queries", "-w", ws, "-c", "c");
        assertEquals(0, text.code(), text.all());
        assertTrue(text.out().contains("email | unresolved: fax"), text.out());
        assertTrue(text.out().contains("4 queries: 2 with gold tools, 2 with unresolved gold (1 of them with no resolved gold), 1 without gold"),
                text.out());
        JsonNode json = Json.MAPPER.readTree(CliRun.run("queries", "-w", ws, "-c", "c", "--unresolved", "--format", "json").out());
        assertEquals(2, json.size());
        assertEquals("q3", json.get(1).get("key").asText());
        assertEquals("fax", json.get(1).get("unresolvedGold").get(0).asText());
    }

    @Test
    void exportThenImportKeepsKeysSplitsAndUnresolvedGold() throws Exception {
        Path out = dir.resolve("export");
        CliRun.Result exported = CliRun.run("export", "-w", ws, "-c", "c", "--out", out.toString());
        assertEquals(0, exported.code(), exported.all());
        assertTrue(exported.out().contains("Wrote 4 queries to " + out.resolve("c.queries.jsonl") + " (2 with unresolved gold, written with their gold)"),
                exported.out());
        String ws2 = dir.resolve("w2.qta").toString();
        CliRun.Result tools = CliRun.run("import", "-w", ws2, "-c", "c", out.resolve("c.tools.jsonl").toString());
        assertEquals(0, tools.code(), tools.all());
        CliRun.Result queries = CliRun.run("import", "-w", ws2, "-c", "c", out.resolve("c.queries.jsonl").toString());
        assertEquals(0, queries.code(), queries.all());
        String before = CliRun.run("queries", "-w", ws, "-c", "c", "--format", "json").out();
        String after = CliRun.run("queries", "-w", ws2, "-c", "c", "--format", "json").out();
        assertEquals(Json.MAPPER.readTree(before), Json.MAPPER.readTree(after));
        JsonNode toolsBefore = Json.MAPPER.readTree(CliRun.run("tools", "-w", ws, "-c", "c", "--format", "json").out());
        JsonNode toolsAfter = Json.MAPPER.readTree(CliRun.run("tools", "-w", ws2, "-c", "c", "--format", "json").out());
        assertEquals(toolsBefore, toolsAfter);
        String q2 = Files.readAllLines(out.resolve("c.queries.jsonl")).get(1);
        assertEquals(List.of("fax"), List.of(Json.MAPPER.readTree(q2).get("unresolved_gold").get(0).asText()), q2);
    }

    @Test
    void evalSaysHowUnresolvedGoldWasScoredAndCanExcludeIt() throws Exception {
        CliRun.Result r = CliRun.run("eval", "-w", ws, "-c", "c");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains("1 queries without gold tools were excluded"), r.err());
        assertTrue(r.err().contains("1 queries whose gold names no tool of the catalog (unresolved gold) were excluded"), r.err());
        assertTrue(r.err().contains("1 queries with some unresolved gold were scored on their resolved gold only"), r.err());
        assertTrue(r.out().contains("2 queries evaluated (1 of them with some unresolved gold, scored on their resolved gold),"
                + " 2 excluded (1 without gold, 1 with only unresolved gold)"), r.out());

        CliRun.Result excluded = CliRun.run("eval", "-w", ws, "-c", "c", "--exclude-unresolved", "--format", "json");
        assertEquals(0, excluded.code(), excluded.all());
        JsonNode run = Json.MAPPER.readTree(excluded.out());
        assertEquals(1, run.get("queries").asInt());
        assertEquals(3, run.get("excluded_without_gold").asInt());
        assertEquals(1, run.get("gold_coverage").get("onlyUnresolved").asInt());
        assertTrue(excluded.err().contains("1 queries with some unresolved gold were excluded (--exclude-unresolved)"), excluded.err());
    }

    @Test
    void deleteToolsQueriesAndCatalogsCountingWhatGoes() throws Exception {
        assertEquals(0, CliRun.run("eval", "-w", ws, "-c", "c").code());

        CliRun.Result unknown = CliRun.run("tools", "delete", "-w", ws, "-c", "c", "weather", "nope");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no tool with key nope in catalog 'c'; nothing was deleted"), unknown.err());

        CliRun.Result dry = CliRun.run("tools", "delete", "-w", ws, "-c", "c", "weather", "--dry-run");
        assertEquals(0, dry.code(), dry.all());
        assertTrue(dry.out().startsWith("Would delete 1 tools of catalog 'c' (dry run: nothing deleted)."), dry.out());
        assertEquals(3, Json.MAPPER.readTree(CliRun.run("tools", "-w", ws, "-c", "c", "--format", "json").out()).size());

        CliRun.Result tools = CliRun.run("tools", "delete", "-w", ws, "-c", "c", "email", "weather");
        assertEquals(0, tools.code(), tools.all());
        assertEquals(List.of("Deleted 2 tools of catalog 'c'.",
                "2 gold references of 2 queries named them and are kept on those queries as unresolved gold:",
                "  q1: weather",
                "  q2: email",
                "1 evaluation runs of this catalog keep their stored results (`runs` lists them)."), tools.out().lines().toList());
        JsonNode after = Json.MAPPER.readTree(CliRun.run("queries", "-w", ws, "-c", "c", "--format", "json").out());
        assertEquals(0, after.get(0).get("gold").size());
        assertEquals("weather", after.get(0).get("unresolvedGold").get(0).asText());
        assertEquals(List.of("fax", "email"), List.of(after.get(1).get("unresolvedGold").get(0).asText(),
                after.get(1).get("unresolvedGold").get(1).asText()), "added after what was unresolved already");

        CliRun.Result queries = CliRun.run("queries", "delete", "-w", ws, "-c", "c", "q1", "q4");
        assertEquals(0, queries.code(), queries.all());
        assertTrue(queries.out().startsWith("Deleted 2 queries, 0 gold references of catalog 'c'."), queries.out());

        CliRun.Result catalog = CliRun.run("catalogs", "delete", "-w", ws, "c");
        assertEquals(0, catalog.code(), catalog.all());
        assertTrue(catalog.out().startsWith("Deleted 1 tools, 2 queries, 0 gold references of catalog 'c'."), catalog.out());
        assertTrue(CliRun.run("catalogs", "-w", ws).out().contains("No catalogs yet"));
        JsonNode runs = Json.MAPPER.readTree(CliRun.run("runs", "list", "-w", ws, "--format", "json").out());
        assertEquals(1, runs.size(), "the evaluation run outlives its catalog");
    }
}
