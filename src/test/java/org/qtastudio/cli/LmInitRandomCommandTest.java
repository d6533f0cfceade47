package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.lm.LmFixtures;
import org.qtastudio.lm.model.Architecture;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.model.RandomModelWriter;
import org.qtastudio.lm.model.RopeScaling;
import org.qtastudio.lm.model.WeightLayout;
import org.qtastudio.lm.safetensors.SafetensorsFile;
import picocli.CommandLine;

/** {@code lm init-random --tie-embeddings / --no-tie-embeddings}: what the flags write. */
class LmInitRandomCommandTest {

    private static final String[] SHAPE = {"--architecture", "qwen2", "--hidden-size", "32", "--layers", "2",
        "--heads", "4", "--kv-heads", "2", "--intermediate-size", "64", "--seed", "1"};

    private static String initRandom(Path out, String... flags) {
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new LmCommand());
        cli.setOut(new PrintWriter(text));
        List<String> args = new java.util.ArrayList<>(List.of("init-random", "--tokenizer",
                LmFixtures.qwen3Tokenizer().toString(), "--out", out.toString()));
        args.addAll(List.of(SHAPE));
        args.addAll(List.of(flags));
        assertEquals(0, cli.execute(args.toArray(String[]::new)), text.toString());
        return text.toString();
    }

    @Test
    void tieEmbeddingsWritesNoOutputHead(@TempDir Path tmp) throws Exception {
        int vocab = RandomModelWriter.vocabSize(LmFixtures.qwen3Tokenizer());
        long embedding = (long) vocab * 32;
        long tiedParams = 0;
        for (String[] flags : List.of(new String[] {"--tie-embeddings"}, new String[0])) {
            Path out = tmp.resolve("tied" + flags.length);
            String printed = initRandom(out, flags);
            try (SafetensorsFile f = SafetensorsFile.open(out.resolve("model.safetensors"))) {
                assertFalse(f.tensors().containsKey(WeightLayout.LM_HEAD), String.join(" ", flags));
                assertTrue(f.tensors().containsKey(WeightLayout.EMBED));
            }
            assertTrue(new ObjectMapper().readTree(out.resolve("config.json").toFile())
                    .path("tie_word_embeddings").asBoolean(false), "config.json says tied");
            tiedParams = WeightLayout.parameterCount(ModelConfig.read(out));
            assertTrue(printed.contains(String.format("%,d parameters", tiedParams)), printed);
        }
        Path untied = tmp.resolve("untied");
        initRandom(untied, "--no-tie-embeddings");
        try (SafetensorsFile f = SafetensorsFile.open(untied.resolve("model.safetensors"))) {
            assertTrue(f.tensors().containsKey(WeightLayout.LM_HEAD));
        }
        assertFalse(new ObjectMapper().readTree(untied.resolve("config.json").toFile())
                .path("tie_word_embeddings").asBoolean(true));
        assertEquals(tiedParams + embedding, WeightLayout.parameterCount(ModelConfig.read(untied)),
                "the untied model has one more vocab x hidden matrix");
    }

    @Test
    void qwen25HalfBillionShapeWithTheQwen3VocabularyHas494MillionParametersTied() throws Exception {
        int vocab = RandomModelWriter.vocabSize(LmFixtures.qwen3Tokenizer());
        ModelConfig tied = new ModelConfig(Architecture.QWEN2, vocab, 896, 4864, 24, 14, 2, 64, 1e-6, 10000.0,
                RopeScaling.NONE, 4096, true, List.of(), null, 0);
        assertEquals(493.8, WeightLayout.parameterCount(tied) / 1e6, 0.05);
    }
}
