package org.qtastudio.lm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU detection from nvidia-smi and /proc (faked), and the engine choice made from it before DJL loads. */
class EngineSelectionTest {

    private static final GpuDetector.Detection NONE = new GpuDetector.Detection(List.of(), null, null,
            "nvidia-smi: not found; no /proc/driver/nvidia");

    private static GpuDetector.Detection gpu(String cuda) {
        return new GpuDetector.Detection(List.of(new GpuDetector.Gpu("NVIDIA H100 80GB HBM3", 81559)), "570.86.15", cuda,
                "nvidia-smi");
    }

    @Test
    void readsNvidiaSmi(@TempDir Path dir) throws IOException {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/sh
                if [ "$1" = "--query-gpu=name,memory.total,driver_version" ]; then
                  echo "NVIDIA H100 80GB HBM3, 81559, 570.86.15"
                  echo "NVIDIA H100 80GB HBM3, 81559, 570.86.15"
                else
                  echo "| NVIDIA-SMI 570.86.15    Driver Version: 570.86.15    CUDA Version: 12.8 |"
                fi
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        GpuDetector.Detection d = new GpuDetector(smi.toString(), dir.resolve("none")).detect();
        assertEquals(2, d.gpus().size());
        assertEquals("NVIDIA H100 80GB HBM3", d.gpus().get(0).name());
        assertEquals(81559, d.gpus().get(0).memoryMiB());
        assertEquals("570.86.15", d.driverVersion());
        assertEquals("12.8", d.cudaVersion());
        assertEquals(128, d.cudaNumber());
        assertTrue(d.describe().contains("GPU 1: NVIDIA H100 80GB HBM3, 79.6 GiB — driver 570.86.15, supports CUDA up to 12.8"),
                d.describe());
    }

    @Test
    void fallsBackToProcAndSaysWhyNothingWasFound(@TempDir Path dir) throws IOException {
        Path proc = dir.resolve("nvidia");
        Files.createDirectories(proc.resolve("gpus/0000:01:00.0"));
        Files.writeString(proc.resolve("version"), "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 "
                + "01:44:30 UTC 2024\nGCC version:  gcc version 12.2.0\n");
        Files.writeString(proc.resolve("gpus/0000:01:00.0/information"), "Model: \t\t NVIDIA A10G\nIRQ: \t\t 35\n");
        GpuDetector.Detection d = new GpuDetector(dir.resolve("no-such-smi").toString(), proc).detect();
        assertEquals(List.of(new GpuDetector.Gpu("NVIDIA A10G", -1)), d.gpus());
        assertEquals("550.54.14", d.driverVersion());
        assertEquals("12.4", d.cudaVersion(), "from NVIDIA's minimum driver table");

        GpuDetector.Detection none = new GpuDetector(dir.resolve("no-such-smi").toString(), dir.resolve("absent")).detect();
        assertFalse(none.hasGpu());
        assertTrue(none.describe().startsWith("no NVIDIA GPU found (nvidia-smi: not found;"), none.describe());
    }

    @Test
    void choosesBeforeDjlLoads(@TempDir Path home) throws Exception {
        EngineStore store = new EngineStore(home.resolve("engines"), "http://127.0.0.1:9/none", f -> null);
        Map<String, String> env = Map.of();
        EngineSelection.Choice c = EngineSelection.decide(null, store, () -> {
            throw new AssertionError("no detection needed without an installed build");
        }, env);
        assertEquals("bundled cpu", c.build());
        assertTrue(c.reason().startsWith("no CUDA build is installed"), c.reason());
        assertTrue(EngineSelection.decide("cu128", store, () -> NONE, env).reason()
                .startsWith("QTA_ENGINE=cu128 but no cu128 build is installed"));

        // an installed build (a manifest and its one file)
        Path dir = store.dirOf("cu128");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("libtorch.so"), "x");
        Files.writeString(dir.resolve("build.json"), """
                {"torchVersion":"2.7.1","flavor":"cu128","classifier":"linux-x86_64","files":[{"name":"libtorch.so","size":1,"sha256":"2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"}]}""");
        assertNull(store.verify(store.find("cu128"), true));

        c = EngineSelection.decide("auto", store, () -> NONE, env);
        assertEquals("bundled cpu", c.build());
        assertTrue(c.reason().startsWith("a CUDA build is installed but no NVIDIA GPU found"), c.reason());

        c = EngineSelection.decide("auto", store, () -> gpu("12.8"), env);
        assertEquals("2.7.1-cu128-linux-x86_64", c.build());
        assertEquals(dir, c.libraryPath());
        assertTrue(c.cuda());

        c = EngineSelection.decide("auto", store, () -> gpu("12.4"), env);
        assertEquals("bundled cpu", c.build());
        assertTrue(c.reason().contains("supports CUDA 12.4, older than the installed cu128 build needs: update the driver"),
                c.reason());

        assertEquals("bundled cpu", EngineSelection.decide("cpu", store, () -> gpu("12.8"), env).build());
        assertEquals("2.7.1-cu128-linux-x86_64", EngineSelection.decide("cu128", store, () -> NONE, env).build());

        c = EngineSelection.decide("auto", store, () -> gpu("12.8"), Map.of("PYTORCH_LIBRARY_PATH", "/opt/torch/lib"));
        assertEquals("PYTORCH_LIBRARY_PATH", c.build());
        assertTrue(c.reason().contains("DJL loads libtorch from /opt/torch/lib"), c.reason());

        Files.writeString(dir.resolve("libtorch.so"), "damaged");
        c = EngineSelection.decide("auto", store, () -> gpu("12.8"), env);
        assertEquals("bundled cpu", c.build());
        assertTrue(c.reason().contains("is damaged (libtorch.so has 7 bytes, expected 1)"), c.reason());
    }

    @Test
    void recognisesCudaOutOfMemory() {
        RuntimeException e = new RuntimeException("forward failed", new ai.djl.engine.EngineException(
                "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.10 GiB of which "
                        + "1.20 GiB is free."));
        String m = CudaErrors.outOfMemory(e);
        assertEquals("the GPU ran out of memory (it needed 2.00 GiB more, 1.20 GiB was free). Use a smaller batch size "
                + "or a shorter maximum length, bfloat16, or a smaller model; other programs on the GPU (nvidia-smi lists "
                + "them) also take its memory", m);
        assertNull(CudaErrors.outOfMemory(new IllegalStateException("other")));
    }
}
