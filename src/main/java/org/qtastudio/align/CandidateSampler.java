package org.qtastudio.align;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;

/**
 * The sampling half of QTA: for each training query, the original plus N sampled rewrites are ranked by
 * the frozen retriever, scored by the ranking function from where the gold tools land, and the best and
 * worst become a preference pair.
 */
public final class CandidateSampler {

    private final Rewriter rewriter;
    private final Retriever retriever;
    private final List<Tool> tools;
    private final Map<String, Tool> toolsByKey;
    private final AlignSettings settings;

    public CandidateSampler(Rewriter rewriter, Retriever retriever, List<Tool> tools, AlignSettings settings) {
        this.rewriter = rewriter;
        this.retriever = retriever;
        this.tools = tools;
        this.toolsByKey = tools.stream().collect(java.util.stream.Collectors.toMap(Tool::key, t -> t, (a, b) -> a));
        this.settings = settings;
    }

    /** Samples candidates for each query and returns the pairs; queries whose candidates all tie give none. */
    public List<StoredPair> sample(List<UserQuery> queries, int round, Progress progress) {
        PairBuilder builder = new PairBuilder(settings.ranking());
        List<StoredPair> pairs = new ArrayList<>();
        int tied = 0;
        int done = 0;
        for (UserQuery q : queries) {
            progress.checkCancelled();
            progress.update("Sampling rewrites for \"" + abbreviate(q.text()) + "\"", done, queries.size());
            String prompt = rewriter.promptText(q.text(), documentsFor(q, round));
            long seed = settings.seed() + 1_000_003L * round + done;
            List<Candidate> candidates = new ArrayList<>();
            candidates.add(candidate(q, q.text(), true));
            for (String text : rewriter.sample(rewriter.promptIds(prompt), settings.samples(), settings.temperature(),
                    settings.topP(), settings.maxNewTokens(), seed, progress)) {
                if (!text.equals(q.text().strip())) {
                    candidates.add(candidate(q, text, false));
                }
            }
            Optional<PairBuilder.Pair> pair = builder.build(candidates);
            if (pair.isPresent()) {
                PairBuilder.Pair p = pair.get();
                pairs.add(new StoredPair(0, round, q.key(), q.text(), prompt, p.chosen().text(), p.rejected().text(),
                        p.chosenScore(), p.rejectedScore(), candidates, StoredPair.Status.pending, false, null, null));
            } else {
                tied++;
            }
            done++;
        }
        progress.update("Sampled " + queries.size() + " queries: " + pairs.size() + " pairs, " + tied + " all tied", done, queries.size());
        return pairs;
    }

    private Candidate candidate(UserQuery q, String text, boolean original) {
        Ranking ranking = retriever.rank(text);
        int[] ranks = q.gold().stream().mapToInt(ranking::rankOf).toArray();
        return new Candidate(text, original, ranks);
    }

    /** The tool documents shown in a query's prompt: the retriever's top few, or a seeded random few. */
    private List<Tool> documentsFor(UserQuery q, int round) {
        int n = Math.min(settings.toolDocuments(), tools.size());
        if (n == 0) {
            return List.of();
        }
        if (settings.randomToolDocuments()) {
            List<Tool> shuffled = new ArrayList<>(tools);
            Collections.shuffle(shuffled, new Random(settings.seed() ^ q.key().hashCode() ^ round));
            return shuffled.subList(0, n);
        }
        List<Tool> docs = new ArrayList<>(n);
        for (Hit hit : retriever.search(q.text(), n)) {
            docs.add(toolsByKey.get(hit.key()));
        }
        return docs;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }
}
