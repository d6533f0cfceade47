package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.TestData;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.store.Workspace;

/** Each kind of bad input gives a located, actionable error, and stores nothing. */
class BadInputTest {

    @TempDir
    Path dir;
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("w.qta"));
    }

    @AfterEach
    void close() {
        assertEquals(List.of(), new CatalogStore(ws).catalogs(), "a failed import leaves no catalog behind");
        ws.close();
    }

    private ImportException fails(Path file, String format) {
        ImportException e = assertThrows(ImportException.class, () -> TestData.importInto(ws, file, format, null));
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e;
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws Exception {
        Path file = TestData.write(dir, "tools.json", "[\n  {\"name\": \"a\", \"parameters\": {}},\n  {\"name\": \"b\",, }\n]");
        ImportException e = fails(file, "openai");
        assertEquals(3, e.line());
        assertEquals(16, e.column());
        assertTrue(e.getMessage().startsWith(file + ":3:16: "), e.getMessage());
    }

    @Test
    void malformedYamlNamesLineAndColumn() throws Exception {
        Path file = TestData.write(dir, "api.yaml", "openapi: 3.0.0\npaths:\n  /a:\n    get: {summary: x\n  /b: []\n");
        ImportException e = fails(file, "openapi");
        assertTrue(e.line() >= 4, e.getMessage());
        assertTrue(e.column() > 0, e.getMessage());
    }

    @Test
    void truncatedJsonIsLocated() throws Exception {
        Path file = TestData.write(dir, "tools.json", "[{\"name\": \"a\", \"parameters\": {}},\n");
        ImportException e = fails(file, "openai");
        assertEquals(2, e.line(), e.getMessage());
    }

    @Test
    void unknownFormatListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestData.importInto(ws, dir, "xml", null));
        assertTrue(e.getMessage().contains("unknown format 'xml'"), e.getMessage());
        assertTrue(e.getMessage().contains("beir, generic, mcp, metatool, mtrb, openai, openapi, restbench, toolbench"), e.getMessage());
    }

    @Test
    void undetectableFileAsksForFormat() throws Exception {
        Path file = TestData.write(dir, "notes.txt", "just some notes");
        ImportException e = fails(file, null);
        assertTrue(e.getMessage().contains("pass --format with one of: beir, generic"), e.getMessage());
    }

    @Test
    void emptyFile() throws Exception {
        Path file = TestData.write(dir, "tools.json", "");
        assertTrue(fails(file, "openai").getMessage().endsWith("the file is empty"));
        Path blank = TestData.write(dir, "blank.json", "  \n");
        assertTrue(fails(blank, "openai").getMessage().endsWith("the file is empty"));
        Path emptyArray = TestData.write(dir, "none.json", "[]");
        assertTrue(fails(emptyArray, "openai").getMessage().contains("no tools and no queries found"));
    }

    @Test
    void missingRequiredFieldNamesFieldAndElement() throws Exception {
        Path file = TestData.write(dir, "tools.json", """
                [{"name": "a", "parameters": {}},
                 {"description": "no name here", "parameters": {}}]""");
        ImportException e = fails(file, "openai");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().endsWith("element #2: missing required field 'name'"), e.getMessage());
        Path queries = TestData.write(dir, "q.json", "[{\"query\": \"find a movie\"}]");
        assertTrue(fails(queries, "restbench").getMessage().contains("element #1: missing required field 'solution'"));
    }

    @Test
    void badSplitInAGenericRowIsLocated() throws Exception {
        Path file = TestData.write(dir, "rows.jsonl", "{\"id\": \"t\", \"name\": \"T\"}\n{\"query\": \"q\", \"gold\": [\"t\"], \"split\": \"dev\"}\n");
        ImportException e = fails(file, "generic");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unknown split 'dev'"), e.getMessage());
    }

    @Test
    void missingCsvColumnNamesTheLine() throws Exception {
        Path file = TestData.write(dir, "all_clean_data.csv", "Query,Tool\nfine,ToolA\n,ToolB\n");
        ImportException e = fails(file, "metatool");
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("missing required column 'Query'"), e.getMessage());
    }

    @Test
    void invalidUtf8InJsonIsLocated() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("[{\"name\": \"a\", \"parameters\": {}},\n {\"name\": \"b".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes("\", \"parameters\": {}}]".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("tools.json");
        Files.write(file, bytes.toByteArray());
        ImportException e = fails(file, "openai");
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void invalidUtf8InCsvIsLocated() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("Query,Tool\nfirst,A\nsecond ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3);
        bytes.write(0x28);
        bytes.writeBytes(",B\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("all_clean_data.csv");
        Files.write(file, bytes.toByteArray());
        ImportException e = fails(file, "metatool");
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void invalidUtf8InJsonLinesAndYamlIsLocated() throws Exception {
        Path jsonl = dir.resolve("tools.jsonl");
        Files.write(jsonl, concat("{\"name\": \"a\", \"parameters\": {}}\n{\"name\": \"b", 0xFF, "\", \"parameters\": {}}\n"));
        ImportException e = fails(jsonl, "openai");
        assertEquals(2, e.line(), e.getMessage());
        Path yaml = dir.resolve("api.yaml");
        Files.write(yaml, concat("openapi: 3.0.0\npaths:\n  /a:\n    get: {summary: caf", 0xE9, "}\n"));
        e = fails(yaml, "openapi");
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    private static byte[] concat(String before, int badByte, String after) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        bytes.write(badByte);
        bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    @Test
    void duplicateToolKeysAreLocated() throws Exception {
        // (a function list repeating a function collapses or keeps each schema under its own key: see ImportShapesTest)
        Path file = TestData.write(dir, "tools.jsonl", """
                {"id": "a", "description": "A"}
                {"id": "b", "description": "B"}
                {"id": "a", "description": "another A"}
                """);
        ImportException e = fails(file, "generic");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("record #3: duplicate tool key 'a'"), e.getMessage());
    }

    @Test
    void goldNamingUnknownToolsIsReportedAndKept() throws Exception {
        Path tools = TestData.write(dir, "api.json", """
                {"openapi": "3.0.0", "info": {"title": "T"}, "paths": {"/search/movie": {"get": {"summary": "Search movies"}}}}""");
        Path queries = TestData.write(dir, "q.json", """
                [{"query": "find Alien", "solution": [" GET /search/movie ", "GET /nope"]}]""");
        TestData.importInto(ws, tools, null, "t");
        ImportReport report = TestData.importInto(ws, queries, null, "t");
        assertEquals(List.of(new ImportReport.UnmatchedGold("restbench:q:0", "find Alien", "GET /nope", List.of(), 0)), report.unmatchedGold());
        CatalogStore store = new CatalogStore(ws);
        assertEquals(List.of("T/GET /search/movie"), store.queries(store.require("t").id(), null).get(0).gold(), "the bare reference resolves to the spec's namespaced key");
        store.deleteCatalog(store.require("t"), false);
    }

    @Test
    void queriesWithoutACatalogSayWhatToImportFirst() throws Exception {
        Path queries = TestData.write(dir, "q.json", "[{\"query\": \"find Alien\", \"solution\": [\"GET /search/movie\"]}]");
        assertTrue(fails(queries, null).getMessage().contains("import the tool catalog first"));
    }
}
