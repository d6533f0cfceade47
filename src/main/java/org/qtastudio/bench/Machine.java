package org.qtastudio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of the machine and JVM, printed beside every benchmark figure. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the CPU name stays unknown
        }
        Runtime rt = Runtime.getRuntime();
        return cpu + ", " + rt.availableProcessors() + " cores visible to the JVM, max heap " + rt.maxMemory() / (1 << 20) + " MiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + ")" + load();
    }

    /** CPU time of this process so far, all threads: unlike wall time, other work on a shared machine does not inflate it. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The 1/5/15-minute load averages: on a shared machine they say how much other work competed with the figures. */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return ", load average at start " + parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
