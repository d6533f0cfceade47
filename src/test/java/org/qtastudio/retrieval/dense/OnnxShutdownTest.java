package org.qtastudio.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 5: ONNX Runtime frees its environment in a shutdown hook, and a session that logged an error after
 * that crashed the JVM with SIGSEGV in {@code OrtSession.run}. The command line keeps the JVM open after Ctrl-C until
 * the work has stopped, so an embedding can fail in that window; it must fail as an exception, not a crash.
 */
class OnnxShutdownTest {

    @TempDir
    Path dir;

    @Test
    void aSessionThatFailsWhileTheJvmShutsDownThrowsInsteadOfCrashing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:ErrorFile=" + dir.resolve("hs_err.log"),
                "-cp", System.getProperty("java.class.path"), EmbedWhileShuttingDown.class.getName())
                .redirectErrorStream(true).start();
        String out;
        try (InputStream in = child.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, child.exitValue(), "the JVM exits as System.exit(0) asked, without a crash:\n" + out);
        assertTrue(Files.notExists(dir.resolve("hs_err.log")), "no JVM crash log:\n" + out);
        assertTrue(out.contains("refused: Error code - ORT_RUNTIME_EXCEPTION"), "the failure arrives as an exception:\n" + out);
    }
}
