package org.qtastudio.align;

/**
 * One candidate query for a training query: the original text or a sampled rewrite, with the 1-based
 * ranks the frozen retriever gave each gold tool when searching with it.
 */
public record Candidate(String text, boolean original, int[] goldRanks) {

    public Candidate {
        if (goldRanks.length == 0) {
            throw new IllegalArgumentException("a candidate needs the ranks of at least one gold tool");
        }
        goldRanks = goldRanks.clone();
    }
}
