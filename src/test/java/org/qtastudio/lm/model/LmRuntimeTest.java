package org.qtastudio.lm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                () -> LmRuntime.parse("cpu", "bfloat16"));
        assertTrue(e.getMessage().contains("only supported on a GPU"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LmRuntime.parse("tpu", "float32"));
    }
}
