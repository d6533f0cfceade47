package org.qtastudio.align;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.model.RandomModelWriter;
import org.qtastudio.store.Workspace;

/**
 * What alignment tests train on in seconds on a CPU: a tiny random Qwen3-shaped model around the real Qwen3
 * tokenizer, and a workspace with MTRB RestBench whose training queries are the 10 RestBench TMDB queries MTRB
 * does not test. Both come from {@code ../shared}; tests skip when it is absent.
 */
public final class AlignFixtures {

    private static final Path SHARED = Path.of("..", "shared");
    private static final Path TOKENIZER = SHARED.resolve("fixtures/tokenizers/qwen3");

    private AlignFixtures() {
    }

    /** Skips the calling test unless ../shared holds the Qwen3 tokenizer and MTRB RestBench. */
    public static void assumeShared() {
        Assumptions.assumeTrue(Files.isDirectory(TOKENIZER) && Files.isDirectory(SHARED.resolve("datasets/mtrb/restbench")),
                "../shared absent");
    }

    /** Writes the tiny model of {@link RandomModelWriter#tinyQwen3} into {@code out}. */
    public static Path tinyQwen3(Path out) throws IOException {
        return RandomModelWriter.tinyQwen3(TOKENIZER, out);
    }

    /** Opens a new workspace at {@code file} holding catalog {@code mtrb-restbench} with its training queries. */
    public static Workspace restBenchWithTrainingQueries(Path file) throws IOException {
        Workspace w = Workspace.open(file);
        ImportService imports = new ImportService(w);
        imports.importSource(ImportSource.of(SHARED.resolve("datasets/mtrb/restbench")), null, null, Progress.NONE);
        imports.importSource(ImportSource.of(SHARED.resolve("datasets/restbench/tmdb.json")), null, "mtrb-restbench", Progress.NONE);
        return w;
    }
}
