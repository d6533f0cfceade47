package org.qtastudio.app.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.qtastudio.align.AlignFixtures;
import org.qtastudio.app.align.AlignViewModel;
import org.qtastudio.store.Workspace;

/**
 * What the Experiments screen's tests run grids on in seconds on a CPU: the tiny random Qwen3 and MTRB RestBench of
 * {@link AlignFixtures}, its test split cut to {@value #TEST_QUERIES} queries, and short QTA settings typed into the
 * Align screen's form, which every cell of an experiment takes.
 */
final class TinyExperiments {

    static final String CATALOG = "mtrb-restbench";
    static final int TEST_QUERIES = 4;

    /** One rewrite per query besides the original (two candidates), one epoch, three new tokens at most. */
    private static final Map<String, String> SHORT = Map.of("toolDocuments", "1", "samples", "2", "maxNewTokens", "3",
            "learningRate", "0.01", "epochs", "1", "batchSize", "2", "loraDropout", "0");

    private TinyExperiments() {
    }

    /** A new workspace at {@code file}: RestBench with its 10 training queries and {@value #TEST_QUERIES} test queries. */
    static Workspace workspace(Path file) throws IOException {
        Workspace w = AlignFixtures.restBenchWithTrainingQueries(file);
        AlignFixtures.keepTestQueries(w, TEST_QUERIES);
        return w;
    }

    /** Points the Align screen at {@code model} and types the short settings into its form; on the FX thread. */
    static void shortSettings(AlignViewModel align, Path model) {
        align.model().modelDirProperty().set(model.toString());
        align.form().fields().forEach(f -> {
            if (SHORT.containsKey(f.id())) {
                f.text().set(SHORT.get(f.id()));
            }
        });
    }
}
