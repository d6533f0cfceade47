package org.qtastudio.app.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.qtastudio.align.AlignStore;
import org.qtastudio.app.baselines.RetrieverSettings;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.serve.ServeConfig;
import org.qtastudio.serve.http.HttpToolSearchServer;

/**
 * The Serve screen's settings as JavaFX properties: what to serve (the retriever form of the Baselines screen, an
 * optional aligned rewriter, the query log) and how (JSON API, MCP, host, ports). Kept as typed and turned into a
 * {@link ServePlan} at Start, or an {@link IllegalArgumentException} that names the field to fix.
 */
public final class ServeForm {

    /** The JSON API's port unless the user types another: the command line's {@code serve http} default. */
    public static final int DEFAULT_JSON_API_PORT = 8765;
    /** The MCP endpoint's port unless the user types another: the next one, so both can be served at once. */
    public static final int DEFAULT_MCP_PORT = 8766;

    private final RetrieverSettings retriever = new RetrieverSettings();
    private final ObjectProperty<AlignStore.AlignRun> alignRun = new SimpleObjectProperty<>();
    private final ObjectProperty<ServeConfig.RewriteUse> rewriteUse = new SimpleObjectProperty<>(ServeConfig.RewriteUse.rewrite);
    private final StringProperty latencyBudget = new SimpleStringProperty("");
    private final BooleanProperty logQueries = new SimpleBooleanProperty(false);
    private final BooleanProperty jsonApi = new SimpleBooleanProperty(true);
    private final StringProperty jsonApiPort = new SimpleStringProperty(String.valueOf(DEFAULT_JSON_API_PORT));
    private final BooleanProperty mcp = new SimpleBooleanProperty(true);
    private final StringProperty mcpPort = new SimpleStringProperty(String.valueOf(DEFAULT_MCP_PORT));
    private final StringProperty host = new SimpleStringProperty(HttpToolSearchServer.DEFAULT_HOST);

    /** The plan these settings describe for {@code catalog}, or an {@link IllegalArgumentException} saying what to fix. */
    public ServePlan toPlan(Catalog catalog) {
        if (catalog == null) {
            throw new IllegalArgumentException("Choose a catalog to serve.");
        }
        if (!jsonApi.get() && !mcp.get()) {
            throw new IllegalArgumentException("Tick JSON API over HTTP, MCP over streamable HTTP, or both.");
        }
        Integer json = jsonApi.get() ? port("The JSON API's port", jsonApiPort.get()) : null;
        Integer mcpAt = mcp.get() ? port("The MCP port", mcpPort.get()) : null;
        if (json != null && json.equals(mcpAt) && json != 0) {
            throw new IllegalArgumentException("The JSON API and MCP need different ports, not both " + json
                    + "; or 0 for each to pick a free one.");
        }
        String listenOn = host(host.get());
        AlignStore.AlignRun run = alignRun.get();
        Duration budget = run == null ? null : latencyBudget(latencyBudget.get());
        ServeConfig config = new ServeConfig(catalog.name(), retriever.toSpec(), run == null ? null : run.id(),
                run == null ? null : rewriteUse.get(), budget, logQueries.get());
        return new ServePlan(config, listenOn, json, mcpAt);
    }

    private static int port(String name, String typed) {
        String text = typed == null ? "" : typed.strip();
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 0 (any free port) to 65535, not '" + text + "'.");
    }

    /** The host as the servers take it: stripped, an IPv6 address without its brackets. */
    static String host(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Give the host to listen on: " + HttpToolSearchServer.DEFAULT_HOST
                    + " for this machine alone.");
        }
        if (!text.matches("[A-Za-z0-9.:%_-]+")) {
            throw new IllegalArgumentException("The host must be a host name or an IP address such as "
                    + HttpToolSearchServer.DEFAULT_HOST + ", not '" + typed.strip() + "'.");
        }
        return text;
    }

    private static Duration latencyBudget(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            long millis = Long.parseLong(text);
            if (millis >= 1) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("The latency budget must be a whole number of milliseconds of at least 1, not '"
                + text + "'; leave it empty to always wait for the rewrite.");
    }

    /**
     * What listening on {@code typed} exposes, in a sentence; empty for this machine's loopback addresses. The servers
     * have no authentication, so any other address lets whoever reaches it search the catalog. Looks at the text only:
     * no name is resolved.
     */
    public static String hostWarning(String typed) {
        String h = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty() || h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return "";
        }
        String who = h.equals("0.0.0.0") || h.equals("::") ? "anyone on a network this machine is on"
                : "anyone who can reach " + typed.strip();
        return "Not this machine alone: " + who + " can search the catalog, and the servers have no authentication. Keep "
                + HttpToolSearchServer.DEFAULT_HOST + " unless a firewall or a proxy in front guards the port.";
    }

    /** Every property of the form, the retriever's included: what the screen re-checks the settings on. */
    public List<Observable> inputs() {
        List<Observable> all = new ArrayList<>(retriever.inputs());
        all.addAll(List.of(alignRun, rewriteUse, latencyBudget, logQueries, jsonApi, jsonApiPort, mcp, mcpPort, host));
        return all;
    }

    /** The retriever to serve, as the Baselines screen configures one. */
    public RetrieverSettings retriever() {
        return retriever;
    }

    /** The completed alignment run whose rewriter rewrites each query first, or null for the retriever alone. */
    public ObjectProperty<AlignStore.AlignRun> alignRunProperty() {
        return alignRun;
    }

    public ObjectProperty<ServeConfig.RewriteUse> rewriteUseProperty() {
        return rewriteUse;
    }

    /** Milliseconds a request waits for the rewrite, as typed; empty waits always. */
    public StringProperty latencyBudgetProperty() {
        return latencyBudget;
    }

    /** Whether served queries are stored in the workspace; off unless the user turns it on. */
    public BooleanProperty logQueriesProperty() {
        return logQueries;
    }

    public BooleanProperty jsonApiProperty() {
        return jsonApi;
    }

    public StringProperty jsonApiPortProperty() {
        return jsonApiPort;
    }

    public BooleanProperty mcpProperty() {
        return mcp;
    }

    public StringProperty mcpPortProperty() {
        return mcpPort;
    }

    public StringProperty hostProperty() {
        return host;
    }
}
