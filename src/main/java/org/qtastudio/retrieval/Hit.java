package org.qtastudio.retrieval;

/**
 * One tool in a ranking.
 *
 * @param rank 1-based position in the ranking
 * @param key the tool's key
 * @param score the retriever's score (higher is better; scales differ between retrievers)
 */
public record Hit(int rank, String key, double score) {
}
