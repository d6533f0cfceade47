/**
 * The MCP front end of tool search: {@link org.qtastudio.serve.mcp.McpToolSearchServer} serves any
 * {@link org.qtastudio.serve.ToolSearch} as an MCP server with a {@code search_tools} tool, over stdio or
 * streamable HTTP, on the official MCP Java SDK; {@link org.qtastudio.serve.mcp.McpProxy} adds proxy mode, where
 * the server also forwards {@code call_tool} to the upstream servers of a client configuration whose tools were
 * imported into the searched catalog.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Over stdio, standard output carries JSON-RPC and nothing else; a line that is not JSON-RPC is answered with
 *     a JSON-RPC error and serving goes on; serving ends when standard input does.</li>
 * <li>Bad arguments are tool errors ({@code isError}) with the message {@link org.qtastudio.serve.ToolSearchRequest}
 *     gives every front end; a malformed request is a JSON-RPC error; neither ends a session.</li>
 * <li>Closing is quick and idempotent, and ends the HTTP server and every upstream server process.</li>
 * </ul>
 */
package org.qtastudio.serve.mcp;
