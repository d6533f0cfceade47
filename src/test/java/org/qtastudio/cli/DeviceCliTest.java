package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qtastudio.lm.LmFixtures;
import org.qtastudio.lm.engine.GpuDetector;

/** {@code --device gpu} on a machine without a usable GPU: one line that says what was found; {@code auto} runs on. */
class DeviceCliTest {

    @Test
    void gpuWithoutAGpuIsOneClearLineAndAutoFallsBack() {
        assumeFalse(GpuDetector.system().hasGpu(), "this machine has an NVIDIA GPU");
        Path model = LmFixtures.lmModel("llama-tiny");
        CliRun.Result gpu = CliRun.run("lm", "info", "--model", model.toString(), "--device", "gpu");
        assertEquals(1, gpu.code());
        assertEquals(1, gpu.err().strip().lines().count(), gpu.err());
        assertTrue(gpu.err().startsWith("error: device gpu cannot be used: no NVIDIA GPU found ("), gpu.err());
        assertTrue(gpu.err().contains("Use --device cpu (or auto, which falls back to the CPU)"), gpu.err());
        assertFalse(gpu.err().contains("\tat "), "no stack trace without --debug");

        CliRun.Result auto = CliRun.run("lm", "info", "--model", model.toString(), "--device", "auto");
        assertEquals(0, auto.code(), auto.err());
        assertTrue(auto.out().contains("device:       cpu()"), auto.out());

        CliRun.Result device = CliRun.run("lm", "device");
        assertEquals(0, device.code(), device.err());
        assertTrue(device.out().contains("gpu:       no NVIDIA GPU found"), device.out());
        assertTrue(device.out().contains("engine:    "), device.out());
        assertTrue(device.out().contains("why:       "), device.out());
    }
}
