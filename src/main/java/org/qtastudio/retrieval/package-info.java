/**
 * Ranking a tool catalog for a query: the {@link org.qtastudio.retrieval.Retriever} contract, the
 * rankings it returns, the specs that configure it, and the factory that builds one for a catalog of a
 * workspace. BM25 lives in {@link org.qtastudio.retrieval.bm25}, embeddings in
 * {@link org.qtastudio.retrieval.dense}, the agent platforms' built-in tool search (regex and BM25, as baselines) in
 * {@link org.qtastudio.retrieval.platform}, reciprocal rank fusion here
 * ({@link org.qtastudio.retrieval.FusionRetriever}). It may use {@code catalog}, {@code store} and
 * {@code common}.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.retrieval.Retrievers#open}: a retriever for a catalog from a
 *     {@link org.qtastudio.retrieval.RetrieverSpec}, building or reusing its index or embeddings.</li>
 * <li>{@link org.qtastudio.retrieval.Retriever#rank}: the whole catalog ordered for a query, as a
 *     {@link org.qtastudio.retrieval.Ranking} of {@link org.qtastudio.retrieval.Hit}s;
 *     {@link org.qtastudio.retrieval.Retriever#rankAll} for many queries with progress and cancel.</li>
 * <li>{@link org.qtastudio.retrieval.TextField}: which parts of a tool are indexed, part of every spec.</li>
 * </ul>
 *
 * <h2>Adding a retriever</h2>
 * Add a record to the sealed {@link org.qtastudio.retrieval.RetrieverSpec} and name it in its
 * {@code @JsonSubTypes} (specs are stored as JSON with every run), implement
 * {@link org.qtastudio.retrieval.Retriever} (ranking <em>every</em> tool, ties broken by catalog order, e.g.
 * through {@link org.qtastudio.retrieval.Ranking#byScore}), and build it in the switch of
 * {@link org.qtastudio.retrieval.Retrievers} (the compiler flags a switch that misses it). Then offer it in
 * the command line's {@code RetrieverOptions} and the Baselines screen's {@code RetrieverKind} and
 * {@code RetrieverSettings}.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Rankings are complete and deterministic: every tool has a rank, so metrics see where each gold tool
 *     landed; equal scores fall in catalog order. The one exception is a search that, like the platforms' tool
 *     search, returns only what it matched: its ranking is partial
 *     ({@link org.qtastudio.retrieval.Ranking#positiveOnly()}) and the tools it did not return rank
 *     {@link org.qtastudio.retrieval.Ranking#NOT_RETURNED}.</li>
 * <li>A retriever is used by one thread at a time and is closed by whoever opened it; a
 *     {@link org.qtastudio.retrieval.FusionRetriever} closes both inputs. Embedding models belong to
 *     {@link org.qtastudio.retrieval.Retrievers} and are closed with it.</li>
 * <li>Derived data is keyed by what made it: BM25 indexes by the spec's hash and rebuilt when the catalog's
 *     tools fingerprint changes; embeddings by model id and text hash.</li>
 * </ul>
 */
package org.qtastudio.retrieval;
