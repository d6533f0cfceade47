package org.qtastudio.app.results;

import java.util.List;

/**
 * One query of a comparison: its text in each run (the original and the rewrite, for a rewrite evaluation),
 * the worst gold rank in each, and the texts cut into segments with the words shared with the gold tools'
 * documents marked.
 *
 * @param fallback true when one of the runs is a rewrite evaluation and this query's rewrite is the original query
 *     itself: the model's rewrite came back empty (the evaluation then ranks the original text, and says so in its
 *     warnings) or repeated the query word for word, so the "rewrite" changed nothing
 */
public record QueryChange(String key, List<String> gold, String beforeText, String afterText, int worstRankBefore,
                          int worstRankAfter, List<SharedWords.Segment> beforeWords, List<SharedWords.Segment> afterWords,
                          boolean fallback) {

    /** What the table, the texts and the export say of a fallback. */
    public static final String FALLBACK = "no rewrite: empty or the original query";

    public QueryChange {
        gold = List.copyOf(gold);
        beforeWords = List.copyOf(beforeWords);
        afterWords = List.copyOf(afterWords);
    }

    public Change change() {
        return Change.of(worstRankBefore, worstRankAfter);
    }

    /** How many places the worst gold rank rose (negative: fell). */
    public int gain() {
        return worstRankBefore - worstRankAfter;
    }
}
