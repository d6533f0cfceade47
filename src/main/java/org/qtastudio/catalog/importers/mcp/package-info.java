/**
 * Live MCP servers as an import source: a server is started (stdio) or connected to (streamable HTTP) with the
 * official MCP Java SDK's client, its {@code tools/list} is paged through, and the tools are read exactly as the
 * {@code mcp} format reads a file of them ({@link org.qtastudio.catalog.importers.McpImporter#tool}).
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.catalog.importers.mcp.McpServer}: how to reach one server, from {@code --mcp-stdio
 *     "COMMAND ARGS"} or {@code --mcp-http URL}.</li>
 * <li>{@link org.qtastudio.catalog.importers.mcp.McpClientConfig}: the servers of a client configuration file
 *     ({@code mcpServers} of Claude Desktop and Cursor, {@code servers} of VS Code).</li>
 * <li>{@link org.qtastudio.catalog.importers.mcp.McpConnection}: a session with one server, from initialize to
 *     close, bounded by the timeout: every page of {@code tools/list}, {@code tools/call} (the MCP proxy's use).</li>
 * <li>{@link org.qtastudio.catalog.importers.mcp.McpToolLister}: a connection opened, listed and closed, giving an
 *     {@link org.qtastudio.catalog.importers.mcp.McpToolListing}.</li>
 * <li>{@link org.qtastudio.catalog.importers.mcp.McpServerImporter}: a listing as a
 *     {@link org.qtastudio.catalog.importers.CatalogImporter}, which
 *     {@link org.qtastudio.catalog.imports.ImportService#importServers} stores like any source.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>A server's processes are ended when its listing is done, failed or cancelled; the workspace transaction
 *     starts only after every server has been listed, so no server holds the workspace while it answers.</li>
 * <li>Every wait is bounded by the timeout; a server that cannot start, exits, writes something that is not
 *     JSON-RPC or answers with an error fails at once with one
 *     {@link org.qtastudio.catalog.importers.ImportException} naming it and saying what it did.</li>
 * </ul>
 */
package org.qtastudio.catalog.importers.mcp;
