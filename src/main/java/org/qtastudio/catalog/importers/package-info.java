/**
 * One importer per source format (MTRB, OpenAPI, RestBench, MetaTool, ToolBench, OpenAI functions, MCP
 * {@code tools/list}, BEIR, generic JSONL/CSV), each turning a file or folder into tools and queries.
 * Importers only read; {@link org.qtastudio.catalog.imports.ImportService} stores what they hand over.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.catalog.importers.Importers}: the importers this build knows, lookup by format
 *     name, and auto-detection ({@link org.qtastudio.catalog.importers.Importers#detect}: the importer whose
 *     {@code detect} scores highest).</li>
 * <li>{@link org.qtastudio.catalog.importers.ImportSource}: what the user asked to import (path, field
 *     mapping for generic files, chosen split).</li>
 * <li>{@link org.qtastudio.catalog.importers.mcp}: live MCP servers as a source, listed with the MCP Java SDK and
 *     read by the {@code mcp} format's mapping.</li>
 * <li>{@link org.qtastudio.catalog.importers.SourceFiles}: opens JSON, JSONL, YAML, CSV and TSV, streaming
 *     arrays element by element and turning every parse problem into an
 *     {@link org.qtastudio.catalog.importers.ImportException} that names the file, line and column.</li>
 * </ul>
 *
 * <h2>Adding a format</h2>
 * Implement {@link org.qtastudio.catalog.importers.CatalogImporter}: a format name, a one-line description,
 * {@code detect} (looking at names and {@link org.qtastudio.catalog.importers.ImportSource#head()} only) and
 * {@code read}, which hands each tool and query to the
 * {@link org.qtastudio.catalog.importers.ImportSink} as it is parsed; gold stays as references in a
 * {@link org.qtastudio.catalog.importers.QueryDraft}, which the service resolves. Register the importer in
 * {@link org.qtastudio.catalog.importers.Importers} (the import dialog lists formats from there) and name
 * it in the {@code --format} help of {@code ImportCommand}.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Stream where the format allows, so memory does not grow with the file (OpenAPI is read as one tree,
 *     for its {@code $ref}s).</li>
 * <li>Bad input fails with one located {@link org.qtastudio.catalog.importers.ImportException}; anything
 *     that does not stop the import is an {@link org.qtastudio.catalog.importers.ImportSink#warning}.</li>
 * </ul>
 */
package org.qtastudio.catalog.importers;
