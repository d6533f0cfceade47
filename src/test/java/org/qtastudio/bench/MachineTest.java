package org.qtastudio.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void describesTheCoresHeapJavaAndLoadOfThisMachine() {
        String line = Machine.describe();
        Runtime rt = Runtime.getRuntime();
        assertTrue(line.contains(rt.availableProcessors() + " cores visible to the JVM"), line);
        assertTrue(line.contains("max heap " + rt.maxMemory() / (1 << 20) + " MiB"), line);
        assertTrue(line.contains("Java " + System.getProperty("java.version")), line);
        if (Files.isReadable(Path.of("/proc/loadavg"))) {
            assertTrue(line.matches(".*, load average at start [0-9.]+ / [0-9.]+ / [0-9.]+"), line);
        }
    }
}
