/**
 * Lexical retrieval with BM25, in two flavours.
 *
 * <ul>
 * <li>{@link org.qtastudio.retrieval.bm25.LuceneBm25Retriever}: the default, a Lucene index of the chosen
 *     {@link org.qtastudio.retrieval.TextField}s joined into one field, analysed by a
 *     {@link org.qtastudio.retrieval.bm25.Bm25Analyzer} (English, standard, whitespace, or
 *     {@link org.qtastudio.retrieval.bm25.IdentifierAnalyzer}'s camelCase and snake_case words), kept in the workspace's side folder and reused
 *     while the catalog's tools fingerprint is unchanged
 *     ({@link org.qtastudio.retrieval.bm25.LuceneBm25Retriever#openOrBuild}); in memory for tests and
 *     one-off use ({@link org.qtastudio.retrieval.bm25.LuceneBm25Retriever#inMemory}).</li>
 * <li>{@link org.qtastudio.retrieval.bm25.PaperBm25Retriever}: rank_bm25's {@code BM25Okapi} re-implemented
 *     to reproduce the MTRB paper's BM25 numbers; postings in memory, for small catalogs.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * Both rank every tool of the catalog through {@link org.qtastudio.retrieval.Ranking#byScore}, so equal
 * scores fall in catalog order. Lucene documents are added in catalog order and merged into one segment with
 * an order-preserving merge policy, so a doc id is the tool's catalog position and Lucene's own top-k
 * search ({@link org.qtastudio.retrieval.bm25.LuceneBm25Retriever#search}) breaks ties the same way. Closing a
 * {@link org.qtastudio.retrieval.bm25.LuceneBm25Retriever} closes its index reader and directory.
 */
package org.qtastudio.retrieval.bm25;
