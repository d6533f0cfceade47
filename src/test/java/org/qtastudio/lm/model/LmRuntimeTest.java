package org.qtastudio.lm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class LmRuntimeTest {

    @Test
    void parsesDeviceAndDtypeSettings() {
        assertEquals(new LmRuntime(Device.cpu(), DataType.FLOAT32), LmRuntime.parse("cpu", "fp32"));
        assertEquals("cpu(), float32", LmRuntime.cpu().describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LmRuntime.parse("cpu", "float16"));
        assertTrue(e.getMessage().contains("only supported on a GPU"), e.getMessage());
        assertTrue(LmRuntime.cpuHasBf16(" fpu avx2 avx512f avx512_bf16 amx_tile"));
        assertTrue(LmRuntime.cpuHasBf16("fpu amx_bf16 amx_tile"));
        assertFalse(LmRuntime.cpuHasBf16(" fpu avx2 avx512f avx512_vnni"));
        assertThrows(IllegalArgumentException.class, () -> LmRuntime.parse("tpu", "float32"));
    }

    @Test
    void smallModelsRunOneIntraOpThreadOnTheCpu() {
        ModelConfig tiny = new ModelConfig(Architecture.LLAMA, 97, 32, 72, 2, 4, 2, 8, 1e-6, 10000.0, RopeScaling.NONE,
                128, false, java.util.List.of(2), null, 0);
        ModelConfig half = new ModelConfig(Architecture.QWEN2, 151669, 896, 4864, 24, 14, 2, 64, 1e-6, 10000.0,
                RopeScaling.NONE, 4096, true, java.util.List.of(2), null, 0);
        assertEquals(1, LmRuntime.intraOpThreads(tiny, Device.cpu(), 2));
        assertEquals(2, LmRuntime.intraOpThreads(tiny, Device.gpu(), 2));
        assertEquals(2, LmRuntime.intraOpThreads(half, Device.cpu(), 2));
    }
}
