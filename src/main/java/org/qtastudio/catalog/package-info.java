/**
 * Tools, the queries annotated against them, their gold sets and splits, as stored in a workspace. Everything
 * above (retrieval, evaluation, alignment, both faces) reads its catalog through this package. It may use
 * {@code store} and {@code common} only. Its two subpackages keep the import path free of cycles:
 * {@link org.qtastudio.catalog.importers} reads formats into these values, and
 * {@link org.qtastudio.catalog.imports} stores what they read; nothing here uses either.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.catalog.CatalogStore}: catalogs, tools, queries and gold sets; search, annotation
 *     ({@link org.qtastudio.catalog.CatalogStore#setGold}) and splits
 *     ({@link org.qtastudio.catalog.CatalogStore#setSplits}).</li>
 * <li>The values: {@link org.qtastudio.catalog.Catalog}, {@link org.qtastudio.catalog.Tool},
 *     {@link org.qtastudio.catalog.ToolSummary}, {@link org.qtastudio.catalog.UserQuery},
 *     {@link org.qtastudio.catalog.Split} (QTA trains on {@code TRAIN}; metrics are reported on
 *     {@code TEST}).</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>A new catalog's name is safe as a file name ({@link org.qtastudio.catalog.CatalogNames}).</li>
 * </ul>
 */
package org.qtastudio.catalog;
