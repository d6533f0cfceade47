package org.qtastudio.app.align;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.safetensors.TensorInfo;
import org.qtastudio.lm.safetensors.WeightFolder;

/**
 * What a model folder holds, read from {@code config.json} and the safetensors headers only (no weights load),
 * so picking a folder answers at once whether it is usable and how much memory its weights need.
 */
final class ModelSummary {

    private ModelSummary() {
    }

    /** One line for people; a folder that is not a usable model throws with the reason. */
    static String describe(Path dir) throws IOException {
        ModelConfig c = ModelConfig.read(dir);
        long parameters = 0;
        TreeSet<String> stored = new TreeSet<>();
        try (WeightFolder w = WeightFolder.open(dir)) {
            for (TensorInfo t : w.tensors().values()) {
                parameters += t.elementCount();
                stored.add(t.dtype().name());
            }
        }
        String text = String.format(Locale.ROOT, "%s: %d layers, hidden %d, %s parameters stored as %s; weights need %s in "
                        + "float32, %s in bfloat16.", c.architecture().hfName(), c.numLayers(), c.hiddenSize(), count(parameters),
                String.join("/", stored), DeviceMemory.gib(parameters * 4), DeviceMemory.gib(parameters * 2));
        return Files.isRegularFile(dir.resolve("tokenizer.json")) ? text
                : text + " No tokenizer.json: the rewriter cannot run without it.";
    }

    private static String count(long n) {
        return n >= 1_000_000_000 ? String.format(Locale.ROOT, "%.2fB", n / 1e9)
                : n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6) : String.format(Locale.ROOT, "%,d", n);
    }
}
