package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line ({@code org.qtastudio.Main}) in a child JVM, its standard output and error collected together. */
record Child(Process process, StringBuffer out) {

    static Child start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.qtastudio.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Child(p, out);
    }

    /** Waits until the child has printed {@code text}; fails if it ends first. */
    void await(String text) throws InterruptedException {
        assertTrue(awaitOrExit(text), "the child ended before printing '" + text + "':\n" + out);
    }

    /** Waits until the child has printed {@code text} (true) or has ended (false). */
    boolean awaitOrExit(String text) throws InterruptedException {
        while (!out.toString().contains(text)) {
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Everything the child printed (call after it ended). */
    String output() throws InterruptedException {
        Thread.sleep(200); // the reader thread drains what the process wrote last
        return out.toString();
    }
}
