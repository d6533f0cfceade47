package org.qtastudio.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.AlignFixtures;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.cli.CliRun;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/**
 * A completed alignment run's rewriter, served: it rewrites as {@code qta-studio rewrite --run} does with the run's
 * settings (a tiny random model, so the rewrites are noise, but the same noise), and the tools are the retriever's
 * for that rewrite.
 */
class AlignedRewriterServingTest {

    private static final Pattern REWRITE = Pattern.compile("(?m)^rewrite: {2}(.*)$");

    @TempDir
    Path dir;

    @Test
    void servesTheRewritesOfTheRunAsTheRewriteCommandMakesThem() throws Exception {
        AlignFixtures.assumeShared();
        Path model = AlignFixtures.tinyQwen3(dir.resolve("tiny"));
        Path file = dir.resolve("aligned.qta");
        long run;
        List<String> queries;
        try (Workspace w = AlignFixtures.restBenchWithTrainingQueries(file); Retrievers retrievers = new Retrievers(w)) {
            AlignSettings d = AlignSettings.defaults();
            AlignSettings tiny = new AlignSettings(d.instruction(), 1, false, 2, 1.0, 1.0, 8, 11, d.rankingFunction(), d.beta(), 0.0,
                    2e-2, 1, 5, 1, 1.0, 0.1, 8, 16, 0.0, d.targetModules(), 1, false);
            run = new QtaAligner(w, retrievers).align(new QtaAligner.Request("mtrb-restbench", Split.TRAIN, model.toString(), "cpu",
                    "float32", RetrieverSpec.Bm25.defaults(), tiny), Progress.NONE).runId();
            CatalogStore catalogs = new CatalogStore(w);
            queries = catalogs.queries(catalogs.require("mtrb-restbench").id(), Split.TEST).stream().limit(3).map(q -> q.text()).toList();
        }
        try (Workspace w = Workspace.openExisting(file); Retrievers retrievers = new Retrievers(w);
             Retriever bm25 = retrievers.open(new CatalogStore(w).require("mtrb-restbench"), RetrieverSpec.Bm25.defaults(), Progress.NONE);
             ToolSearchService served = ToolSearchService.open(w, new ServeConfig("mtrb-restbench", RetrieverSpec.Bm25.defaults(), run,
                     ServeConfig.RewriteUse.rewrite, null, false), Progress.NONE)) {
            assertTrue(served.describe().contains("on rewrites by rewriter of alignment run " + run + " (tiny + adapter, greedy, "
                    + "1 tool document, at most 8 new tokens)"), served.describe());
            for (String q : queries) {
                CliRun.Result cli = CliRun.run("rewrite", "-w", file.toString(), "-c", "mtrb-restbench", "--run", String.valueOf(run),
                        "--tool-docs", "1", "--max-new-tokens", "8", "--query", q);
                assertEquals(0, cli.code(), cli.all());
                Matcher m = REWRITE.matcher(cli.out());
                assertTrue(m.find(), cli.out());
                String expected = m.group(1).strip();
                ToolSearchResponse response = served.search(new ToolSearchRequest(q, 5, null));
                List<Hit> hits = response.tools().stream().map(t -> new Hit(t.rank(), t.key(), t.score())).toList();
                if (expected.isEmpty()) {
                    assertNull(response.rewrite());
                    assertEquals("the rewriter gave no rewrite", response.fallback());
                    assertEquals(bm25.search(q, 5), hits);
                } else {
                    assertEquals(expected, response.rewrite(), q);
                    assertNull(response.fallback());
                    assertEquals(bm25.search(expected, 5), hits);
                }
            }
        }
    }
}
