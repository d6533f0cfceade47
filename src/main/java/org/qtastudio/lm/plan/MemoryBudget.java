package org.qtastudio.lm.plan;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qtastudio.lm.engine.DeviceChoice;

/**
 * How much memory a run may plan with. On the CPU: {@code MemAvailable} from {@code /proc/meminfo} plus this
 * process's own resident set (the plan counts the process's baseline itself). On a GPU the caller passes the
 * device's free memory (e.g. from {@code torch.cuda.mem_get_info} or NVML), since this JVM cannot ask CUDA
 * before the engine is loaded.
 *
 * @param freeBytes memory the run may take, before {@link MemoryPlan#USABLE_FRACTION}
 * @param source where the figure came from, for messages
 */
public record MemoryBudget(long freeBytes, String source) {

    /** The host's available memory, or null where /proc/meminfo is absent (not Linux). */
    public static MemoryBudget host() {
        long avail = procField(Path.of("/proc/meminfo"), "MemAvailable:");
        if (avail < 0) {
            return null;
        }
        long own = Math.max(0, procField(Path.of("/proc/self/status"), "VmRSS:"));
        return new MemoryBudget(avail + own, "MemAvailable " + mib(avail) + " + this process " + mib(own));
    }

    /** A GPU's free memory as reported by its driver. */
    public static MemoryBudget device(long freeDeviceBytes, String device) {
        return new MemoryBudget(freeDeviceBytes, device + " free memory");
    }

    /**
     * The memory a run on {@code device} ({@code cpu}, {@code auto}, {@code gpu}, {@code gpu:N}) is planned against:
     * where {@link DeviceChoice} puts the run on a GPU, that GPU's free memory as its CUDA driver reports it, else the
     * host's; null when the GPU setting cannot be used or its memory cannot be read (the run itself then says why).
     */
    public static MemoryBudget forDevice(String device) {
        if (device.equalsIgnoreCase("cpu")) {
            return host();
        }
        try {
            Device d = DeviceChoice.resolve(device);
            if (!d.isGpu()) {
                return host();
            }
            MemoryUsage m = CudaUtils.getGpuMemory(d);
            return device(m.getMax() - m.getUsed(), "GPU " + d.getDeviceId());
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** A limit set by the user ({@code --memory-limit}). */
    public static MemoryBudget limit(long bytes) {
        return new MemoryBudget(bytes, "--memory-limit");
    }

    /** What a plan may use: {@link MemoryPlan#USABLE_FRACTION} of the free memory. */
    public long usableBytes() {
        return (long) (freeBytes * MemoryPlan.USABLE_FRACTION);
    }

    /** Parses sizes like {@code 8G}, {@code 512M}, {@code 2.5GiB} or a number of bytes. */
    public static long parseSize(String s) {
        String t = s.strip().toUpperCase(java.util.Locale.ROOT).replace("IB", "").replace("B", "");
        double mult = 1;
        if (t.endsWith("K")) {
            mult = 1L << 10;
        } else if (t.endsWith("M")) {
            mult = 1L << 20;
        } else if (t.endsWith("G")) {
            mult = 1L << 30;
        } else if (t.endsWith("T")) {
            mult = 1L << 40;
        }
        if (mult > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return (long) (Double.parseDouble(t) * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + s + "': use e.g. 8G, 512M or bytes");
        }
    }

    /** A field of a /proc file in kB, as bytes; -1 when absent. */
    static long procField(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,d MiB", bytes >> 20);
    }
}
