package org.qtastudio.lm.lora;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.WeightLayout;
import org.qtastudio.lm.safetensors.SafetensorsWriter;
import org.qtastudio.lm.tokenizer.LmTokenizer;

/**
 * Writes a base model with its LoRA update folded in ({@code W + scale·B·A}) as a plain Hugging Face model
 * folder: {@code config.json}, {@code model.safetensors} (F32) and the tokenizer files, loadable without PEFT.
 */
public final class MergedExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MergedExport() {
    }

    /** Merges {@code adapter} (may be {@code null}: a plain re-export) into the weights of {@code model}. */
    public static void save(CausalLm model, LoraAdapter adapter, Path out) throws IOException {
        Files.createDirectories(out);
        ObjectNode config = (ObjectNode) JSON.readTree(model.dir().resolve("config.json").toFile());
        config.put("torch_dtype", "float32");
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("config.json").toFile(), config);
        LmTokenizer.copyFiles(model.dir(), out);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        model.weights().forEach((name, w) -> {
            if (!(name.equals(WeightLayout.LM_HEAD) && model.config().tieWordEmbeddings())) {
                shapes.put(name, w.getShape().getShape());
            }
        });
        SafetensorsWriter.write(out.resolve("model.safetensors"), shapes, name -> merged(model, adapter, name),
                Map.of("format", "pt"));
    }

    private static float[] merged(CausalLm model, LoraAdapter adapter, String name) {
        NDArray w = model.weights().get(name);
        String module = name.endsWith(".weight") ? name.substring(0, name.length() - ".weight".length()) : null;
        NDArray delta = adapter == null || module == null ? null : adapter.mergedDelta(module);
        if (delta == null) {
            return LoraAdapter.floats(w);
        }
        try (delta; NDArray sum = w.add(delta)) {
            return LoraAdapter.floats(sum);
        }
    }
}
