package org.qtastudio.lm.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.qtastudio.lm.engine.DeviceChoice;

/**
 * Where the model runs and in which precision: a user setting, shown by {@code lm info}. CPU runs in F32, or in
 * BF16 where the CPU has bfloat16 instructions; on CUDA, BF16 or F16 halve memory. Weights are read as F32 and
 * converted one tensor at a time, so no F32 copy of the model is kept.
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
        if (t == DataType.FLOAT16 && !d.isGpu()) {
            throw new IllegalArgumentException("dtype " + dtype + " is only supported on a GPU (PyTorch has no fast "
                    + "float16 kernels for most CPUs); use float32, or bfloat16 on a CPU with bfloat16 instructions");
        }
        if (t == DataType.BFLOAT16 && !d.isGpu() && !cpuHasBf16(cpuFlags())) {
            throw new IllegalArgumentException("dtype " + dtype + " on the CPU needs bfloat16 instructions "
                    + "(avx512_bf16 or amx_bf16 in /proc/cpuinfo), which this CPU lacks: without them PyTorch "
                    + "emulates bfloat16 slower than float32; use float32");
        }
        return new LmRuntime(d, t);
    }

    /** Whether a CPU's flags name native bfloat16 arithmetic. */
    static boolean cpuHasBf16(String flags) {
        for (String f : flags.split("\\s+")) {
            if (f.equals("avx512_bf16") || f.equals("amx_bf16")) {
                return true;
            }
        }
        return false;
    }

    private static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return line.substring(line.indexOf(':') + 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            return ""; // no /proc (macOS, Windows): no bfloat16 claimed
        }
        return "";
    }

    /** {@code x} in this runtime's compute dtype (DJL cannot cast to bfloat16 by itself: see {@link Bf16Cast}). */
    public NDArray toCompute(NDArray x) {
        return cast(x, dtype, false);
    }

    /**
     * {@code x} as {@code to}; with {@code recorded}, as a step autograd follows. DJL's {@code toType} is not
     * recorded (a backward pass through it finds no graph, whatever the types). Up to F32, a recorded cast multiplies
     * by a one-element F32 array: PyTorch promotes two dimensioned operands to the wider type, and the product's
     * gradient flows back in the source's type. Down to bfloat16, it casts unrecorded and then assigns {@code x}
     * into the result by index, which PyTorch records as an in-place copy. Needed wherever a low-precision model
     * meets its F32 parts (norms, softmax, the adapter, the logits) while an adapter trains.
     */
    static NDArray cast(NDArray x, DataType to, boolean recorded) {
        DataType from = x.getDataType() == DataType.UNKNOWN ? DataType.BFLOAT16 : x.getDataType(); // DJL's name for bf16
        if (from == to) {
            return x;
        }
        if (!recorded) {
            return to == DataType.BFLOAT16 ? Bf16Cast.of(x) : x.toType(to, false);
        }
        if (to == DataType.FLOAT32) {
            try (NDArray one = x.getManager().ones(new Shape(1), DataType.FLOAT32)) {
                return x.mul(one);
            }
        }
        NDArray target = cast(x, to, false);
        target.set(new NDIndex(":"), x);
        return target;
    }

    /**
     * Below this hidden size every op of a decode step is a few microseconds of work, less than handing half of it
     * to a second OpenMP thread; and on a loaded machine that thread spins waiting for a core (llama-tiny decoded
     * 5x slower at 2 threads than at 1).
     */
    static final int SMALL_MODEL_HIDDEN_SIZE = 256;

    private static int engineThreads;

    /**
     * PyTorch's intra-op threads for a model: one for a small model on the CPU, else {@code configured} (the
     * engine's count: {@code ai.djl.pytorch.num_threads}, or PyTorch's default of one per core).
     */
    static int intraOpThreads(ModelConfig config, Device device, int configured) {
        return !device.isGpu() && config.hiddenSize() < SMALL_MODEL_HIDDEN_SIZE ? 1 : configured;
    }

    /** Sets the process's intra-op threads for the model being loaded (the last model loaded decides). */
    static synchronized void applyThreads(ModelConfig config, Device device) {
        if (engineThreads == 0) {
            Engine.getEngine("PyTorch"); // starts the engine, which applies ai.djl.pytorch.num_threads
            engineThreads = JniUtils.getNumThreads();
        }
        JniUtils.setNumThreads(intraOpThreads(config, device, engineThreads));
    }

    /** For people: e.g. {@code cpu(), float32}. */
    public String describe() {
        return device + ", " + dtype.toString().toLowerCase(Locale.ROOT);
    }
}
