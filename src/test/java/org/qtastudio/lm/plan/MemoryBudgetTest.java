package org.qtastudio.lm.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Which memory a run is planned against, by device (on a GPU machine the GPU path is checked by `bench gpu`). */
class MemoryBudgetTest {

    @Test
    void theCpuIsPlannedAgainstTheHostsAvailableMemory() {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/proc/meminfo")), "no /proc/meminfo");
        MemoryBudget cpu = MemoryBudget.forDevice("cpu");
        assertNotNull(cpu);
        assertTrue(cpu.source().startsWith("MemAvailable "), cpu.source());
        assertTrue(cpu.freeBytes() > 0);
    }

    @Test
    void aGpuWithoutACudaRuntimeHasNoBudgetAndAutoFallsBackToTheHost() {
        Assumptions.assumeFalse(CudaUtils.hasCuda(), "this machine has CUDA");
        assertNull(MemoryBudget.forDevice("gpu"), "unknown, so that the run itself says why there is no GPU");
        assertNull(MemoryBudget.forDevice("gpu:1"));
        if (Files.isRegularFile(Path.of("/proc/meminfo"))) {
            MemoryBudget auto = MemoryBudget.forDevice("auto");
            assertTrue(auto.source().startsWith("MemAvailable "), "auto runs on the CPU here: " + auto.source());
        }
    }

    @Test
    void aGpuIsPlannedAgainstItsFreeMemory() {
        Assumptions.assumeTrue(CudaUtils.hasCuda() && CudaUtils.getGpuCount() > 0, "no CUDA GPU");
        MemoryBudget gpu = MemoryBudget.forDevice("gpu");
        assertNotNull(gpu);
        assertEquals("GPU 0 free memory", gpu.source());
        assertTrue(gpu.freeBytes() > 0 && gpu.freeBytes() <= CudaUtils.getGpuMemory(ai.djl.Device.gpu(0)).getMax());
    }
}
