package org.qtastudio.serve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.serve.ServeConfig;
import org.qtastudio.serve.ServeFixtures;
import org.qtastudio.serve.ServedTool;
import org.qtastudio.serve.ToolSearchRequest;
import org.qtastudio.serve.ToolSearchResponse;
import org.qtastudio.serve.ToolSearchService;
import org.qtastudio.store.Workspace;

/**
 * The HTTP API end to end with {@link HttpClient}: answers equal the service's, every error is the API's JSON with
 * its status, and every body matches the schema the OpenAPI document gives it.
 */
class HttpToolSearchServerTest {

    @TempDir
    static Path dir;
    static Workspace workspace;
    static ToolSearchService search;
    static HttpToolSearchServer server;
    static URI uri;
    static JsonNode openApi;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() throws Exception {
        workspace = Workspace.open(dir.resolve("http.qta"));
        ServeFixtures.importMcpCatalog(workspace, dir);
        search = ToolSearchService.open(workspace, ServeConfig.retrieverOnly(ServeFixtures.CATALOG, RetrieverSpec.Bm25.defaults()),
                Progress.NONE);
        server = new HttpToolSearchServer(search, null, 0);
        uri = server.start();
        try (InputStream in = HttpToolSearchServer.class.getResourceAsStream("openapi.json")) {
            openApi = Json.MAPPER.readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (search != null) {
            search.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body, after checking that it is JSON and matches the OpenAPI document's schema {@code name}. */
    private static JsonNode body(HttpResponse<String> response, String schemaName) throws IOException {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""), response.body());
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertMatches(body, schemaName);
        return body;
    }

    private static void assertMatches(JsonNode body, String schemaName) {
        ObjectNode wrapper = Json.MAPPER.createObjectNode().put("$ref", "#/components/schemas/" + schemaName);
        wrapper.set("components", openApi.get("components"));
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(wrapper);
        assertEquals(List.of(), schema.validate(body).stream().map(Object::toString).toList(), schemaName + ": " + body);
    }

    @Test
    void aSearchOverHttpAnswersAsTheServiceDoes() throws Exception {
        List<ToolSearchRequest> requests = List.of(new ToolSearchRequest("send an email to the team"),
                new ToolSearchRequest("upload an image to a channel", 12, null),
                new ToolSearchRequest("create a calendar event", 3, "server07"));
        for (ToolSearchRequest request : requests) {
            ObjectNode sent = Json.MAPPER.createObjectNode().put("query", request.query()).put("k", request.k()).put("namespace", request.namespace());
            JsonNode answer = body(post("v1/tool-search", "application/json; charset=utf-8", Json.write(sent)), "SearchResponse");
            ToolSearchResponse expected = search.search(request);
            assertEquals(request.query(), answer.get("query").asText());
            assertTrue(answer.get("rewrite").isNull());
            assertTrue(answer.get("fallback").isNull());
            assertTrue(answer.get("took_ms").asDouble() >= 0);
            assertEquals(expected.tools().size(), answer.get("tools").size());
            for (int i = 0; i < expected.tools().size(); i++) {
                ServedTool t = expected.tools().get(i);
                JsonNode got = answer.get("tools").get(i);
                assertEquals(t.rank(), got.get("rank").asInt());
                assertEquals(t.key(), got.get("key").asText());
                assertEquals(t.name(), got.get("name").asText());
                assertEquals(t.namespace(), got.get("namespace").asText());
                assertEquals(t.description(), got.get("description").asText());
                assertEquals(t.inputSchema(), got.get("input_schema"));
                assertEquals(t.score(), got.get("score").asDouble());
            }
        }
        JsonNode byDefault = body(post("v1/tool-search", "application/json", "{\"query\": \"read a message\"}"), "SearchResponse");
        assertEquals(ToolSearchRequest.DEFAULT_K, byDefault.get("tools").size());
    }

    @Test
    void infoSaysWhatIsServed() throws Exception {
        post("v1/tool-search", "application/json", "{\"query\": \"list files\"}");
        JsonNode info = body(send("GET", "v1/info"), "Info");
        assertEquals(search.describe(), info.get("service").asText());
        assertEquals(ServeFixtures.CATALOG, info.get("catalog").asText());
        assertEquals(ServeFixtures.SERVERS * ServeFixtures.TOOLS_PER_SERVER, info.get("tools").asInt());
        assertEquals(ServeFixtures.SERVERS, info.get("namespaces").size());
        assertEquals(ServeFixtures.TOOLS_PER_SERVER, info.get("namespaces").get("server03").asInt());
        assertEquals("bm25", info.get("retriever").get("type").asText());
        assertTrue(info.get("rewriter").isNull());
        assertFalse(info.get("query_log").asBoolean());
        assertTrue(info.get("stats").get("requests").asLong() >= 1);
    }

    @Test
    void theOpenApiDocumentParsesAndDocumentsTheSearch() throws Exception {
        HttpResponse<String> response = send("GET", "openapi.json");
        assertEquals(200, response.statusCode());
        assertEquals(openApi, Json.MAPPER.readTree(response.body()));
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body(), null, null);
        assertEquals(List.of(), parsed.getMessages());
        OpenAPI api = parsed.getOpenAPI();
        assertEquals("3.1.0", api.getOpenapi());
        Operation post = api.getPaths().get("/v1/tool-search").getPost();
        assertNotNull(post, "POST /v1/tool-search is documented");
        assertEquals("#/components/schemas/SearchRequest",
                post.getRequestBody().getContent().get("application/json").getSchema().get$ref());
        assertEquals(List.of("200", "400", "405", "413", "415", "500"), List.copyOf(post.getResponses().keySet()));
        assertNotNull(api.getPaths().get("/v1/info").getGet());
        assertEquals(List.of("query"), api.getComponents().getSchemas().get("SearchRequest").getRequired());
    }

