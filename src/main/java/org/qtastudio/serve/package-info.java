/**
 * Serving a catalog's tool search to agents: the tuned retriever (optionally with an aligned rewriter) behind one
 * {@link org.qtastudio.serve.ToolSearch}, and the front ends that expose it (an MCP server with a
 * {@code search_tools} tool, a small JSON API over HTTP).
 */
package org.qtastudio.serve;
