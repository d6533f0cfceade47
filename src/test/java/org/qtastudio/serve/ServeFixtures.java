package org.qtastudio.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * A generated MCP catalog of many servers (namespaces), imported as a user imports a {@code tools/list} directory:
 * {@value #SERVERS} servers of {@value #TOOLS_PER_SERVER} tools with words drawn from a small vocabulary, so that
 * every query matches tools of many servers; server {@code quiet} uses words of its own that no query shares.
 */
public final class ServeFixtures {

    public static final String CATALOG = "mcp-many";
    public static final int SERVERS = 25;
    public static final int TOOLS_PER_SERVER = 12;
    public static final String QUIET = "quiet";
    public static final List<String> WORDS = List.of("issue", "repository", "file", "search", "web", "weather", "city",
            "calendar", "event", "email", "send", "read", "list", "create", "delete", "update", "user", "message", "channel",
            "image", "upload", "download", "page", "note", "task");

    private ServeFixtures() {
    }

    /** Writes the catalog's {@code tools/list} directory into {@code dir} and imports it into {@code w}. */
    public static void importMcpCatalog(Workspace w, Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        ArrayNode servers = Json.MAPPER.createArrayNode();
        for (int s = 0; s < SERVERS; s++) {
            boolean quiet = s == SERVERS - 1;
            ObjectNode server = servers.addObject().put("name", quiet ? QUIET : String.format("server%02d", s));
            ArrayNode tools = server.putArray("tools");
            for (int t = 0; t < TOOLS_PER_SERVER; t++) {
                StringBuilder description = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    description.append(quiet ? "hush" + random.nextInt(50) : WORDS.get(random.nextInt(WORDS.size()))).append(' ');
                }
                ObjectNode tool = tools.addObject().put("name", "tool" + t).put("title", "Tool " + t + " of server " + s)
                        .put("description", description.toString().strip());
                ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
                schema.putObject("properties").putObject("arg" + t).put("type", "string").put("description", "argument " + t);
                schema.putArray("required").add("arg" + t);
            }
        }
        Path file = dir.resolve("mcp-many.json");
        Files.writeString(file, Json.write(servers));
        new ImportService(w).importSource(ImportSource.of(file), "mcp", CATALOG, Progress.NONE);
    }
}
