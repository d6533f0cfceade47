/**
 * The Annotate screen: writing and labelling queries against a catalog, keyboard first.
 * {@link org.qtastudio.app.annotate.AnnotateViewModel} holds the catalog's queries (filtered by split,
 * labelled state and text), the selected query's gold set, a tool search to tick gold tools with, BM25
 * suggestions for the selected query, and an undo stack; {@link org.qtastudio.app.annotate.AnnotateView}
 * binds it (Space ticks a tool as gold, Enter moves to the next query, Ctrl+Z undoes).
 *
 * <h2>Invariants</h2>
 * A gold or split edit shows at once and is stored off the FX thread through
 * {@link org.qtastudio.app.AppContext#write}, one write at a time in the order the user made them; a new
 * query is added in a background task and shown once stored. Suggestions come from the default Lucene
 * BM25 retriever, opened once per catalog and asked in a {@link org.qtastudio.app.LatestTask}, so a slow
 * answer for a query the user has left is dropped.
 */
package org.qtastudio.app.annotate;
