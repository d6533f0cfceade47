package org.qtastudio.catalog.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * The demo catalog shipped in the jar ({@code sample-data/}: MCP tools of several servers and annotated
 * queries), imported into a new workspace so the application is useful before any download.
 */
public final class SampleData {

    /** Name of the catalog the sample is imported into. */
    public static final String CATALOG = "sample";

    private static final String TOOLS = "sample-data/tools.json";
    private static final String QUERIES = "sample-data/queries.jsonl";

    private SampleData() {
    }

    /** Imports the sample catalog and its queries in one go; importing it again changes nothing. */
    public static ImportReport importInto(Workspace workspace, Progress progress) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("qta-sample");
            Path tools = copy(TOOLS, dir.resolve("tools.json"));
            Path queries = copy(QUERIES, dir.resolve("queries.jsonl"));
            ImportService service = new ImportService(workspace);
            service.importSource(ImportSource.of(tools), "mcp", CATALOG, progress);
            return service.importSource(ImportSource.of(queries), "generic", CATALOG, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import the sample catalog: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = SampleData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the build lacks " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
