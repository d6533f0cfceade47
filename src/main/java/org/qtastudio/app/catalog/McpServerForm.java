package org.qtastudio.app.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.qtastudio.catalog.importers.mcp.McpClientConfig;
import org.qtastudio.catalog.importers.mcp.McpServer;

/**
 * How the import dialog reaches live MCP servers, as the CLI's {@code --mcp-stdio}, {@code --mcp-http} and
 * {@code --mcp-config} do: a command to start, a streamable-HTTP URL, or a client configuration file (every server in
 * it), each kept while the user tries another, and how long a server may take to answer.
 */
public final class McpServerForm {

    /** Which of the three ways the form's text names the servers. */
    public enum Kind {
        /** A command line that starts one server speaking MCP on its standard input and output. */
        COMMAND,
        /** The URL of one streamable-HTTP server. */
        URL,
        /** A client configuration file: every server of its {@code mcpServers} (or VS Code's {@code servers}). */
        CONFIGURATION
    }

    /** How long a server may take to answer by default, as the CLI's {@code --mcp-timeout}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.COMMAND);
    private final Map<Kind, StringProperty> texts = Map.of(Kind.COMMAND, new SimpleStringProperty(""),
            Kind.URL, new SimpleStringProperty(""), Kind.CONFIGURATION, new SimpleStringProperty(""));
    private final IntegerProperty timeoutSeconds = new SimpleIntegerProperty(DEFAULT_TIMEOUT_SECONDS);
    private final StringBinding missing = Bindings.createStringBinding(this::whatIsMissing, dependencies());

    /** The chosen way; the text of each way is kept. */
    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** The command line, URL or configuration file path typed for {@code way}. */
    public StringProperty textProperty(Kind way) {
        return texts.get(way);
    }

    public IntegerProperty timeoutSecondsProperty() {
        return timeoutSeconds;
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds.get());
    }

    /** What the form still needs before it can be listed, naming the field; empty when it is complete. */
    public StringBinding missingProperty() {
        return missing;
    }

    /** Every property the servers depend on: a change means what was listed is no longer what the form says. */
    public Observable[] dependencies() {
        return new Observable[] {kind, texts.get(Kind.COMMAND), texts.get(Kind.URL), texts.get(Kind.CONFIGURATION), timeoutSeconds};
    }

    private String whatIsMissing() {
        String text = texts.get(kind.get()).get();
        if (text.isBlank()) {
            return missing(kind.get());
        }
        return timeoutSeconds.get() > 0 ? "" : "Timeout: give the seconds a server may take to answer, more than 0.";
    }

    private static String missing(Kind kind) {
        return switch (kind) {
            case COMMAND -> "Command: give the command that starts the server, e.g. npx -y @modelcontextprotocol/server-memory.";
            case URL -> "URL: give the server's streamable-HTTP address, e.g. http://127.0.0.1:3001/mcp.";
            case CONFIGURATION -> "Configuration file: choose a Claude Desktop, Cursor or VS Code MCP configuration (Browse…).";
        };
    }

    /**
     * The servers that {@code text} names the {@code kind} way. A configuration file is read here: call it off the FX
     * thread, with the form's values read on it.
     *
     * @throws IllegalArgumentException naming the field when the text is empty or not a command line or URL
     * @throws IOException when the configuration file cannot be read; a malformed one is an
     *     {@link org.qtastudio.catalog.importers.ImportException} with its line
     */
    public static List<McpServer> servers(Kind kind, String text) throws IOException {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(missing(kind));
        }
        String value = text.strip();
        return switch (kind) {
            case COMMAND -> {
                try {
                    yield List.of(McpServer.stdio(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Command: " + e.getMessage(), e);
                }
            }
            case URL -> List.of(new McpServer(null, List.of(), Map.of(), McpServer.httpUrl(value, "URL"), Map.of()));
            case CONFIGURATION -> List.copyOf(McpClientConfig.read(Path.of(value)).values());
        };
    }
}
