package org.qtastudio.catalog.importers.mcp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How to reach one MCP server: a command that starts it and speaks JSON-RPC on its standard input and output
 * (stdio), or the URL of a streamable-HTTP endpoint; given on the command line or by a client configuration.
 *
 * @param key the server's key in a client configuration, or null for a server given on the command line
 * @param command stdio: the program and its arguments; empty for HTTP
 * @param env stdio: variables set for the server on top of the inherited environment
 * @param url HTTP: the endpoint; null for stdio
 * @param headers HTTP: headers sent with every request (e.g. {@code Authorization})
 */
public record McpServer(String key, List<String> command, Map<String, String> env, URI url, Map<String, String> headers) {

    /** Words a shell would leave as they are; any other word is quoted when the command line is shown. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public McpServer {
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (command.isEmpty() == (url == null)) {
            throw new IllegalArgumentException("an MCP server is either a command (stdio) or a URL (HTTP)");
        }
    }

    /**
     * A server started by {@code commandLine}, split into words as a shell would (quotes and backslashes; no
     * variables, globs or pipes: {@code sh -c '...'} gives those).
     */
    public static McpServer stdio(String commandLine) {
        List<String> words = words(commandLine);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("--mcp-stdio needs the command that starts the server, e.g."
                    + " --mcp-stdio \"npx -y @modelcontextprotocol/server-memory\"");
        }
        return new McpServer(null, words, Map.of(), null, Map.of());
    }

    /** A streamable-HTTP server at {@code url} (http or https). */
    public static McpServer http(String url) {
        return new McpServer(null, List.of(), Map.of(), httpUrl(url, "--mcp-http"), Map.of());
    }

    /** {@code url} as an http(s) URI, or an error that names {@code what} gave it. */
    public static URI httpUrl(String url, String what) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with what a valid one looks like
        }
        throw new IllegalArgumentException(what + ": '" + url + "' is not an http(s) URL, e.g. http://127.0.0.1:3001/mcp");
    }

    public boolean isStdio() {
        return url == null;
    }

    /**
     * The command line (quoted where a word needs it) or the URL: what import history records as the source. The
     * environment and headers are left out, as they often hold secrets.
     */
    public String origin() {
        if (!isStdio()) {
            return url.toString();
        }
        return command.stream().map(w -> PLAIN_WORD.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

    /** How messages name the server: its configuration key where it has one, and its command line or URL. */
    public String label() {
        String where = isStdio() ? "`" + origin() + "`" : "at " + origin();
        return "MCP server " + (key == null ? where : "'" + key + "' " + (isStdio() ? "(" + where + ")" : where));
    }

    /** Splits a command line into words: whitespace separates, '...' and "..." quote, a backslash escapes one character. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length() && "\"\\".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the command line " + line + " has an unclosed " + quote);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
