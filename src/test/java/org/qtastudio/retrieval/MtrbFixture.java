package org.qtastudio.retrieval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/** The MTRB files in ../shared, imported into a workspace; tests skip with a message when they are absent. */
public final class MtrbFixture {

    public static final Path MTRB = Path.of("..", "shared", "datasets", "mtrb");
    public static final String RESTBENCH = "mtrb-restbench";
    public static final String METATOOL = "mtrb-metatool";

    private MtrbFixture() {
    }

    /** Skips the calling test unless the MTRB files are there. */
    public static void assumePresent() {
        assumeTrue(Files.isDirectory(MTRB.resolve("restbench")) && Files.isDirectory(MTRB.resolve("metatool")),
                "MTRB files not found at " + MTRB.toAbsolutePath() + " (../shared is absent); skipping");
    }

    /** A new workspace file {@code file} holding both subsets, closed again (for tests that run the CLI on it). */
    public static Path importedWorkspace(Path file) {
        try (Workspace workspace = Workspace.open(file)) {
            importBoth(workspace);
        }
        return file;
    }

    /** Imports RestBench and MetaTool as {@link #RESTBENCH} and {@link #METATOOL}. */
    public static void importBoth(Workspace workspace) {
        assumePresent();
        try {
            ImportService service = new ImportService(workspace);
            service.importSource(ImportSource.of(MTRB.resolve("restbench")), null, null, Progress.NONE);
            service.importSource(ImportSource.of(MTRB.resolve("metatool")), null, null, Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
