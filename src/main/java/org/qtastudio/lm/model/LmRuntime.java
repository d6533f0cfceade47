package org.qtastudio.lm.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import org.qtastudio.lm.engine.DeviceChoice;

/**
 * Where the model runs and in which precision: a user setting, shown by {@code lm info}. CPU runs in F32;
 * on CUDA, BF16 or F16 halve memory. Weights are always read as F32 and converted on the device.
 *
 * @param device the DJL device
 * @param dtype the compute dtype of weights and activations (softmax and norms still run in F32)
 */
public record LmRuntime(Device device, DataType dtype) {

    /** CPU, F32: the default, works everywhere with no download. */
    public static LmRuntime cpu() {
        return new LmRuntime(Device.cpu(), DataType.FLOAT32);
    }

    /**
     * Parses user settings.
     *
     * @param device {@code auto} (CUDA when the engine sees a GPU, else CPU), {@code cpu}, {@code gpu} or
     *        {@code gpu:N}
     * @param dtype {@code float32}, {@code float16} or {@code bfloat16}
     */
    public static LmRuntime parse(String device, String dtype) {
        Device d = switch (device.toLowerCase(Locale.ROOT)) {
            case "cpu" -> Device.cpu();
            default -> DeviceChoice.resolve(device); // auto falls back to the CPU and says so; gpu without one: why
        };
        DataType t = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32", "f32", "fp32" -> DataType.FLOAT32;
            case "float16", "f16", "fp16" -> DataType.FLOAT16;
            case "bfloat16", "bf16" -> DataType.BFLOAT16;
            default -> throw new IllegalArgumentException("dtype '" + dtype + "': use float32, float16 or bfloat16");
        };
        if (t != DataType.FLOAT32 && !d.isGpu()) {
            throw new IllegalArgumentException("dtype " + dtype + " is only supported on a GPU; use float32 on CPU");
        }
        return new LmRuntime(d, t);
    }

    /** For people: e.g. {@code cpu(), float32}. */
    public String describe() {
        return device + ", " + dtype.toString().toLowerCase(Locale.ROOT);
    }
}
