package org.qtastudio.bench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.qtastudio.app.align.AlignSettingsForm;
import org.qtastudio.app.align.AlignViewModel;
import org.qtastudio.lm.model.RandomModelWriter;

/**
 * An alignment that runs in seconds on a CPU, for the GUI benchmarks and screenshots: a tiny random Qwen3-shaped
 * model around the real Qwen3 tokenizer from {@code ../shared}, and short QTA settings typed into the Align
 * screen's form as a user would.
 */
final class TinyAlignment {

    static final Path TOKENIZER = Path.of("..", "shared", "fixtures", "tokenizers", "qwen3");

    /** Two rewrites of at most eight tokens per query, four epochs: enough steps for the charts. */
    private static final Map<String, String> SETTINGS = Map.of("toolDocuments", "1", "samples", "2", "maxNewTokens", "8",
            "learningRate", "0.02", "epochs", "4", "batchSize", "4", "loraDropout", "0");

    private TinyAlignment() {
    }

    static boolean available() {
        return Files.isDirectory(TOKENIZER);
    }

    /** Writes the model of {@link RandomModelWriter#tinyQwen3} into {@code out}. */
    static Path writeModel(Path out) throws IOException {
        return RandomModelWriter.tinyQwen3(TOKENIZER, out);
    }

    /** Points the Align screen at {@code model} and types the short settings, with no review pause; on the FX thread. */
    static void setUp(AlignViewModel align, Path model) {
        align.model().modelDirProperty().set(model.toString());
        for (AlignSettingsForm.Field field : align.form().fields()) {
            String value = SETTINGS.get(field.id());
            if (value != null) {
                field.text().set(value);
            }
        }
        align.form().requireReviewProperty().set(false);
    }
}
