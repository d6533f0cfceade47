/**
 * The Catalog screen and the import dialog.
 *
 * <ul>
 * <li>{@link org.qtastudio.app.catalog.CatalogBrowserViewModel} / {@link org.qtastudio.app.catalog.CatalogBrowserView}:
 *     the catalogs, the selected catalog's tools filtered as the user types, and the selected tool's full
 *     document.</li>
 * <li>{@link org.qtastudio.app.catalog.ImportPreviewViewModel} / {@link org.qtastudio.app.catalog.ImportPreviewView}:
 *     a dry run ({@link org.qtastudio.catalog.imports.ImportService#preview}) of the chosen file with the chosen
 *     format, catalog and split, so counts, first rows, unmatched gold and the importer's located error are
 *     seen before anything is stored; the import itself runs only when the user confirms a successful preview.
 *     The formats offered come from {@link org.qtastudio.catalog.importers.Importers#all()}. Made with
 *     {@link org.qtastudio.app.catalog.ImportPreviewViewModel#mcpServers}, the same dialog lists the tools of live MCP
 *     servers named by a {@link org.qtastudio.app.catalog.McpServerForm} and imports exactly the listed tools.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * The browser stays responsive with 100,000 tools: loads run off the FX thread and a newer selection
 * cancels an older load; {@link org.qtastudio.app.catalog.ToolSearch} filters in a background task, shows
 * only the newest result and narrows the previous matches when the typed text extends them;
 * {@link org.qtastudio.app.catalog.ToolRow}s compute their search text once and compare by identity, so a
 * table never compares 100,000 rows by content. A new choice in the import dialog cancels the running dry
 * run.
 */
package org.qtastudio.app.catalog;
