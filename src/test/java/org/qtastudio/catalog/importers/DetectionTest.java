package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.TestData;
import org.qtastudio.store.Workspace;

/** Auto-detection picks the right importer for every real dataset folder and file. */
class DetectionTest {

    @TempDir
    Path dir;

    private static String detect(Path path) throws Exception {
        return Importers.detect(ImportSource.of(path)).format();
    }

    @Test
    void realDatasets() throws Exception {
        assertEquals("mtrb", detect(TestData.dataset("mtrb", "restbench")));
        assertEquals("mtrb", detect(TestData.dataset("mtrb", "metatool")));
        assertEquals("mtrb", detect(TestData.dataset("mtrb", "toolbench")));
        assertEquals("mtrb", detect(TestData.dataset("mtrb", "restbench", "mtr_restbench_test.json")));
        assertEquals("openapi", detect(TestData.dataset("restbench", "tmdb_oas.json")));
        assertEquals("openapi", detect(TestData.dataset("restbench", "spotify_oas.json")));
        assertEquals("restbench", detect(TestData.dataset("restbench", "tmdb.json")));
        assertEquals("restbench", detect(TestData.dataset("restbench", "spotify.json")));
        assertEquals("metatool", detect(TestData.dataset("metatool")));
        assertEquals("metatool", detect(TestData.dataset("metatool", "all_clean_data.csv")));
        assertEquals("metatool", detect(TestData.dataset("metatool", "multi_tool_query_golden.json")));
        assertEquals("toolbench", detect(TestData.dataset("stabletoolbench")));
        assertEquals("toolbench", detect(TestData.dataset("stabletoolbench", "solvable_queries", "test_instruction", "G1_instruction.json")));
    }

    @Test
    void mtrbRootSaysToPickASubset() {
        Path folder = TestData.dataset("mtrb");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportException e = assertThrows(ImportException.class, () -> TestData.importInto(ws, folder, null, null));
            assertTrue(e.getMessage().contains("each subset is its own catalog"), e.getMessage());
        }
    }

    @Test
    void restBenchFolderSaysHowToImportEachApi() {
        Path folder = TestData.dataset("restbench");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportException e = assertThrows(ImportException.class, () -> TestData.importInto(ws, folder, null, null));
            assertTrue(e.getMessage().contains("holds two APIs"), e.getMessage());
        }
    }

    @Test
    void writtenFiles() throws Exception {
        assertEquals("openai", detect(TestData.write(dir, "f.json", "[{\"type\": \"function\", \"function\": {\"name\": \"a\", \"parameters\": {}}}]")));
        assertEquals("openai", detect(TestData.write(dir, "f.jsonl", "{\"name\": \"a\", \"description\": \"x\", \"parameters\": {}}\n")));
        assertEquals("mcp", detect(TestData.write(dir, "m.json", "{\"result\": {\"tools\": [{\"name\": \"a\", \"inputSchema\": {}}]}}")));
        assertEquals("openapi", detect(TestData.write(dir, "api.yaml", "openapi: 3.1.0\npaths: {}\n")));
        assertEquals("generic", detect(TestData.write(dir, "rows.csv", "id,name,description\na,A,first\n")));
        assertEquals("beir", detect(TestData.write(dir, "beir/corpus.jsonl", "{\"_id\": \"1\", \"text\": \"x\"}\n").getParent()));
    }
}
