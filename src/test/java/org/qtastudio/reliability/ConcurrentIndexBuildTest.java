package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.bm25.LuceneBm25Retriever;

/** Issue 13 item 5 (index half): builders of the same BM25 index at the same moment each use a folder of their own. */
class ConcurrentIndexBuildTest {

    @TempDir
    Path dir;

    @Test
    void fourBuildersAtOnceAllGetAWorkingIndex() throws Exception {
        List<Tool> tools = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tools.add(new Tool("t" + i, "t" + i, "tool number " + i + " about " + (i % 2 == 0 ? "movies" : "weather"),
                    null, null, List.of(), null, List.of(), "test", null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                String fingerprint = "fp" + round;
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        try (LuceneBm25Retriever r = LuceneBm25Retriever.openOrBuild(dir, fingerprint, tools,
                                RetrieverSpec.Bm25.defaults(), Progress.NONE)) {
                            return r.search("movies", 5).size();
                        }
                    }));
                }
                for (Future<Integer> f : results) {
                    assertEquals(5, f.get(60, TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
