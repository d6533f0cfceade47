package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.TestData;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.ToolParameter;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/** The formats without a shared dataset, on small files written here: detection, keys, fields, gold. */
class FormatsTest {

    @TempDir
    Path dir;

    private List<Tool> importTools(Path file, String expectedFormat) throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w-" + file.getFileName() + ".qta"))) {
            ImportReport report = TestData.importInto(ws, file, null, "c");
            assertEquals(expectedFormat, report.format(), "detected format");
            CatalogStore store = new CatalogStore(ws);
            return store.tools(store.require("c").id());
        }
    }

    @Test
    void openAiArrayWrappedAndBare() throws Exception {
        Path file = TestData.write(dir, "tools.json", """
                [{"type": "function", "function": {"name": "get_weather", "description": "Current weather",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"},
                  "days": {"type": "array", "items": {"type": "integer"}}}, "required": ["city"]}}},
                 {"name": "send_email", "description": "Send an email", "parameters": {"type": "object", "properties": {}}}]""");
        List<Tool> tools = importTools(file, "openai");
        assertEquals(List.of("get_weather", "send_email"), tools.stream().map(Tool::key).toList());
        assertEquals(List.of(new ToolParameter("city", "string", "City name", true), new ToolParameter("days", "array<integer>", "", false)),
                tools.get(0).parameters());
    }

    @Test
    void openAiToolsObjectFunctionsObjectAndJsonl() throws Exception {
        Path tools = TestData.write(dir, "a.json", """
                {"model": "x", "tools": [{"type": "function", "function": {"name": "a", "parameters": {}}}]}""");
        assertEquals("a", importTools(tools, "openai").get(0).key());
        Path functions = TestData.write(dir, "b.json", """
                {"functions": [{"name": "b", "description": "B", "parameters": {"type": "object"}}]}""");
        assertEquals("B", importTools(functions, "openai").get(0).description());
        Path jsonl = TestData.write(dir, "c.jsonl", """
                {"type": "function", "function": {"name": "c1", "parameters": {}}}

                {"name": "c2", "description": "second", "parameters": {}}
                """);
        assertEquals(List.of("c1", "c2"), importTools(jsonl, "openai").stream().map(Tool::key).toList());
    }

    @Test
    void mcpSingleServerAndMapOfServers() throws Exception {
        Path single = TestData.write(dir, "fs.json", """
                {"jsonrpc": "2.0", "id": 1, "result": {"tools": [
                  {"name": "read_file", "description": "Read a file", "inputSchema": {"type": "object",
                   "properties": {"path": {"type": "string"}}, "required": ["path"]}}]}}""");
        Tool read = importTools(single, "mcp").get(0);
        assertEquals("read_file", read.key());
        assertEquals(List.of(new ToolParameter("path", "string", "", true)), read.parameters());
        Path map = TestData.write(dir, "servers.json", """
                {"github": {"result": {"tools": [{"name": "create_issue", "description": "Open an issue", "inputSchema": {}}]}},
                 "slack": {"tools": [{"name": "post", "description": "Post a message", "inputSchema": {}}]}}""");
        List<Tool> tools = importTools(map, "mcp");
        assertEquals(List.of("github/create_issue", "slack/post"), tools.stream().map(Tool::key).toList());
        assertEquals("slack", tools.get(1).category());
    }

    @Test
    void beirFolder() throws Exception {
        Path folder = dir.resolve("scifact");
        TestData.write(folder, "corpus.jsonl", """
                {"_id": "d1", "title": "Weather", "text": "Gets the weather"}
                {"_id": "d2", "title": "Mail", "text": "Sends mail"}
                {"_id": "d3", "title": "", "text": "Untitled"}
                """);
        TestData.write(folder, "queries.jsonl", """
                {"_id": "q1", "text": "is it raining"}
                {"_id": "q2", "text": "email bob"}
                {"_id": "q3", "text": "no qrels"}
                """);
        TestData.write(folder, "qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t0\n");
        TestData.write(folder, "qrels/train.tsv", "query-id\tcorpus-id\tscore\nq2\td2\t2\n");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = TestData.importInto(ws, folder, null, null);
            assertEquals("beir", report.format());
            assertEquals("scifact", report.catalog());
            assertEquals(3, report.tools().added());
            CatalogStore store = new CatalogStore(ws);
            long id = store.require("scifact").id();
            assertEquals("d3", store.tool(id, "d3").orElseThrow().name(), "blank title falls back to the key");
            assertEquals(List.of(new UserQuery("beir:q1", "is it raining", Split.TEST, List.of("d1"))), store.queries(id, Split.TEST));
            assertEquals(List.of(new UserQuery("beir:q2", "email bob", Split.TRAIN, List.of("d2"))), store.queries(id, Split.TRAIN));
            assertEquals(List.of("beir:q3"), store.queries(id, Split.UNLABELLED).stream().map(UserQuery::key).toList());
        }
    }

    @Test
    void genericCsvWithMappingAndJsonl() throws Exception {
        Path csv = TestData.write(dir, "mine.csv", """
                tool_id,title,about,question,answers
                w,Weather,Gets weather,,
                m,Mail,Sends mail,,
                ,,,send a mail to bob,m
                ,,,weather and mail,w|m
                """);
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportSource source = new ImportSource(csv, Map.of("key", "tool_id", "name", "title", "description", "about",
                    "query", "question", "gold", "answers"), null);
            ImportReport report = new ImportService(ws).importSource(source, "generic", null, Progress.NONE);
            assertEquals(2, report.tools().added());
            assertEquals(2, report.queries().added());
            CatalogStore store = new CatalogStore(ws);
            long id = store.require("mine").id();
            assertEquals("Gets weather", store.tool(id, "w").orElseThrow().description());
            List<UserQuery> train = store.queries(id, Split.TRAIN);
            assertEquals(List.of(List.of("m"), List.of("w", "m")), train.stream().map(UserQuery::gold).toList());
        }
        Path jsonl = TestData.write(dir, "rows.jsonl", """
                {"id": "t1", "name": "One", "description": "first", "tags": ["a", "b"]}
                {"query": "use one", "gold": ["t1"], "split": "test"}
                """);
        try (Workspace ws = Workspace.open(dir.resolve("w2.qta"))) {
            ImportReport report = TestData.importInto(ws, jsonl, "generic", "g");
            assertEquals(1, report.queries().added());
            CatalogStore store = new CatalogStore(ws);
            long id = store.require("g").id();
            assertEquals(List.of("a", "b"), store.tool(id, "t1").orElseThrow().tags());
            assertEquals(List.of("t1"), store.queries(id, Split.TEST).get(0).gold());
        }
    }

    @Test
    void csvWithByteOrderMark() throws Exception {
        Path csv = TestData.write(dir, "tools.csv", "\uFEFFid,name,description\nw,Weather,Gets weather\n");
        assertEquals("w", importTools(csv, "generic").get(0).key());
    }

    @Test
    void openApiYaml() throws Exception {
        Path yaml = TestData.write(dir, "pets.yaml", """
                openapi: 3.0.0
                info: {title: Pet Store}
                components:
                  parameters:
                    Limit: {name: limit, in: query, schema: {type: integer}, description: How many}
                  schemas:
                    Pet:
                      type: object
                      required: [name]
                      properties:
                        name: {type: string, description: Pet name}
                paths:
                  /pets:
                    get:
                      operationId: listPets
                      parameters: [{$ref: '#/components/parameters/Limit'}]
                    post:
                      summary: Create a pet
                      description: Adds a pet to the store.
                      tags: [pets]
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Pet'}
                """);
        List<Tool> tools = importTools(yaml, "openapi");
        assertEquals(List.of("Pet Store/GET /pets", "Pet Store/POST /pets"), tools.stream().map(Tool::key).toList(), "keyed under info.title");
        assertEquals("listPets", tools.get(0).name());
        assertEquals("Pet Store", tools.get(0).category());
        assertEquals(List.of(new ToolParameter("limit", "integer", "How many", false)), tools.get(0).parameters());
        assertEquals("Create a pet. Adds a pet to the store.", tools.get(1).description());
        assertEquals("pets", tools.get(1).category());
        assertEquals(List.of(new ToolParameter("name", "string", "Pet name", true)), tools.get(1).parameters());
    }
}