    @ParameterizedTest(name = "{0} {1} ({2}) -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "POST | v1/tool-search | application/json | `{\"query\": \"x\"`        | 400 | malformed JSON at line 1, column 14",
        "POST | v1/tool-search | application/json | `{\"query\": 1}`          | 400 | field 'query' must be a string, not a number",
        "POST | v1/tool-search | application/json | `{\"query\": \"x\"} {}`   | 400 | more than one JSON value",
        "POST | v1/tool-search | application/json | `[]`                      | 400 | must be a JSON object",
        "POST | v1/tool-search | application/json | ``                        | 400 | the request body is empty",
        "POST | v1/tool-search | application/json | `{\"k\": 3}`              | 400 | missing field 'query'",
        "POST | v1/tool-search | application/json | `{\"query\": \" \"}`      | 400 | the query is empty",
        "POST | v1/tool-search | application/json | `{\"query\": \"x\", \"k\": 0}`   | 400 | k must be between 1 and 50, got 0",
        "POST | v1/tool-search | application/json | `{\"query\": \"x\", \"k\": 51}`  | 400 | k must be between 1 and 50, got 51",
        "POST | v1/tool-search | application/json | `{\"query\": \"x\", \"k\": \"5\"}` | 400 | field 'k' must be an integer",
        "POST | v1/tool-search | application/json | `{\"query\": \"x\", \"k\": 2.5}` | 400 | field 'k' must be an integer",
        "POST | v1/tool-search | application/json | `{\"query\": \"x\", \"top_k\": 3}` | 400 | unknown field 'top_k'",
        "POST | v1/tool-search | application/json | `{\"query\": \"x\", \"namespace\": \"nope\"}` | 400 | unknown namespace 'nope'",
        "POST | v1/tool-search | application/json | `{\"query\": \"x\", \"namespace\": 3}` | 400 | field 'namespace' must be a string or null",
        "POST | v1/tool-search | text/plain       | `{\"query\": \"x\"}`      | 415 | not text/plain",
        "POST | v1/tool-search |                  | `{\"query\": \"x\"}`      | 415 | Content-Type: application/json",
        "POST | v1/tools        | application/json | `{\"query\": \"x\"}`      | 404 | no resource at /v1/tools",
        "POST | v1/info         | application/json | `{}`                      | 405 | POST is not allowed on /v1/info; use GET",
    })
    void badRequestsGetTheirStatusAndAJsonError(String method, String path, String contentType, String body, int status,
                                                 String message) throws Exception {
        HttpResponse<String> response = post(path, contentType, body == null ? "" : body);
        assertError(response, status, message);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = body(response, "Error").get("error");
        assertEquals(status, error.get("status").asInt());
        assertTrue(error.get("message").asText().contains(message), error.get("message").asText());
    }

    @Test
    void wrongMethodsAndUnknownPathsAreJsonWhateverIsAccepted() throws Exception {
        HttpResponse<String> get = send("GET", "v1/tool-search");
        assertError(get, 405, "GET is not allowed on /v1/tool-search; use POST");
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertError(send("DELETE", "openapi.json"), 405, "use GET");
        assertError(send("GET", "index.html"), 404, "no resource at /index.html");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String large = "{\"query\": \"" + "a".repeat(HttpToolSearchServer.MAX_BODY_BYTES) + "\"}";
        assertError(post("v1/tool-search", "application/json", large), 413, "larger than 65536 bytes");
        // sent in chunks, without a length the server could refuse up front
        HttpRequest chunked = HttpRequest.newBuilder(uri.resolve("v1/tool-search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8))))
                .build();
        assertError(HTTP.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "larger than 65536 bytes");
    }

    @Test
    void requestsJettyRefusesItselfAreJsonToo() throws Exception {
        String badPath = raw("GET /% HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
        assertTrue(badPath.startsWith("HTTP/1.1 400 "), badPath);
        assertJsonError(badPath, 400);
        String hugeHeader = raw("GET /v1/info HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(hugeHeader.startsWith("HTTP/1.1 431 "), hugeHeader);
        assertJsonError(hugeHeader, 431);
    }

    private static void assertJsonError(String rawResponse, int status) throws IOException {
        String head = rawResponse.substring(0, rawResponse.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertTrue(head.contains("content-type: application/json"), rawResponse);
        JsonNode body = Json.MAPPER.readTree(rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4));
        assertMatches(body, "Error");
        assertEquals(status, body.get("error").get("status").asInt());
    }

    /** A request written byte for byte, for what {@link HttpClient} refuses to send; the whole response as text. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void listensOnTheLoopbackAndStopsWhenClosed() throws Exception {
        assertEquals(HttpToolSearchServer.DEFAULT_HOST, uri.getHost());
        assertTrue(uri.getPort() > 0, "port 0 picked a free port: " + uri);
        HttpToolSearchServer sameport = new HttpToolSearchServer(search, null, uri.getPort());
        UncheckedIOException busy = assertThrows(UncheckedIOException.class, sameport::start);
        assertTrue(busy.getMessage().startsWith("cannot listen on 127.0.0.1:" + uri.getPort()), busy.getMessage());
        assertTrue(busy.getMessage().endsWith("choose another --port, or 0 for any free one"), busy.getMessage());

        HttpToolSearchServer other = new HttpToolSearchServer(search, "127.0.0.1", 0);
        URI at = other.start();
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(at.resolve("v1/info")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        other.close();
        other.close();
        assertThrows(ConnectException.class, () -> HTTP.send(HttpRequest.newBuilder(at.resolve("v1/info")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }
}
