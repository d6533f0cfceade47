package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 8: SIGTERM (what Ctrl-C and a service manager send) during an import lets the import roll back and
 * say "Cancelled" before the JVM exits; the workspace is left as it was.
 */
class SignalTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void sigtermDuringImportRollsBackAndSaysCancelled() throws Exception {
        Path ws = dir.resolve("w.qta");
        Cli.ok("import", "-w", ws.toString(), "-c", "before", Cli.toolsFile(dir, 3).toString());
        Path big = Cli.toolsFile(java.nio.file.Files.createDirectory(dir.resolve("big")), 150_000);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.qtastudio.Main",
                "import", "-w", ws.toString(), "-c", "big", big.toString()).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (!signalled && line.contains("Importing")) {
                    Thread.sleep(300);
                    // SIGTERM; Process.destroy() would also close the streams this test reads
                    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
                    signalled = true;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0, out.toString());
        assertTrue(out.toString().contains("Cancelled"), "says so: " + out);
        assertEquals(0, Cli.stackFrames(out.toString()).size(), out.toString());
        String catalogs = Cli.ok("catalogs", "-w", ws.toString()).out();
        assertTrue(catalogs.contains("before") && !catalogs.contains("big"), "nothing of the cancelled import was stored: " + catalogs);
    }
}
