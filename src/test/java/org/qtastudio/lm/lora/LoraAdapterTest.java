package org.qtastudio.lm.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.lm.LmFixtures;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.lm.model.SequenceLogProbs;
import org.qtastudio.lm.safetensors.SafetensorsFile;

class LoraAdapterTest {

    private static final int[] IDS = {1, 17, 42, 5, 88, 23, 64, 9};
    private static final int[] PROMPT = {1, 30, 31, 32, 33};
    private static final int[] CHOSEN = {40, 41, 42, 2};

    @Test
    void trainsOnlyTheAdapterAndRoundTripsThroughPeftLayout(@TempDir Path tmp) throws Exception {
        Path dir = LmFixtures.lmModel("qwen2-tiny-bf16");
        try (CausalLm model = CausalLm.load(dir, LmRuntime.cpu())) {
            float[] base = logits(model);
            Map<String, float[]> baseWeights = snapshot(model.weights());
            LoraConfig config = new LoraConfig(4, 8, 0.0, List.of("q_proj", "v_proj", "o_proj", "down_proj"));
            LoraAdapter adapter = LoraAdapter.attach(model, config, 7);
            assertArrayEquals(base, logits(model), "B = 0: the adapter changes nothing");

            Map<String, float[]> adapterBefore = snapshot(adapter.parameters());
            List<NDArray> params = new ArrayList<>(adapter.parameters().values());
            try (AdamW opt = AdamW.withDefaults(params, 1e-2)) {
                adapter.setTraining(true);
                try (NDManager step = model.manager().newSubManager();
                        GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray logp = SequenceLogProbs.compute(model, step, List.of(PROMPT), List.of(CHOSEN));
                    gc.backward(logp.neg().sum());
                }
                adapter.setTraining(false);
                double norm = opt.step(1.0);
                assertTrue(norm > 0 && Double.isFinite(norm), "gradient norm " + norm);
                assertEquals(0f, params.get(1).getGradient().abs().max().getFloat(), "gradients zeroed");
            }
            Map<String, float[]> baseAfter = snapshot(model.weights());
            for (String name : baseWeights.keySet()) {
                assertArrayEquals(baseWeights.get(name), baseAfter.get(name), "base weight changed: " + name);
            }
            Map<String, float[]> adapterAfter = snapshot(adapter.parameters());
            String b0 = "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight";
            assertFalse(Arrays.equals(adapterBefore.get(b0), adapterAfter.get(b0)), "lora_B moved");
            float[] tuned = logits(model);
            assertFalse(Arrays.equals(base, tuned), "the step changed the outputs");

            adapter.setEnabled(false);
            assertArrayEquals(base, logits(model), "adapter off = the frozen reference model");
            adapter.setEnabled(true);

            Path peft = tmp.resolve("adapter");
            adapter.save(peft, dir.toString());
            try (SafetensorsFile f = SafetensorsFile.open(peft.resolve("adapter_model.safetensors"))) {
                assertArrayEquals(new long[] {4, 32},
                        f.tensors().get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape());
            }
            adapter.detach(model);
            assertArrayEquals(base, logits(model), "detached");

            try (LoraAdapter reloaded = LoraAdapter.load(model, peft)) {
                assertEquals(adapter.config(), reloaded.config());
                assertArrayEquals(tuned, logits(model), "PEFT export reloads to the same logits");
                model.setAdapter(null);
            }
        }
    }

    @Test
    void mergedExportMatchesBasePlusAdapter(@TempDir Path tmp) throws Exception {
        Path dir = LmFixtures.lmModel("llama-tiny");
        float[] tuned;
        try (CausalLm model = CausalLm.load(dir, LmRuntime.cpu());
                LoraAdapter adapter = LoraAdapter.attach(model, new LoraConfig(2, 4, 0, List.of("k_proj", "up_proj")),
                        3)) {
            for (NDArray p : adapter.parameters().values()) {
                p.addi(p.getManager().randomNormal(p.getShape()).mul(0.05)); // a non-trivial update
            }
            tuned = logits(model);
            MergedExport.save(model, adapter, tmp);
        }
        assertFalse(Files.exists(tmp.resolve("adapter_config.json")), "a plain model folder");
        try (CausalLm merged = CausalLm.load(tmp, LmRuntime.cpu())) {
            float[] got = logits(merged);
            for (int i = 0; i < got.length; i++) {
                assertEquals(tuned[i], got[i], 1e-4, "merged logit " + i);
            }
        }
    }

    private static float[] logits(CausalLm model) {
        int[] ones = new int[IDS.length];
        Arrays.fill(ones, 1);
        try (NDManager m = model.manager().newSubManager()) {
            return model.forward(m, new int[][] {IDS}, new int[][] {ones}, null, 0).toFloatArray();
        }
    }

    private static Map<String, float[]> snapshot(Map<String, NDArray> arrays) {
        Map<String, float[]> out = new HashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }
}
