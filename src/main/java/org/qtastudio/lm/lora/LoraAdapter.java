package org.qtastudio.lm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.ProjectionAdapter;
import org.qtastudio.lm.model.Scalars;
import org.qtastudio.lm.model.WeightLayout;
import org.qtastudio.lm.safetensors.SafetensorsException;
import org.qtastudio.lm.safetensors.SafetensorsFile;
import org.qtastudio.lm.safetensors.SafetensorsWriter;

/**
 * Low-rank adapters {@code y += (alpha/r) · B·A·dropout(x)} on chosen projections of a {@link CausalLm}. Only
 * {@code A} and {@code B} require gradients. Switching the adapter off gives back the frozen base model, which is
 * DPO's reference model without a second copy of the weights. Saved and loaded in PEFT's layout.
 */
public final class LoraAdapter implements ProjectionAdapter, AutoCloseable {

    static final String CONFIG_FILE = "adapter_config.json";
    static final String WEIGHTS_FILE = "adapter_model.safetensors";
    private static final String PEFT_PREFIX = "base_model.model.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoraConfig config;
    private final double scale;
    private final NDManager manager;
    private final Map<String, NDArray[]> modules; // module name -> {A [r, in], B [out, r]}
    private boolean enabled = true;
    private boolean training;
    private NDArray lastInput; // the input whose dropped-out copy is `lastDropped`
    private NDArray lastDropped;

    private LoraAdapter(LoraConfig config, double scale, NDManager manager, Map<String, NDArray[]> modules) {
        this.config = config;
        this.scale = scale;
        this.manager = manager;
        this.modules = modules;
    }

