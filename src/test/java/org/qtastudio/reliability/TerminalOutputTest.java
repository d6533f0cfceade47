package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.QtaCommand;

/** Issue 13 item 16: data carrying terminal control sequences reaches the terminal as visible text, not as commands. */
class TerminalOutputTest {

    @TempDir
    Path dir;

    private String main(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            QtaCommand.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void toolNamesCannotSetTheTitleOrClearTheScreen() throws Exception {
        String hostile = "evil\u001b]0;pwned\u0007\u001b[2J\u0008\u0000name";
        Path file = dir.resolve("tools.json");
        Files.writeString(file, "[{\"type\":\"function\",\"function\":{\"name\":\"" + hostile.replace("\u001b", "\\u001b")
                .replace("\u0007", "\\u0007").replace("\u0008", "\\b").replace("\u0000", "\\u0000")
                + "\",\"description\":\"clears \\u001b[2J your screen\",\"parameters\":{}}}]");
        Path ws = dir.resolve("w.qta");
        String all = main("import", "-w", ws.toString(), "-c", "c", file.toString());
        for (List<String> command : List.of(List.of("tools", "-c", "c"), List.of("tools", "-c", "c", "--search", "clears"),
                List.of("catalogs"), List.of("tools", "-c", "c", "--show", hostile), List.of("tools", "-c", "nope\u001b[2J"))) {
            String[] args = new java.util.ArrayList<>(command) {{
                add("-w");
                add(ws.toString());
            }}.toArray(String[]::new);
            all += main(args);
        }
        assertTrue(all.contains("evil"), all);
        for (char c : new char[] {'\u001b', '\u0007', '\u0008', '\u0000'}) {
            assertFalse(all.indexOf(c) >= 0, "control character U+" + Integer.toHexString(c) + " reached the terminal:\n" + all);
        }
        assertTrue(all.contains("\\u001b"), "shown as a visible escape: " + all);
    }

    @Test
    void theFilterLeavesOrdinaryTextAlone() {
        String text = main("--version");
        assertEquals(-1, text.indexOf('\u001b'));
        assertTrue(text.contains("QTA Studio"), text);
    }
}
