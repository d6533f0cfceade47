/**
 * Tools, the queries annotated against them, their gold sets and splits, as stored in a workspace, and the
 * service that imports a source into a catalog. Everything above (retrieval, evaluation, alignment, both
 * faces) reads its catalog through this package. It may use {@code store} and {@code common} only.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.catalog.CatalogStore}: catalogs, tools, queries and gold sets; search, annotation
 *     ({@link org.qtastudio.catalog.CatalogStore#setGold}) and splits
 *     ({@link org.qtastudio.catalog.CatalogStore#setSplits}).</li>
 * <li>{@link org.qtastudio.catalog.ImportService}: imports a source
 *     ({@link org.qtastudio.catalog.ImportService#importSource}) or previews it with a dry run
 *     ({@link org.qtastudio.catalog.ImportService#preview}), reporting an
 *     {@link org.qtastudio.catalog.ImportReport}. The formats themselves live in
 *     {@link org.qtastudio.catalog.importers}.</li>
 * <li>{@link org.qtastudio.catalog.SampleData}: the demo catalog shipped in the jar.</li>
 * <li>The values: {@link org.qtastudio.catalog.Catalog}, {@link org.qtastudio.catalog.Tool},
 *     {@link org.qtastudio.catalog.ToolSummary}, {@link org.qtastudio.catalog.UserQuery},
 *     {@link org.qtastudio.catalog.Split} (QTA trains on {@code TRAIN}; metrics are reported on
 *     {@code TEST}).</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>An import is one {@link org.qtastudio.store.Workspace#write} transaction: bad input, an error or a
 *     cancel ({@link org.qtastudio.common.CancelledException}) leaves the catalog as it was.</li>
 * <li>Re-importing the same source changes nothing: tools and queries are matched by key and compared by
 *     content hash, and a query text the catalog already holds under another key is kept, not added
 *     twice.</li>
 * <li>Gold references that match no tool are reported in the import report, never dropped in silence.</li>
 * <li>A new catalog's name is safe as a file name ({@link org.qtastudio.catalog.CatalogNames}).</li>
 * </ul>
 */
package org.qtastudio.catalog;
