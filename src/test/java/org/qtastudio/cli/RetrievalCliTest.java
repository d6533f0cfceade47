package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Json;
import org.qtastudio.retrieval.MtrbFixture;
import org.qtastudio.store.Workspace;
import picocli.CommandLine;

/** search, eval and runs as a user runs them, against MTRB RestBench imported into a temporary workspace. */
class RetrievalCliTest {

    @TempDir
    static Path dir;
    static Path workspace;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void importMtrb() {
        MtrbFixture.assumePresent();
        workspace = dir.resolve("cli.qta");
        try (Workspace w = Workspace.open(workspace)) {
            MtrbFixture.importBoth(w);
            CatalogStore store = new CatalogStore(w);
            // a query nobody annotated yet: it must be left out of the metrics and counted
            store.addQuery(store.require(MtrbFixture.RESTBENCH).id(), "an unannotated question", Split.TEST, List.of());
            w.write(c -> {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO catalog (name, created_at) VALUES ('empty', '2026-01-01T00:00:00Z')")) {
                    st.executeUpdate();
                }
                return null;
            });
        }
    }

    private static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--workspace");
        all.add(workspace.toString());
        int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static JsonNode evalJson(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--catalog", MtrbFixture.RESTBENCH, "--format", "json"));
        all.addAll(List.of(args));
        Result r = run(new EvalCommand(), all.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("1 queries without gold tools were excluded"), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void evalJsonHasTheKeysScriptsRelyOn() throws Exception {
        JsonNode paper = evalJson("--retriever", "bm25-paper");
        for (String key : List.of("S@5", "S@10", "NDCG@5", "NDCG@10", "R@5", "R@10", "MRR", "run_id", "config")) {
            assertTrue(paper.has(key), key + " missing in " + paper);
        }
        assertEquals(6.67, paper.get("S@5").asDouble(), 0.005);
        assertEquals("bm25-paper", paper.get("config").get("type").asText());
        assertEquals(90, paper.get("queries").asInt());
        assertEquals(1, paper.get("excluded_without_gold").asInt());

        JsonNode descriptionOnly = evalJson("--text-fields", "description", "--k", "10,5");
        assertEquals(21.11, descriptionOnly.get("S@5").asDouble(), 0.005);
        assertEquals("[\"description\"]", descriptionOnly.get("config").get("fields").toString());
        JsonNode defaults = evalJson();
        assertEquals(25.56, defaults.get("S@5").asDouble(), 0.005);
    }

    @Test
    void evalPrintsTablesAndRefusesBadInput() {
        Result text = run(new EvalCommand(), "--catalog", MtrbFixture.METATOOL, "--k", "1,3");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("S@1") && text.out().contains("NDCG@3") && text.out().contains("stored as run"), text.out());
        Result md = run(new EvalCommand(), "--catalog", MtrbFixture.METATOOL, "--format", "markdown");
        assertTrue(md.out().startsWith("| run | catalog |"), md.out());
        Result csv = run(new EvalCommand(), "--catalog", MtrbFixture.METATOOL, "--format", "csv", "--k", "500");
        assertTrue(csv.out().startsWith("run,catalog,split,retriever,queries,excluded,S@500,NDCG@500,R@500,MRR,seconds"), csv.out());
        assertTrue(csv.out().contains(",90,0,100.00,"), "k beyond the catalog finds every gold tool: " + csv.out());

        Result empty = run(new EvalCommand(), "--catalog", "empty");
        assertNotEquals(0, empty.code());
        assertTrue(empty.err().contains("no queries with gold tools"), empty.err());
        Result unknown = run(new EvalCommand(), "--catalog", MtrbFixture.METATOOL, "--retriever", "tfidf");
        assertTrue(unknown.err().contains("unknown retriever 'tfidf'"), unknown.err());
        Result fields = run(new EvalCommand(), "--catalog", MtrbFixture.METATOOL, "--text-fields", "colour");
        assertTrue(fields.err().contains("unknown text field 'colour'"), fields.err());
    }

    @Test
    void searchPrintsTopToolsAndRefusesEmptyQueriesAndEmptyCatalogs() throws Exception {
        Result r = run(new SearchCommand(), "--catalog", MtrbFixture.RESTBENCH, "-k", "3", "search", "movies", "by", "title");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2 + 3, lines.size(), r.out());
        assertTrue(lines.get(2).startsWith("1 ") && r.out().contains("GET /search/movie "), r.out());
        Result json = run(new SearchCommand(), "--catalog", MtrbFixture.RESTBENCH, "--format", "json", "--retriever", "hybrid",
                "Quels films a réalisés Agnès Varda ? 映画");
        assertEquals(0, json.code(), json.err());
        assertEquals(10, Json.MAPPER.readTree(json.out()).get("hits").size());

        Result blank = run(new SearchCommand(), "--catalog", MtrbFixture.RESTBENCH, "   ");
        assertNotEquals(0, blank.code());
        assertTrue(blank.err().contains("the query is empty"), blank.err());
        Result noTools = run(new SearchCommand(), "--catalog", "empty", "weather");
        assertNotEquals(0, noTools.code());
        assertTrue(noTools.err().contains("catalog 'empty' has no tools"), noTools.err());
    }

    @Test
    void runsAreListedComparedAndExported() throws Exception {
        long a = evalJson("--retriever", "bm25").get("run_id").asLong();
        long b = evalJson("--retriever", "bm25-paper").get("run_id").asLong();
        Result list = run(new RunsCommand(), "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("BM25Okapi"), list.out());

        Result compare = run(new RunsCommand(), "compare", Long.toString(a), Long.toString(b), "--format", "json");
        assertEquals(0, compare.code(), compare.err());
        JsonNode s5 = Json.MAPPER.readTree(compare.out()).get("comparisons").get(0);
        assertEquals("S@5", s5.get("metric").asText());
        assertEquals(90, s5.get("wins").asInt() + s5.get("ties").asInt() + s5.get("losses").asInt());
        assertTrue(s5.get("p_value").asDouble() < 0.01, "Lucene BM25 beats the paper's BM25 clearly: " + s5);
        Result text = run(new RunsCommand(), "compare", Long.toString(a), Long.toString(b), "--metric", "S@10");
        assertTrue(text.out().contains("wins") && text.out().contains("S@10"), text.out());

        Path csv = dir.resolve("run.csv");
        Path trec = dir.resolve("run.trec");
        Path qrels = dir.resolve("run.qrels");
        assertEquals(0, run(new RunsCommand(), "export", Long.toString(a), "--out", csv.toString()).code());
        assertEquals(0, run(new RunsCommand(), "export", Long.toString(a), "--as", "trec", "--out", trec.toString(),
                "--qrels", qrels.toString()).code());
        List<String> csvLines = Files.readAllLines(csv);
        assertEquals(91, csvLines.size());
        assertTrue(csvLines.getFirst().startsWith("query_key,query,gold,gold_ranks,S@5"), csvLines.getFirst());
        List<String> trecLines = Files.readAllLines(trec);
        assertEquals(90 * 54, trecLines.size());
        assertTrue(trecLines.getFirst().matches("\\S+ Q0 \\S+ 1 [0-9.]+ qta-run-" + a), trecLines.getFirst());
        assertTrue(Files.readAllLines(qrels).stream().allMatch(l -> l.matches("\\S+ 0 \\S+ 1")));

        Result missing = run(new RunsCommand(), "export", "424242");
        assertTrue(missing.err().contains("no evaluation run 424242"), missing.err());
    }
}
