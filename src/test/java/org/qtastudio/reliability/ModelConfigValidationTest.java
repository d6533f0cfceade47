package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.common.Json;
import org.qtastudio.lm.model.Architecture;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.model.ModelConfigException;
import org.qtastudio.lm.model.RandomModelWriter;
import org.qtastudio.lm.model.RopeScaling;

/**
 * Issue 13 item 13: config sizes are positive whole numbers without int overflow, named when wrong; token ids outside
 * the model's vocabulary are refused before the forward pass with a clear line.
 */
class ModelConfigValidationTest {

    @TempDir
    Path dir;

    private static ObjectNode base() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("""
                {"architectures":["LlamaForCausalLM"],"hidden_act":"silu","hidden_size":32,"num_attention_heads":4,
                 "num_key_value_heads":2,"vocab_size":100,"intermediate_size":64,"num_hidden_layers":2,"rms_norm_eps":1e-6}""");
    }

    @Test
    void hostileSizesAreRefusedWithTheFieldNamed() throws Exception {
        ModelConfig.parse(base(), "config.json");
        Map<String, Object> hostile = Map.of(
                "hidden_size", 1_000_000_000_000L,
                "num_key_value_heads", 0,
                "num_hidden_layers", -5,
                "num_attention_heads", 0,
                "vocab_size", "notanint",
                "intermediate_size", 2.5,
                "head_dim", -1);
        for (var e : hostile.entrySet()) {
            ObjectNode c = base();
            c.set(e.getKey(), Json.MAPPER.valueToTree(e.getValue()));
            ModelConfigException x = assertThrows(ModelConfigException.class, () -> ModelConfig.parse(c, "config.json"),
                    e.toString());
            assertTrue(x.getMessage().contains(e.getKey()) && x.getMessage().contains("config.json"), x.getMessage());
        }
        ObjectNode huge = base();
        huge.put("vocab_size", 1_000_000);
        huge.put("hidden_size", 100_000);
        assertThrows(ModelConfigException.class, () -> ModelConfig.parse(huge, "config.json"));
    }

    @Test
    void lmInfoOnABadConfigFailsWithOneLine() throws Exception {
        ObjectNode c = base();
        c.put("num_hidden_layers", -5);
        Files.writeString(dir.resolve("config.json"), Json.write(c));
        // an empty but well-formed safetensors file, so that the config is what fails
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(2).put((byte) '{').put((byte) '}');
        Files.write(dir.resolve("model.safetensors"), b.array());
        CliRun.Result r = Cli.run("lm", "info", "--model", dir.toString());
        assertTrue(r.code() != 0, r.all());
        assertTrue(r.err().contains("num_hidden_layers"), r.err());
        assertEquals(0, Cli.stackFrames(r.all()).size(), r.all());
    }

    @Test
    void tokenIdsOutsideTheVocabularyAreRefusedBeforeTheForwardPass() throws Exception {
        Path model = dir.resolve("tiny");
        RandomModelWriter.write(new ModelConfig(Architecture.QWEN3, 100, 32, 64, 2, 4, 2, 16, 1e-6, 10000.0,
                RopeScaling.NONE, 256, true, List.of(0), null, 0), Files.createDirectories(dir.resolve("no-tokenizer")),
                model, 1, false);
        for (String[] args : List.of(
                new String[] {"lm", "generate", "--model", model.toString(), "--prompt-ids", "5,100", "--max-new-tokens", "1"},
                new String[] {"lm", "generate", "--model", model.toString(), "--prompt-ids", "-1", "--max-new-tokens", "1"},
                new String[] {"lm", "score", "--model", model.toString(), "--prompt-ids", "1,2", "--completion-ids", "3,4000"})) {
            CliRun.Result r = Cli.run(args);
            assertEquals(1, r.code(), r.all());
            assertTrue(r.err().contains("is outside the vocabulary of tiny, which has ids 0 to 99"), r.err());
            assertEquals(List.of(), Cli.stackFrames(r.all()));
        }
        CliRun.Result fine = Cli.run("lm", "generate", "--model", model.toString(), "--prompt-ids", "5,99",
                "--max-new-tokens", "1");
        assertEquals(0, fine.code(), fine.all());
    }
}
