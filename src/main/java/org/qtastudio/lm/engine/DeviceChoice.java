package org.qtastudio.lm.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a device setting into a DJL device, saying in one line why a GPU cannot be used: {@code gpu} without a usable
 * GPU is an error that names what was found and what to do; {@code auto} falls back to the CPU and logs why.
 */
public final class DeviceChoice {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceChoice.class);
    private static volatile boolean toldFallback;

    private DeviceChoice() {
    }

    /** {@code auto}, {@code gpu} or {@code gpu:N} (the caller handles {@code cpu}). */
    public static Device resolve(String setting) {
        String s = setting.toLowerCase(Locale.ROOT).strip();
        if (!s.equals("auto") && !s.matches("gpu(:\\d+)?")) {
            throw new IllegalArgumentException("device '" + setting + "': use auto, cpu, gpu or gpu:N");
        }
        EngineSelection.Choice choice = EngineSelection.current();
        int gpus = engineGpuCount();
        if (s.equals("auto")) {
            if (gpus > 0) {
                return Device.gpu();
            }
            if (!toldFallback) {
                toldFallback = true;
                LOG.info("device auto: running on the CPU — {}", whyNoGpu(choice));
            }
            return Device.cpu();
        }
        int index = s.equals("gpu") ? 0 : Integer.parseInt(s.substring(4));
        if (gpus == 0) {
            throw new IllegalArgumentException("device " + s + " cannot be used: " + whyNoGpu(choice)
                    + ". Use --device cpu (or auto, which falls back to the CPU)");
        }
        if (index >= gpus) {
            throw new IllegalArgumentException("device " + s + ": there is no GPU " + index + "; the engine sees " + gpus
                    + " (gpu:0 to gpu:" + (gpus - 1) + ")");
        }
        return Device.gpu(index);
    }

    /** Why the engine in use sees no GPU, and what to do about it. */
    public static String whyNoGpu(EngineSelection.Choice choice) {
        GpuDetector.Detection d = choice.detection() != null ? choice.detection() : GpuDetector.system();
        if (!d.hasGpu()) {
            return d.describe();
        }
        if (!choice.cuda()) {
            return "an NVIDIA GPU is present (" + d.gpus().get(0).name() + ") but the engine in use is the bundled CPU "
                    + "build (" + choice.reason() + "); run `qta-studio lm engine install` and start again";
        }
        return "the " + choice.build() + " build is loaded but PyTorch sees no CUDA device (" + d.describe()
                + "); check the driver with nvidia-smi";
    }

    private static int engineGpuCount() {
        try {
            return Engine.getEngine("PyTorch").getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
