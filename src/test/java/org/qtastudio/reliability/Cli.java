package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.qtastudio.cli.CliRun;

/** Runs the CLI in this JVM with its output captured, and builds the small workspaces the reliability tests attack. */
final class Cli {

    /** A line that looks like a frame of a Java stack trace, or the header of one. */
    static final Pattern STACK_FRAME = Pattern.compile(
            "^\\s+at [\\w$.<>/]+\\(.*\\)\\s*$|^\\s*Caused by: |^Exception in thread |^\\s*\\.\\.\\. \\d+ more\\s*$|^[a-z][\\w.]*\\.[A-Z]\\w*(Exception|Error)(: |$)");

    private Cli() {
    }

    static CliRun.Result run(String... args) {
        return CliRun.run(args);
    }

    static CliRun.Result ok(String... args) {
        CliRun.Result r = run(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + "\n" + r.all());
        return r;
    }

    /** Writes a small OpenAI-functions catalog of {@code n} tools. */
    static Path toolsFile(Path dir, int n) throws IOException {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"type\":\"function\",\"function\":{\"name\":\"tool_").append(i)
                    .append("\",\"description\":\"Finds ").append(WORDS[i % WORDS.length]).append(" and ")
                    .append(WORDS[(i * 7 + 3) % WORDS.length]).append(" records number ").append(i)
                    .append("\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}");
        }
        sb.append(']');
        Path f = dir.resolve("tools.json");
        Files.writeString(f, sb);
        return f;
    }

    private static final String[] WORDS = {"movies", "weather", "flights", "hotels", "music", "books", "recipes",
            "stocks", "news", "sports", "maps", "trains"};

    /** A workspace with catalog {@code cat} (40 tools), six annotated test queries and one stored BM25 evaluation run. */
    static Path workspaceWithRun(Path dir) throws IOException {
        Path ws = dir.resolve("w.qta");
        ok("import", "-w", ws.toString(), "-c", "cat", toolsFile(dir, 40).toString());
        for (int i = 0; i < 6; i++) {
            ok("annotate", "-w", ws.toString(), "-c", "cat", "--text", "find " + WORDS[i] + " please " + i,
                    "--gold", "tool_" + i, "--split", "test");
        }
        ok("eval", "-w", ws.toString(), "-c", "cat", "--split", "test");
        return ws;
    }

    static List<String> stackFrames(String text) {
        List<String> bad = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (STACK_FRAME.matcher(line).find()) {
                bad.add(line);
            }
        }
        return bad;
    }
}
