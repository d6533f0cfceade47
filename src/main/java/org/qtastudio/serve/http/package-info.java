/**
 * The tool search as a JSON API over HTTP: {@link org.qtastudio.serve.http.HttpToolSearchServer} serves a
 * {@link org.qtastudio.serve.ToolSearchService} on Jetty with {@code POST /v1/tool-search}, {@code GET /v1/info} and
 * {@code GET /openapi.json} (a hand-written OpenAPI 3.1 document beside the servlet, checked against what the server
 * returns by its tests). Every answer, errors included, is JSON.
 */
package org.qtastudio.serve.http;
