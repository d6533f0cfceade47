package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Json;
import org.qtastudio.serve.QueryLogStore;
import org.qtastudio.serve.ServeFixtures;
import org.qtastudio.store.Workspace;

/**
 * {@code serve http} as a user runs it: in its own JVM, answering as {@code qta-studio search} does with the same
 * retriever options, and on SIGTERM stopping cleanly, its query log stored and its workspace closed.
 */
class ServeHttpProcessTest {

    private static final Pattern ADDRESS = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void answersAsSearchDoesAndStopsCleanlyOnSigterm() throws Exception {
        Path ws = dir.resolve("w.qta");
        try (Workspace w = Workspace.open(ws)) {
            ServeFixtures.importMcpCatalog(w, dir);
        }
        List<String> retriever = List.of("--retriever", "bm25", "--analyzer", "standard", "--k1", "0.9");
        List<String> serve = new java.util.ArrayList<>(List.of("serve", "http", "-w", ws.toString(), "-c", ServeFixtures.CATALOG,
                "--port", "0", "--log-queries"));
        serve.addAll(retriever);
        Child server = Child.start(serve.toArray(String[]::new));
        server.await("stop with Ctrl-C or SIGTERM");
        Matcher address = ADDRESS.matcher(server.out());
        assertTrue(address.find(), server.out().toString());
        URI uri = URI.create(address.group(1));
        assertTrue(server.out().toString().contains("query log on: every query is stored in " + ws), server.out().toString());

        HttpClient http = HttpClient.newHttpClient();
        List<String> queries = List.of("send an email to the team", "upload an image", "list calendar events", "upload an image");
        for (String q : queries) {
            String body = Json.write(java.util.Map.of("query", q, "k", 7));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri.resolve("v1/tool-search"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            List<String> searchArgs = new java.util.ArrayList<>(List.of("search", "-w", ws.toString(), "-c", ServeFixtures.CATALOG,
                    "-k", "7", "--format", "json"));
            searchArgs.addAll(retriever);
            searchArgs.add(q);
            JsonNode searched = Json.MAPPER.readTree(Cli.ok(searchArgs.toArray(String[]::new)).out());
            JsonNode served = Json.MAPPER.readTree(answer.body());
            assertEquals(searched.get("hits").size(), served.get("tools").size());
            for (int i = 0; i < searched.get("hits").size(); i++) {
                JsonNode hit = searched.get("hits").get(i);
                JsonNode tool = served.get("tools").get(i);
                assertEquals(hit.get("rank").asInt(), tool.get("rank").asInt(), q);
                assertEquals(hit.get("key").asText(), tool.get("key").asText(), q);
                assertEquals(hit.get("score").asDouble(), tool.get("score").asDouble(), q);
            }
        }

        new ProcessBuilder("kill", "-TERM", Long.toString(server.process().pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "the server stops after SIGTERM");
        String output = server.output();
        // 143: the JVM's status after a SIGTERM whose shutdown hook ran to the end
        assertEquals(143, server.process().exitValue(), output);
        assertTrue(output.contains("stopping ...") && output.contains("stopped after 4 requests (0 errors"), output);
        assertEquals(List.of(), Cli.stackFrames(output));
        assertFalse(Files.exists(dir.resolve("w.qta-wal")), "the workspace was closed (its write-ahead log checkpointed and removed)");
        try (Workspace w = Workspace.openExisting(ws)) {
            long catalog = new CatalogStore(w).require(ServeFixtures.CATALOG).id();
            assertEquals(4, new QueryLogStore(w).count(catalog), "every answered request was logged before the process ended");
            assertEquals(3, new CatalogStore(w).queries(catalog, Split.UNLABELLED).size());
        }
    }
}
