package org.qtastudio.align;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
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
        addRestBench(w, "mtrb-restbench");
        return w;
    }

    /** Imports MTRB RestBench with its training queries into {@code w} as catalog {@code catalog} (a copy under another name). */
    public static void addRestBench(Workspace w, String catalog) throws IOException {
        ImportService imports = new ImportService(w);
        imports.importSource(ImportSource.of(SHARED.resolve("datasets/mtrb/restbench")), null, catalog, Progress.NONE);
        imports.importSource(ImportSource.of(SHARED.resolve("datasets/restbench/tmdb.json")), null, catalog, Progress.NONE);
    }

    /**
     * Keeps only the first {@code n} test queries of every catalog of the workspace (the others become unlabelled), so
     * that a rewrite evaluation of the test split takes seconds: what experiment tests run their cells on.
     */
    public static void keepTestQueries(Workspace w, int n) {
        CatalogStore catalogs = new CatalogStore(w);
        for (var c : catalogs.catalogs()) {
            List<UserQuery> test = catalogs.queries(c.id(), Split.TEST);
            Map<String, Split> moves = new HashMap<>();
            test.subList(Math.min(n, test.size()), test.size()).forEach(q -> moves.put(q.key(), Split.UNLABELLED));
            catalogs.setSplits(c.id(), moves);
        }
    }
}
