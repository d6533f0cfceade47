package org.qtastudio.lm.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds NVIDIA GPUs without loading PyTorch or CUDA into this process: asks {@code nvidia-smi} (a separate process,
 * killed after a few seconds) and, when it is missing or fails, reads {@code /proc/driver/nvidia}. The CUDA version a
 * driver supports comes from {@code nvidia-smi}'s header ("CUDA Version: 12.8"); without it the driver version is
 * mapped to the highest CUDA it supports by NVIDIA's published minimum driver versions.
 */
public final class GpuDetector {

    /** One GPU: its name and memory in MiB (-1 when unknown). */
    public record Gpu(String name, long memoryMiB) {
    }

    /**
     * What was found.
     *
     * @param gpus the GPUs (empty when none or no driver)
     * @param driverVersion the NVIDIA driver version, or null when no driver was found
     * @param cudaVersion the highest CUDA version the driver supports ("12.8"), or null when unknown
     * @param source how it was found ({@code nvidia-smi}, {@code /proc/driver/nvidia}) or why nothing was
     */
    public record Detection(List<Gpu> gpus, String driverVersion, String cudaVersion, String source) {

        public boolean hasGpu() {
            return !gpus.isEmpty();
        }

        /** The CUDA major*100+minor*10 (12.8 → 128), or -1. */
        public int cudaNumber() {
            if (cudaVersion == null) {
                return -1;
            }
            Matcher m = Pattern.compile("(\\d+)\\.(\\d)").matcher(cudaVersion);
            return m.lookingAt() ? Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2)) : -1;
        }

        /** One line for people. */
        public String describe() {
            if (!hasGpu()) {
                return driverVersion == null ? "no NVIDIA GPU found (" + source + ")"
                        : "NVIDIA driver " + driverVersion + " but no GPU listed (" + source + ")";
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < gpus.size(); i++) {
                Gpu g = gpus.get(i);
                b.append(i > 0 ? "; " : "").append("GPU ").append(i).append(": ").append(g.name());
                if (g.memoryMiB() > 0) {
                    b.append(String.format(Locale.ROOT, ", %.1f GiB", g.memoryMiB() / 1024.0));
                }
            }
            b.append(" — driver ").append(driverVersion == null ? "unknown" : driverVersion).append(", supports CUDA ")
                    .append(cudaVersion == null ? "unknown" : "up to " + cudaVersion).append(" (").append(source).append(')');
            return b.toString();
        }
    }

    private static volatile Detection cached;

    private final String nvidiaSmi;
    private final Path procRoot;

    /** Detects through {@code nvidia-smi} on the PATH and {@code /proc/driver/nvidia}. */
    public GpuDetector() {
        this("nvidia-smi", Path.of("/proc/driver/nvidia"));
    }

    /** For tests: another {@code nvidia-smi} command and another {@code /proc/driver/nvidia} folder. */
    public GpuDetector(String nvidiaSmi, Path procRoot) {
        this.nvidiaSmi = nvidiaSmi;
        this.procRoot = procRoot;
    }

    /** The detection of this computer, made once per process (a few hundred ms when a driver is present). */
    public static Detection system() {
        Detection d = cached;
        if (d == null) {
            d = new GpuDetector().detect();
            cached = d;
        }
        return d;
    }

    /** Detects now; never throws. */
    public Detection detect() {
        String why;
        try {
            List<String> rows = run(nvidiaSmi, "--query-gpu=name,memory.total,driver_version",
                    "--format=csv,noheader,nounits");
            List<Gpu> gpus = new ArrayList<>();
            String driver = null;
            for (String row : rows) {
                String[] f = row.split(",");
                if (f.length >= 3) {
                    gpus.add(new Gpu(f[0].strip(), parseLong(f[1].strip())));
                    driver = f[2].strip();
                }
            }
            String cuda = null;
            for (String line : run(nvidiaSmi)) {
                Matcher m = Pattern.compile("CUDA Version:\\s*(\\d+\\.\\d+)").matcher(line);
                if (m.find()) {
                    cuda = m.group(1);
                    break;
                }
            }
            if (cuda == null) {
                cuda = cudaForDriver(driver);
            }
            return new Detection(List.copyOf(gpus), driver, cuda, "nvidia-smi");
        } catch (IOException e) {
            why = "nvidia-smi: " + e.getMessage();
        }
        return fromProc(why);
    }

    private Detection fromProc(String why) {
        Path version = procRoot.resolve("version");
        if (!Files.isRegularFile(version)) {
            return new Detection(List.of(), null, null, why + "; no " + procRoot);
        }
        String driver = null;
        try {
            Matcher m = Pattern.compile("Kernel Module\\s+(?:for \\S+\\s+)?(\\d+\\.\\d+(?:\\.\\d+)?)")
                    .matcher(Files.readString(version));
            if (m.find()) {
                driver = m.group(1);
            }
        } catch (IOException e) {
            return new Detection(List.of(), null, null, why + "; " + version + ": " + e.getMessage());
        }
        List<Gpu> gpus = new ArrayList<>();
        Path dir = procRoot.resolve("gpus");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path gpu : s.sorted().toList()) {
                    Path info = gpu.resolve("information");
                    String name = "NVIDIA GPU";
                    if (Files.isRegularFile(info)) {
                        Matcher m = Pattern.compile("Model:\\s*(.+)").matcher(Files.readString(info));
                        if (m.find()) {
                            name = m.group(1).strip();
                        }
                    }
                    gpus.add(new Gpu(name, -1));
                }
            } catch (IOException e) {
                // keep what was read
            }
        }
        return new Detection(List.copyOf(gpus), driver, cudaForDriver(driver), procRoot.toString());
    }

    /**
     * The highest CUDA a Linux driver supports, from NVIDIA's CUDA toolkit release notes (table "CUDA Toolkit and
     * Minimum Required Driver Version"): 12.8 needs 570.26, 12.6 needs 560.28, 12.4 needs 550.54, 12.1 needs 530.30,
     * 11.8 needs 520.61. Null when unknown.
     */
    static String cudaForDriver(String driver) {
        if (driver == null) {
            return null;
        }
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(driver);
        if (!m.lookingAt()) {
            return null;
        }
        double v = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) / 1000.0;
        if (v >= 575.051) {
            return "12.9";
        }
        if (v >= 570.026) {
            return "12.8";
        }
        if (v >= 560.028) {
            return "12.6";
        }
        if (v >= 550.054) {
            return "12.4";
        }
        if (v >= 530.030) {
            return "12.1";
        }
        if (v >= 520.061) {
            return "11.8";
        }
        return "older than 11.8";
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> run(String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("not found", e);
        }
        try (InputStream in = p.getInputStream()) {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("gave no answer within 10 s");
            }
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String first = out.strip().lines().findFirst().orElse("");
                throw new IOException("exit " + p.exitValue() + (first.isEmpty() ? "" : ": " + first));
            }
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
