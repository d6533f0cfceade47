package org.qtastudio.catalog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/** The real datasets under {@code ../shared/datasets}, read in place; tests skip when they are absent. */
public final class TestData {

    private TestData() {
    }

    /** A path under ../shared/datasets, or a skipped test saying what is missing. */
    public static Path dataset(String first, String... more) {
        Path p = Path.of("..", "shared", "datasets", first).resolve(Path.of("", more));
        assumeTrue(Files.exists(p), "skipped: the shared dataset " + p.toAbsolutePath().normalize() + " is not present");
        return p;
    }

    /** Imports with auto-detection unless a format is given. */
    public static ImportReport importInto(Workspace ws, Path source, String format, String catalog) throws IOException {
        return new ImportService(ws).importSource(ImportSource.of(source), format, catalog, Progress.NONE);
    }

    /** Writes a small file for a bad-input test. */
    public static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
