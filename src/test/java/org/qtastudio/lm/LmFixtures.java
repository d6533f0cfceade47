package org.qtastudio.lm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the reference files in {@code ../shared} (read in place, never copied); skips tests when absent. */
public final class LmFixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private LmFixtures() {
    }

    /** {@code ../shared/fixtures/lm/NAME}, or the test is skipped with the reason. */
    public static Path lmModel(String name) {
        return require(Path.of("..", "shared", "fixtures", "lm", name));
    }

    /** {@code ../shared/fixtures/tokenizers/qwen3}, or the test is skipped. */
    public static Path qwen3Tokenizer() {
        return require(Path.of("..", "shared", "fixtures", "tokenizers", "qwen3"));
    }

    public static JsonNode golden(Path dir, String file) throws IOException {
        return JSON.readTree(dir.resolve(file).toFile());
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static Path require(Path p) {
        assumeTrue(Files.isDirectory(p), "reference data " + p.toAbsolutePath().normalize()
                + " is absent (expected ../shared beside the project root); skipping");
        return p;
    }
}