    /**
     * New adapters on every layer's target projections, installed into the model: A drawn as PEFT does
     * (Kaiming-uniform, bound {@code 1/sqrt(in)}), B zero, so the model starts exactly at its base outputs.
     */
    public static LoraAdapter attach(CausalLm model, LoraConfig config, long seed) {
        Random rng = new Random(seed);
        NDManager manager = model.manager().newSubManager();
        Map<String, NDArray[]> modules = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : targets(model, config).entrySet()) {
            int out = (int) e.getValue()[0];
            int in = (int) e.getValue()[1];
            float[] a = new float[config.rank() * in];
            double bound = 1.0 / Math.sqrt(in);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
            modules.put(e.getKey(), new NDArray[] {
                    param(manager, model, a, new Shape(config.rank(), in)),
                    param(manager, model, new float[out * config.rank()], new Shape(out, config.rank()))});
        }
        LoraAdapter adapter = new LoraAdapter(config, config.scale(), manager, modules);
        model.setAdapter(adapter);
        return adapter;
    }

    /** Loads a PEFT adapter folder ({@code adapter_config.json} + {@code adapter_model.safetensors}) into a model. */
    public static LoraAdapter load(CausalLm model, Path dir) throws IOException {
        Path cfgFile = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(cfgFile)) {
            throw new IOException(dir + ": no " + CONFIG_FILE + "; not a PEFT adapter folder");
        }
        JsonNode c = JSON.readTree(cfgFile.toFile());
        if (!"LORA".equalsIgnoreCase(c.path("peft_type").asText("LORA"))) {
            throw new IOException(cfgFile + ": peft_type " + c.path("peft_type").asText() + " is not LORA");
        }
        List<String> targets = new ArrayList<>();
        JsonNode t = c.path("target_modules");
        if (t.isArray()) {
            t.forEach(n -> targets.add(n.asText()));
        } else {
            throw new IOException(cfgFile + ": target_modules must be a list of module names");
        }
        LoraConfig config = new LoraConfig(c.path("r").asInt(8), c.path("lora_alpha").asDouble(8),
                c.path("lora_dropout").asDouble(0), targets);
        double scale = c.path("use_rslora").asBoolean(false) ? config.alpha() / Math.sqrt(config.rank())
                : config.scale();
        NDManager manager = model.manager().newSubManager();
        Map<String, NDArray[]> modules = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve(WEIGHTS_FILE))) {
            for (Map.Entry<String, long[]> e : targets(model, config).entrySet()) {
                NDArray a = read(f, model, manager, e.getKey(), "lora_A", new long[] {config.rank(), e.getValue()[1]});
                NDArray b = read(f, model, manager, e.getKey(), "lora_B", new long[] {e.getValue()[0], config.rank()});
                modules.put(e.getKey(), new NDArray[] {a, b});
            }
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
        LoraAdapter adapter = new LoraAdapter(config, scale, manager, modules);
        model.setAdapter(adapter);
        return adapter;
    }

    private static NDArray read(SafetensorsFile f, CausalLm model, NDManager manager, String module, String part,
            long[] shape) throws IOException {
        String key = PEFT_PREFIX + module + "." + part + ".weight";
        String alt = PEFT_PREFIX + module + "." + part + ".default.weight";
        String name = f.tensors().containsKey(key) ? key : alt;
        if (!f.tensors().containsKey(name)) {
            throw new SafetensorsException(f.path() + ": no tensor '" + key + "' for target module " + module);
        }
        if (!Arrays.equals(f.tensors().get(name).shape(), shape)) {
            throw new SafetensorsException(f.path() + ": tensor '" + name + "' has shape "
                    + Arrays.toString(f.tensors().get(name).shape()) + ", expected "
                    + Arrays.toString(shape));
        }
        return param(manager, model, f.readFloats(name), new Shape(shape));
    }

    private static NDArray param(NDManager manager, CausalLm model, float[] values, Shape shape) {
        NDArray p = manager.create(values, shape); // F32 whatever the model computes in: updates too small for bf16
        p.setRequiresGradient(true);
        return p;
    }

    private static Map<String, long[]> targets(CausalLm model, LoraConfig config) {
        Map<String, long[]> out = new LinkedHashMap<>();
        WeightLayout.projections(model.config()).forEach((module, shape) -> {
            if (config.targetModules().contains(module.substring(module.lastIndexOf('.') + 1))) {
                out.put(module, shape);
            }
        });
        return out;
    }

    @Override
    public NDArray delta(NDArray input, String module) {
        NDArray[] ab = enabled ? modules.get(module) : null;
        if (ab == null) {
            return null;
        }
        NDArray x = input;
        if (training && config.dropout() > 0) {
            // q/k/v (and gate/up) read the same input: one dropout mask for them, not one each as in PEFT. Each
            // adapter still sees its input dropped out with the configured rate (the same regularizer in
            // expectation); only the masks of sibling projections are no longer independent. Drawing the masks
            // was 7% of a training step.
            if (input != lastInput) {
                lastInput = input;
                lastDropped = x.getNDArrayInternal().dropout(x, (float) config.dropout(), true).singletonOrThrow();
            }
            x = lastDropped;
        }
        NDList low = x.getNDArrayInternal().linear(x, ab[0], null);
        NDArray lowX = low.singletonOrThrow();
        NDArray up = lowX.getNDArrayInternal().linear(lowX, ab[1], null).singletonOrThrow();
        return up.mul(Scalars.of(up, scale));
    }

    public LoraConfig config() {
        return config;
    }

    /** The factor on {@code B·A} ({@code alpha/r}, or {@code alpha/sqrt(r)} for rsLoRA). */
    public double scale() {
        return scale;
    }

    /** Off: the model computes its frozen base outputs (the DPO reference). */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Training mode applies dropout to the adapter input. */
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    /** The trainable arrays by PEFT name ({@code base_model.model.<module>.lora_A.weight}), A before B per module. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        modules.forEach((module, ab) -> {
            out.put(PEFT_PREFIX + module + ".lora_A.weight", ab[0]);
            out.put(PEFT_PREFIX + module + ".lora_B.weight", ab[1]);
        });
        return Collections.unmodifiableMap(out);
    }

    /** {@code scale · B·A} of one module ({@code [out, in]}), or {@code null} when the module has no adapter. */
    public NDArray mergedDelta(String module) {
        NDArray[] ab = modules.get(module);
        if (ab == null) {
            return null;
        }
        try (NDArray product = ab[1].matMul(ab[0])) {
            return product.mul(scale);
        }
    }

    /** Writes the adapter in PEFT layout so that Python's {@code PeftModel.from_pretrained} reads it. */
    public void save(Path dir, String baseModel) throws IOException {
        Files.createDirectories(dir);
        ObjectNode c = JSON.createObjectNode();
        c.put("peft_type", "LORA");
        c.put("task_type", "CAUSAL_LM");
        c.put("base_model_name_or_path", baseModel);
        c.put("r", config.rank());
        c.put("lora_alpha", config.alpha());
        c.put("lora_dropout", config.dropout());
        config.targetModules().forEach(c.putArray("target_modules")::add);
        c.put("bias", "none");
        c.put("fan_in_fan_out", false);
        c.put("inference_mode", true);
        c.put("init_lora_weights", true);
        c.put("use_rslora", scale != config.scale());
        c.put("use_dora", false);
        c.putNull("modules_to_save");
        c.putNull("layers_to_transform");
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CONFIG_FILE).toFile(), c);
        Map<String, NDArray> params = parameters();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        params.forEach((k, v) -> shapes.put(k, v.getShape().getShape()));
        SafetensorsWriter.write(dir.resolve(WEIGHTS_FILE), shapes, k -> floats(params.get(k)), Map.of("format", "pt"));
    }

    static float[] floats(NDArray a) {
        try (NDArray f = a.toType(DataType.FLOAT32, true)) {
            return f.toFloatArray();
        }
    }

    /** Frees the adapter's arrays and removes it from the model it was attached to. */
    public void detach(CausalLm model) {
        model.setAdapter(null);
        close();
    }

    @Override
    public void close() {
        manager.close();
    }
}
