package org.qtastudio.app.results;

import java.util.List;

/**
 * One query of a comparison: its text in each run (the original and the rewrite, for a rewrite evaluation),
 * the worst gold rank in each, and the texts cut into segments with the words shared with the gold tools'
 * documents marked.
 */
public record QueryChange(String key, List<String> gold, String beforeText, String afterText, int worstRankBefore,
                          int worstRankAfter, List<SharedWords.Segment> beforeWords, List<SharedWords.Segment> afterWords) {

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
