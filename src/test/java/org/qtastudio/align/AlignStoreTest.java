package org.qtastudio.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.store.Workspace;

class AlignStoreTest {

    @TempDir
    Path dir;

    private static long catalog(Workspace w) {
        return w.write(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO catalog (name, created_at) VALUES ('c', '2026-11-23T00:00:00Z')");
            }
            return 1L;
        });
    }

    private static StoredPair pair(String key) {
        return new StoredPair(0, 1, key, "find a film", "<prompt>", "GET /search/movie for film titles", "film",
                new RankingFunction.Score(-1, 1), new RankingFunction.Score(-7, 0.3),
                List.of(new Candidate("film", true, new int[] {7}), new Candidate("GET /search/movie for film titles", false, new int[] {1})),
                StoredPair.Status.pending, false, null, null);
    }

    @Test
    void pairsRoundTripAndReviewIsRecorded() {
        try (Workspace w = Workspace.open(dir.resolve("a.qta"))) {
            AlignStore store = new AlignStore(w);
            long run = store.createRun(catalog(w), "first", "/models/tiny", "{\"beta\":0.1}");
            store.replacePairs(run, 1, List.of(pair("q1"), pair("q2")));
            List<StoredPair> pairs = store.pairs(run, 1);
            assertEquals(2, pairs.size());
            StoredPair p = pairs.get(0);
            assertEquals("q1", p.queryKey());
            assertEquals(-7, p.rejectedScore().primary());
            assertArrayEquals(new int[] {1}, p.candidates().get(1).goldRanks());
            assertNull(p.referenceChosen());

            store.setReference(p.id(), -12.5, -20.25);
            store.setPairStatus(pairs.get(1).id(), StoredPair.Status.rejected);
            store.editPair(p.id(), "GET /search/movie by title", "film");
            pairs = store.pairs(run, 1);
            assertTrue(pairs.get(0).edited());
            assertNull(pairs.get(0).referenceChosen(), "an edit invalidates the stored reference log-probs");
            assertEquals(StoredPair.Status.rejected, pairs.get(1).status());
            assertThrows(IllegalArgumentException.class, () -> store.editPair(p.id(), "same", "same"));

            store.replacePairs(run, 1, List.of(pair("q3")));
            assertEquals(List.of("q3"), store.pairs(run, 1).stream().map(StoredPair::queryKey).toList());
        }
    }

    @Test
    void statusStepsAndCheckpointsSurviveReopening() {
        Path file = dir.resolve("b.qta");
        long run;
        try (Workspace w = Workspace.open(file)) {
            AlignStore store = new AlignStore(w);
            run = store.createRun(catalog(w), "r", "m", "{}");
            store.setStatus(run, AlignStore.Status.training, null);
            for (int s = 1; s <= 4; s++) {
                store.recordStep(run, new AlignStore.Step(1, s, s <= 2 ? 1 : 2, 0.7 - 0.1 * s, 0.1 * s, -0.1 * s, 0.2 * s, 1, 1e-4, 100));
            }
            store.recordCheckpoint(run, new AlignStore.Checkpoint(1, 1, 2, "ckpt/epoch-1"));
        }
        try (Workspace w = Workspace.open(file)) {
            AlignStore store = new AlignStore(w);
            assertEquals(AlignStore.Status.training, store.run(run).status());
            assertEquals(4, store.steps(run).size());
            AlignStore.Checkpoint ckpt = store.latestCheckpoint(run, 1).orElseThrow();
            assertEquals(2, ckpt.step());
            store.dropStepsAfter(run, 1, ckpt.step());
            assertEquals(2, store.steps(run).size());
            store.setStatus(run, AlignStore.Status.failed, "out of memory");
            assertEquals("out of memory", store.run(run).error());
            assertThrows(IllegalArgumentException.class, () -> store.run(run + 1));
        }
    }
}
