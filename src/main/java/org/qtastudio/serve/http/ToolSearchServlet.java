package org.qtastudio.serve.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.qtastudio.common.Json;
import org.qtastudio.serve.ServeConfig;
import org.qtastudio.serve.ServeStats;
import org.qtastudio.serve.ServedTool;
import org.qtastudio.serve.ToolSearchRequest;
import org.qtastudio.serve.ToolSearchResponse;
import org.qtastudio.serve.ToolSearchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API's three resources on one servlet, so that every answer, an unknown path or a wrong method included, is
 * the API's JSON: {@code POST /v1/tool-search}, {@code GET /v1/info} and {@code GET /openapi.json} (the OpenAPI
 * document, a resource beside this class).
 */
final class ToolSearchServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(ToolSearchServlet.class);
    static final String SEARCH = "/v1/tool-search";
    static final String INFO = "/v1/info";
    static final String OPENAPI = "/openapi.json";
    private static final Set<String> REQUEST_FIELDS = Set.of("query", "k", "namespace");
    /** Jackson names its input in locations inside a message ("[Source: REDACTED ...; line: 1"): the line is enough. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;]*; ");

    private final transient ToolSearchService search;
    private final int maxBodyBytes;
    private final byte[] openApi;

    ToolSearchServlet(ToolSearchService search, int maxBodyBytes) {
        this.search = search;
        this.maxBodyBytes = maxBodyBytes;
        try (InputStream in = ToolSearchServlet.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the class path beside " + ToolSearchServlet.class.getName());
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
            switch (path) {
                case SEARCH -> {
                    requireMethod(req, resp, "POST");
                    write(resp, 200, searchJson(req));
                }
                case INFO -> {
                    requireMethod(req, resp, "GET");
                    write(resp, 200, Json.MAPPER.writeValueAsBytes(info()));
                }
                case OPENAPI -> {
                    requireMethod(req, resp, "GET");
                    write(resp, 200, openApi);
                }
                default -> throw new ApiError(404, "no resource at " + path + "; the API has POST " + SEARCH + ", GET " + INFO
                        + " and GET " + OPENAPI);
            }
        } catch (ApiError e) {
            writeError(resp, e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            writeError(resp, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("a request to {} failed", req.getRequestURI(), e);
            writeError(resp, 500, "the search failed: " + e.getMessage());
        }
    }

    private static void requireMethod(HttpServletRequest req, HttpServletResponse resp, String method) {
        if (!req.getMethod().equals(method)) {
            resp.setHeader("Allow", method);
            throw new ApiError(405, req.getMethod() + " is not allowed on " + req.getServletPath() + "; use " + method);
        }
    }

    private byte[] searchJson(HttpServletRequest req) throws IOException {
        ToolSearchRequest request = parse(req);
        ToolSearchResponse response = search.search(request);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("query", response.query());
        root.put("rewrite", response.rewrite());
        root.put("fallback", response.fallback());
        ArrayNode tools = root.putArray("tools");
        for (ServedTool t : response.tools()) {
            tools.addObject()
                    .put("rank", t.rank())
                    .put("key", t.key())
                    .put("name", t.name())
                    .put("namespace", t.namespace())
                    .put("description", t.description())
                    .<ObjectNode>set("input_schema", t.inputSchema())
                    .put("score", t.score());
        }
        root.put("took_ms", response.micros() / 1000.0);
        return Json.MAPPER.writeValueAsBytes(root);
    }

    /** The search request in the body, refused with the status and field that is wrong. */
    private ToolSearchRequest parse(HttpServletRequest req) throws IOException {
        String type = req.getContentType() == null ? "" : req.getContentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals(JsonErrorHandler.JSON)) {
            throw new ApiError(415, "send the search as JSON with Content-Type: application/json"
                    + (type.isEmpty() ? " (the request has no Content-Type)" : ", not " + type));
        }
        if (req.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body = req.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        JsonNode root;
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            root = Json.MAPPER.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw new ApiError(400, "the request body holds more than one JSON value; send one object");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ApiError(400, "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + SOURCE.matcher(e.getOriginalMessage()).replaceAll("["));
        }
        if (root == null || root.isMissingNode()) {
            throw new ApiError(400, "the request body is empty; send {\"query\": \"...\", \"k\": 5}");
        }
        if (!root.isObject()) {
            throw new ApiError(400, "the request body must be a JSON object such as {\"query\": \"...\", \"k\": 5}, not " + kind(root));
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!REQUEST_FIELDS.contains(field.getKey())) {
                throw new ApiError(400, "unknown field '" + field.getKey() + "'; a search has query, k and namespace");
            }
        }
        JsonNode query = root.get("query");
        if (query == null || query.isNull()) {
            throw new ApiError(400, "missing field 'query': what the tool should do, in words");
        }
        if (!query.isTextual()) {
            throw new ApiError(400, "field 'query' must be a string, not " + kind(query));
        }
        JsonNode k = root.get("k");
        int top = ToolSearchRequest.DEFAULT_K;
        if (k != null && !k.isNull()) {
            if (!k.isIntegralNumber() || !k.canConvertToInt()) {
                throw new ApiError(400, "field 'k' must be an integer between 1 and " + ToolSearchRequest.MAX_K + ", not " + k);
            }
            top = k.intValue();
        }
        JsonNode namespace = root.get("namespace");
        if (namespace != null && !namespace.isNull() && !namespace.isTextual()) {
            throw new ApiError(400, "field 'namespace' must be a string or null, not " + kind(namespace));
        }
        // the request's own checks (blank query, k out of range) give the same messages as the MCP front end's
        return new ToolSearchRequest(query.asText(), top, namespace == null || namespace.isNull() ? null : namespace.asText());
    }

    private ApiError tooLarge() {
        return new ApiError(413, "the request body is larger than " + maxBodyBytes + " bytes");
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private ObjectNode info() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("service", search.describe());
        root.put("catalog", search.catalog().name());
        root.put("tools", search.toolCount());
        ObjectNode namespaces = root.putObject("namespaces");
        search.namespaces().forEach(namespaces::put);
        ServeConfig config = search.config();
        root.set("retriever", Json.MAPPER.valueToTree(config.retriever()));
        if (config.alignRun() == null) {
            root.putNull("rewriter");
        } else {
            ObjectNode rewriter = root.putObject("rewriter").put("align_run", config.alignRun()).put("use", config.rewriteUse().name());
            if (config.latencyBudget() == null) {
                rewriter.putNull("latency_budget_ms");
            } else {
                rewriter.put("latency_budget_ms", config.latencyBudget().toMillis());
            }
        }
        root.put("query_log", search.logsQueries());
        ServeStats s = search.stats();
        root.putObject("stats")
                .put("requests", s.requests())
                .put("errors", s.errors())
                .put("fallbacks", s.fallbacks())
                .put("requests_per_second", s.requestsPerSecond())
                .put("p50_ms", s.p50Millis())
                .put("p90_ms", s.p90Millis())
                .put("p99_ms", s.p99Millis());
        return root;
    }

    private static void write(HttpServletResponse resp, int status, byte[] body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(JsonErrorHandler.JSON);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static void writeError(HttpServletResponse resp, int status, String message) throws IOException {
        write(resp, status, ApiError.json(status, message).getBytes(StandardCharsets.UTF_8));
    }
}
