package org.qtastudio.retrieval.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.common.Json;
import org.qtastudio.retrieval.MtrbFixture;

/** {@code eval} and {@code search} with the platform baselines on MTRB RestBench, as a user runs them. */
class PlatformMtrbEvalTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void importMtrb() {
        workspace = MtrbFixture.importedWorkspace(dir.resolve("platform.qta"));
    }

    private static CliRun.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--workspace", workspace.toString(), "--catalog", MtrbFixture.RESTBENCH));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void evalRunsBothPlatformBaselinesOnRestBench() throws Exception {
        for (String kind : List.of("tool-search-regex", "tool-search-bm25")) {
            CliRun.Result r = run("eval", "--retriever", kind, "--format", "json");
            assertEquals(0, r.code(), r.all());
            JsonNode json = Json.MAPPER.readTree(r.out());
            assertEquals(kind, json.get("config").get("type").asText());
            assertEquals(90, json.get("queries").asInt());
            for (String metric : List.of("S@5", "S@10", "NDCG@5", "NDCG@10", "R@5", "R@10", "MRR")) {
                double value = json.get(metric).asDouble();
                assertTrue(value >= 0 && value <= 100, kind + " " + metric + " = " + value);
            }
            assertTrue(json.get("R@10").asDouble() > 0, kind + " finds some gold tools: " + r.out());
        }
    }

    @Test
    void searchTakesARawPatternAndNamesAnInvalidOne() {
        CliRun.Result ok = run("search", "--retriever", "tool-search-regex", "--raw-pattern", "-k", "3", "^/search/(movie|tv)$");
        assertEquals(0, ok.code(), ok.all());
        assertTrue(ok.out().contains("GET /search/movie") && ok.out().contains("GET /search/tv"), ok.out());
        CliRun.Result bad = run("search", "--retriever", "tool-search-regex", "--raw-pattern", "movie(");
        assertEquals(1, bad.code(), bad.all());
        assertTrue(bad.err().contains("'movie(' is not a valid regular expression"), bad.err());
    }
}
