/**
 * The Serve screen: serve a catalog's tuned tool search to agents and watch it.
 *
 * <ul>
 * <li>{@link org.qtastudio.app.serve.ServeViewModel}: the screen's state. Start runs
 *     {@link org.qtastudio.app.serve.ServingSession#start} in a task with progress and cancel; while serving, the
 *     figures ({@link org.qtastudio.serve.ToolSearchService#stats()}) and the latest logged queries
 *     ({@link org.qtastudio.app.serve.LoggedRow}) are read about once a second off the FX thread; Stop, closing the
 *     window or another workspace stop the servers.</li>
 * <li>{@link org.qtastudio.app.serve.ServeForm}: what to serve (the Baselines screen's retriever form, an aligned
 *     rewriter, the query log, off by default) and how (JSON API, MCP over streamable HTTP, host, ports), kept as typed
 *     and checked into a {@link org.qtastudio.app.serve.ServePlan}.</li>
 * <li>{@link org.qtastudio.app.serve.ServingSession}: one {@link org.qtastudio.serve.ToolSearchService} and the
 *     servers that put it on the wire ({@link org.qtastudio.serve.http.HttpToolSearchServer},
 *     {@link org.qtastudio.serve.mcp.McpToolSearchServer}).</li>
 * <li>{@link org.qtastudio.app.serve.ServeView} binds them (Alt+S starts, Alt+P stops, Esc cancels a start).</li>
 * </ul>
 */
package org.qtastudio.app.serve;
