package org.qtastudio.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qtastudio.align.RewriteEvaluationStore;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.retrieval.RetrieverSpec;

class ResultsViewModelTest {

    private static EvalRun run(long id, String split) {
        return new EvalRun(id, "c", split, RetrieverSpec.Bm25.defaults(), List.of(5, 10), Map.of(), 3, 0, 10, "f", 1,
                Instant.EPOCH, EvalRunStore.ORIGINAL_QUERIES);
    }

    @Test
    void theLatestRewriteEvaluationOfTheCatalogIsComparedByDefault() {
        List<EvalRun> newestFirst = List.of(run(9, "test"), run(8, "test"), run(7, "test"), run(6, "test"));
        List<RewriteEvaluationStore.Link> links = List.of(
                new RewriteEvaluationStore.Link(3, 101, 102, 103, Instant.EPOCH), // runs of another catalog
                new RewriteEvaluationStore.Link(2, 6, 7, 8, Instant.EPOCH));
        assertEquals(new ResultsViewModel.Pair(run(6, "test"), run(7, "test")), ResultsViewModel.defaultPair(newestFirst, links));
    }

    @Test
    void withoutOneTheNewestRunIsComparedWithTheNewestEarlierRunOfTheSameQueries() {
        List<EvalRun> newestFirst = List.of(run(9, "test"), run(8, null), run(7, "test"));
        assertEquals(new ResultsViewModel.Pair(run(7, "test"), run(9, "test")), ResultsViewModel.defaultPair(newestFirst, List.of()));
        assertEquals(new ResultsViewModel.Pair(run(8, null), run(9, "test")),
                ResultsViewModel.defaultPair(List.of(run(9, "test"), run(8, null)), List.of()), "any earlier run when none matches");
        assertNull(ResultsViewModel.defaultPair(List.of(run(9, "test")), List.of()));
    }
}
