package org.qtastudio.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.qtastudio.lm.LmFixtures;

class LmTokenizerTest {

    @Test
    void realQwen3TokenizerLoadsOfflineWithSpecialTokensAndTemplate() throws Exception {
        try (LmTokenizer tok = LmTokenizer.load(LmFixtures.qwen3Tokenizer())) {
            int imEnd = tok.specialTokenId("<|im_end|>").orElseThrow();
            int imStart = tok.specialTokenId("<|im_start|>").orElseThrow();
            assertTrue(tok.eosIds().contains(imEnd), "EOS ids " + tok.eosIds() + " hold <|im_end|>");

            JsonNode first = LmFixtures.golden(LmFixtures.qwen3Tokenizer(), "chat_golden.json").get("cases").get(0);
            List<Map<String, Object>> messages = LmFixtures.JSON.convertValue(first.get("messages"),
                    new TypeReference<>() { });
            String prompt = tok.applyChatTemplate(messages, true, Map.of());
            assertEquals(first.get("expected").asText(), prompt);

            int[] ids = tok.encode(prompt, true);
            assertEquals(imStart, ids[0], "Qwen adds no BOS; the prompt starts with <|im_start|>");
            assertEquals(prompt, tok.decode(ids, false));
            String longText = "word ".repeat(3000);
            assertEquals(3000, tok.encode(longText.strip(), false).length, "no truncation");
            assertArrayEquals(tok.encode("hello world", false), tok.encode("hello world", true));
        }
    }

    @Test
    void eosIdsAlsoComeFromGenerationConfig(@TempDir Path tmp) throws Exception {
        LmTokenizer.copyFiles(LmFixtures.qwen3Tokenizer(), tmp);
        Files.writeString(tmp.resolve("generation_config.json"), "{\"eos_token_id\": [151643, 151645]}");
        try (LmTokenizer tok = LmTokenizer.load(tmp)) {
            assertEquals(Set.of(151643, 151645), tok.eosIds());
            assertEquals("<|endoftext|>", tok.decode(new int[] {151643}, false));
        }
    }
}
