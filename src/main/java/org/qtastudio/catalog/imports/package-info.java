/**
 * Importing a source into a catalog: the service above both the catalog's values and the format readers, so that
 * neither depends on the other in a cycle ({@code catalog.importers} reads a file into
 * {@link org.qtastudio.catalog.Tool}s and query drafts; this package decides what is stored).
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.catalog.imports.ImportService}: imports a source
 *     ({@link org.qtastudio.catalog.imports.ImportService#importSource}) or previews it with a dry run
 *     ({@link org.qtastudio.catalog.imports.ImportService#preview}), reporting an
 *     {@link org.qtastudio.catalog.imports.ImportReport}; the formats themselves live in
 *     {@link org.qtastudio.catalog.importers}.</li>
 * <li>{@link org.qtastudio.catalog.imports.GoldResolver}: matches gold references to tool keys (exact,
 *     normalised, or a bare name inside one namespace) and reports what stays unresolved or ambiguous.</li>
 * <li>{@link org.qtastudio.catalog.imports.SampleData}: the demo catalog shipped in the jar.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>An import is one {@link org.qtastudio.store.Workspace#write} transaction (its SQL in {@code ImportStore}):
 *     bad input, an error or a cancel ({@link org.qtastudio.common.CancelledException}) leaves the catalog as
 *     it was; a preview runs the same code and rolls back.</li>
 * <li>Re-importing the same source changes nothing: tools and queries are matched by key and compared by
 *     content hash, and a query text the catalog already holds under another key is kept, not added
 *     twice. A re-import replaces only what the source states, except that a live MCP server's re-import removes
 *     the tools of its namespace it no longer lists (their gold kept on the queries as unresolved gold).</li>
 * <li>Gold references that match no tool are reported and stored as unresolved gold, never dropped in
 *     silence.</li>
 * </ul>
 */
package org.qtastudio.catalog.imports;
