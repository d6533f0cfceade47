package org.qtastudio.lm.safetensors;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The safetensors element types this project reads. Half precision is widened to F32 on the CPU side because
 * DJL 0.36 aborts the JVM when it decodes BF16 arrays itself.
 */
public enum StoredType {
    F32(4), F16(2), BF16(2);

    private final int bytes;

    StoredType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Parses a header {@code dtype}; names the supported ones when it is not one of them. */
    static StoredType parse(String dtype, String tensor, Object file) {
        for (StoredType t : values()) {
            if (t.name().equals(dtype)) {
                return t;
            }
        }
        throw new SafetensorsException(file + ": tensor '" + tensor + "' has dtype " + dtype + "; supported: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
