package org.qtastudio.app.align;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import org.qtastudio.lm.engine.DeviceChoice;
import org.qtastudio.lm.engine.EngineSelection;

/**
 * Says which device a device setting ({@code cpu}, {@code auto}, {@code gpu}, {@code gpu:N}) means on this computer
 * and how much memory it has, so a user can judge whether a model fits before a run fails. CUDA is asked through
 * DJL's {@link CudaUtils}, which needs no PyTorch download; on a computer without CUDA it answers that none is there.
 */
final class DeviceMemory {

    private DeviceMemory() {
    }

    /** One line for people; never throws, whatever the computer has. Slow the first time (loads the CUDA runtime). */
    static String describe(String setting) {
        String d = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        if (d.equals("cpu")) {
            return cpu();
        }
        int gpus = gpuCount();
        if (d.equals("auto")) {
            return gpus > 0 ? "auto uses " + gpu(0) + engine() : "auto uses the CPU (" + whyNoGpu() + "): " + cpu();
        }
        if (!d.matches("gpu(:\\d+)?")) {
            return "Unknown device '" + setting + "': use cpu, auto, gpu or gpu:N.";
        }
        if (gpus == 0) {
            return "The GPU cannot be used: " + whyNoGpu() + ". Choose cpu or auto (Settings → GPU engine… installs the "
                    + "CUDA build).";
        }
        int index = d.equals("gpu") ? 0 : Integer.parseInt(d.substring(4));
        return index < gpus ? gpu(index) + engine() : "There is no GPU " + index + ": this computer has " + gpus + " (gpu:0 to gpu:" + (gpus - 1) + ").";
    }

    private static String cpu() {
        long physical = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            physical = os.getTotalMemorySize();
        }
        return String.format(Locale.ROOT, "CPU, %d cores, %s memory (this program's Java heap is limited to %s; model "
                        + "weights live outside it).", Runtime.getRuntime().availableProcessors(),
                physical > 0 ? gib(physical) : "unknown", gib(Runtime.getRuntime().maxMemory()));
    }

    private static String gpu(int index) {
        try {
            MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(index));
            return String.format(Locale.ROOT, "GPU %d (CUDA %s): %s free of %s.", index, CudaUtils.getCudaVersionString(),
                    gib(m.getMax() - m.getUsed()), gib(m.getMax()));
        } catch (RuntimeException | LinkageError e) {
            return "GPU " + index + ": its memory could not be read (" + e.getMessage() + ").";
        }
    }

    /** What was found (nvidia-smi, /proc) and which engine build is in use, without loading PyTorch. */
    private static String whyNoGpu() {
        try {
            return DeviceChoice.whyNoGpu(EngineSelection.current());
        } catch (RuntimeException e) {
            return "no CUDA GPU found";
        }
    }

    private static String engine() {
        return " Engine: " + EngineSelection.current().build() + ".";
    }

    private static int gpuCount() {
        if (!EngineSelection.current().cuda() && !"PYTORCH_LIBRARY_PATH".equals(EngineSelection.current().build())) {
            return 0; // the bundled CPU build is in use: whatever CUDA says, PyTorch cannot use a GPU
        }
        try {
            return CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0;
        } catch (RuntimeException | LinkageError e) {
            return 0; // no CUDA runtime, or one that does not load: the same for the user
        }
    }

    /**
     * The memory plan of a QTA run with this model and the default settings, against the host's free memory: one line
     * for people, e.g. "Memory plan (default settings): peak 5.4 GiB in training, 13.1 GiB usable." Never throws.
     */
    static String plan(java.nio.file.Path modelDir, String dtype) {
        try {
            org.qtastudio.lm.model.ModelConfig config = org.qtastudio.lm.model.ModelConfig.read(modelDir);
            org.qtastudio.lm.plan.MemoryPlan plan = new org.qtastudio.lm.plan.MemoryPlan(config,
                    org.qtastudio.align.AlignMemory.workload(org.qtastudio.align.AlignSettings.defaults(), dtype,
                            org.qtastudio.lm.plan.Workload.QUERY_TOKENS, org.qtastudio.align.AlignMemory.trainerCheckpoints(config)));
            org.qtastudio.lm.plan.MemoryPlan.Estimate peak = plan.peak();
            org.qtastudio.lm.plan.MemoryBudget budget = org.qtastudio.lm.plan.MemoryBudget.host();
            String usable = budget == null ? "free memory unknown" : gib(budget.usableBytes()) + " usable";
            String verdict = budget == null ? "" : peak.total() <= budget.usableBytes() ? " Fits."
                    : " Does not fit: smaller batch, fewer tool documents or --fit-memory (`lm plan` names the settings).";
            return String.format(Locale.ROOT, "Memory plan (default settings, %s): peak %s in %s, %s.%s", dtype,
                    gib(peak.total()), peak.phase(), usable, verdict);
        } catch (java.io.IOException | RuntimeException e) {
            return "Memory plan: not available (" + e.getMessage() + ").";
        }
    }

    /** A memory size for people: GiB, or MiB below one GiB. */
    static String gib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
