package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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

/** The shapes people arrive with (issue 12), on the small hand-written files under src/test/resources/imports. */
class ImportShapesTest {

    private static final Path RESOURCES = Path.of("src", "test", "resources", "imports");
    private static final Path FOLDER = RESOURCES.resolve("openapi-folder");

    @TempDir
    Path dir;

    private static ImportReport importInto(Workspace ws, ImportSource source, String catalog) throws Exception {
        return new ImportService(ws).importSource(source, null, catalog, Progress.NONE);
    }

    private static List<Tool> tools(Workspace ws, String catalog) {
        CatalogStore store = new CatalogStore(ws);
        return store.tools(store.require(catalog).id());
    }

    private static List<UserQuery> queries(Workspace ws, String catalog) {
        CatalogStore store = new CatalogStore(ws);
        return store.queries(store.require(catalog).id(), null);
    }

    @Test
    void twoSpecsWithTheSameOperationKeepBothUnderTheirTitles() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            importInto(ws, ImportSource.of(FOLDER.resolve("alpha.yaml")), "apis");
            ImportReport second = importInto(ws, ImportSource.of(FOLDER.resolve("beta.json")), "apis");
            assertEquals(new ImportReport.Counts(2, 0, 0), second.tools(), "Beta's GET /search is a new tool, not an update of Alpha's");
            List<String> keys = tools(ws, "apis").stream().map(Tool::key).toList();
            assertEquals(List.of("Alpha Books/GET /search", "Alpha Books/POST /orders", "Beta Pets/GET /search", "Beta Pets/POST /pets"), keys);
        }
    }

    @Test
    void aChangedToolFromAnotherSourceUnderTheSameKeyIsACollisionAndStoresNothing() throws Exception {
        Path other = dir.resolve("copy-of-alpha.yaml");
        Files.writeString(other, Files.readString(FOLDER.resolve("alpha.yaml")).replace("Search books", "Search the whole catalogue"));
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            importInto(ws, new ImportSource(FOLDER.resolve("alpha.yaml"), Map.of(), null, "shop", null), "apis");
            ImportException e = assertThrows(ImportException.class,
                    () -> importInto(ws, new ImportSource(other, Map.of(), null, "shop", null), "apis"));
            assertTrue(e.getMessage().contains("tool key 'shop/GET /search' collides") && e.getMessage().contains("alpha.yaml")
                    && e.getMessage().contains("--namespace"), e.getMessage());
            assertEquals("Search books", tools(ws, "apis").get(0).name(), "the first source's tool is untouched");
            // the same source changed is an update, as before
            Path edited = dir.resolve("alpha.yaml");
            Files.writeString(edited, Files.readString(FOLDER.resolve("alpha.yaml")));
            importInto(ws, new ImportSource(edited, Map.of(), null, "mine", null), "mine");
            Files.writeString(edited, Files.readString(edited).replace("Search books", "Find books"));
            ImportReport update = importInto(ws, new ImportSource(edited, Map.of(), null, "mine", null), "mine");
            assertEquals(new ImportReport.Counts(0, 1, 1), update.tools());
        }
    }

    @Test
    void anEmptyNamespaceGivesTheBareOperationKeys() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            importInto(ws, new ImportSource(FOLDER.resolve("alpha.yaml"), Map.of(), null, "", null), "bare");
            assertEquals(List.of("GET /search", "POST /orders"), tools(ws, "bare").stream().map(Tool::key).toList());
        }
    }

    @Test
    void aFolderOfSpecsImportsEachUnderItsTitleWithComposedBodiesAsParameters() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = importInto(ws, ImportSource.of(FOLDER), "apis");
            assertEquals("openapi", report.format(), "a folder of specs is detected");
            assertEquals(5, report.tools().added());
            assertEquals(List.of("skipped notes.json: not an OpenAPI or Swagger document (no 'openapi' or 'swagger' field)"), report.warnings());
            Map<String, Tool> byKey = new java.util.HashMap<>();
            tools(ws, "apis").forEach(t -> byKey.put(t.key(), t));
            assertEquals(List.of(new ToolParameter("isbn", "string", "The book's ISBN", true),
                    new ToolParameter("quantity", "integer", "How many copies", true)), byKey.get("Alpha Books/POST /orders").parameters(),
                    "allOf: the $ref part and the inline part, both required lists");
            assertEquals(List.of(new ToolParameter("name", "string", "The pet's name", true), new ToolParameter("age", "integer", "", false)),
                    byKey.get("Beta Pets/POST /pets").parameters(), "Swagger 2.0 body parameter expanded from #/definitions");
            assertEquals(List.of(new ToolParameter("species", "string", "", true)), byKey.get("Beta Pets/GET /search").parameters());
            assertEquals(List.of(new ToolParameter("amount", "number|null", "", true), new ToolParameter("card_number", "string", "", false),
                    new ToolParameter("iban", "string", "", false)), byKey.get("Gamma Pay/POST /payments").parameters(),
                    "OpenAPI 3.1 oneOf: each alternative's fields, none required");
        }
    }

    @Test
    void refsIntoFilesBesideTheSpecResolveWithTheirOwnLocalRefs() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            importInto(ws, ImportSource.of(RESOURCES.resolve("openapi-split").resolve("api.yaml")), "shop");
            Tool add = tools(ws, "shop").get(0);
            assertEquals("Split Shop/POST /items", add.key());
            assertEquals(List.of(new ToolParameter("dry_run", "boolean", "Check only", false),
                    new ToolParameter("name", "string", "What it is called", true), new ToolParameter("price", "number", "", false)),
                    add.parameters());
        }
    }

    @Test
    void anOpenApi31SpecWithoutPathsInAFolderIsNamedAndSkipped() throws Exception {
        Path folder = dir.resolve("specs");
        TestData.write(folder, "hooks.yaml", "openapi: 3.1.0\ninfo: {title: Hooks}\nwebhooks: {}\n");
        Files.copy(FOLDER.resolve("alpha.yaml"), folder.resolve("alpha.yaml"));
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = importInto(ws, ImportSource.of(folder), "apis");
            assertEquals(2, report.tools().added());
            assertEquals(List.of("hooks.yaml ('Hooks') has no paths, so no operations to import"), report.warnings());
        }
    }

    @Test
    void namespaceOnAFolderIsRefused() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportException e = assertThrows(ImportException.class,
                    () -> importInto(ws, new ImportSource(FOLDER, Map.of(), null, "x", null), "apis"));
            assertTrue(e.getMessage().contains("in a folder each spec is keyed under its own info.title"), e.getMessage());
        }
    }

    @Test
    void restBenchGoldNamesTheBareOperationOfANamespacedSpec() throws Exception {
        Path queries = TestData.write(dir, "alpha-queries.json", """
                [{"query": "books about whales", "solution": ["GET /search"]},
                 {"query": "order two copies", "solution": ["POST  /orders/ "]}]""");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            importInto(ws, ImportSource.of(FOLDER.resolve("alpha.yaml")), "alpha");
            ImportReport report = importInto(ws, ImportSource.of(queries), "alpha");
            assertEquals(List.of(), report.unmatchedGold());
            assertEquals(List.of(List.of("Alpha Books/GET /search"), List.of("Alpha Books/POST /orders")),
                    queries(ws, "alpha").stream().map(UserQuery::gold).toList());
        }
    }

    @Test
    void mcpServerListKeysToolsByServerAndResolvesBareGoldOnlyWhenUnique() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport tools = importInto(ws, ImportSource.of(RESOURCES.resolve("mcp-servers.json")), "mcp");
            assertEquals("mcp", tools.format());
            List<Tool> list = tools(ws, "mcp");
            assertEquals(List.of("github/create_issue", "github/search", "brave/search"), list.stream().map(Tool::key).toList());
            assertEquals("github", list.get(0).category());
            assertEquals(List.of("repo", "title"), list.get(0).parameters().stream().map(ToolParameter::name).toList());

            ImportReport queries = importInto(ws, ImportSource.of(RESOURCES.resolve("mcp-queries.jsonl")), "mcp");
            assertEquals(1, queries.unmatchedGold().size());
            ImportReport.UnmatchedGold ambiguous = queries.unmatchedGold().get(0);
            assertEquals("search", ambiguous.reference());
            assertEquals(List.of("github/search", "brave/search"), ambiguous.candidates());
            assertTrue(ambiguous.reason().startsWith("ambiguous: fits 2 tools (github/search, brave/search)"), ambiguous.reason());
            List<UserQuery> stored = queries(ws, "mcp");
            assertEquals(List.of("github/create_issue"), stored.get(0).gold(), "a bare name one server has resolves to it");
            assertEquals(List.of(), stored.get(1).gold());
            assertEquals(List.of("search"), stored.get(1).unresolvedGold(), "the ambiguous name is kept as unresolved gold");
            assertEquals(List.of("github/search"), stored.get(2).gold());
        }
    }

    @Test
    void mcpDirectoryEntriesGroupingToolsByServer() throws Exception {
        // LiveMCPBench's tools.json: each entry's "tools" is an object of server name -> {tools: [...]}
        Path file = TestData.write(dir, "directory.json", """
                [{"name": "Yahoo Finance MCP", "category": "Finance", "tools": {"yahoo-finance": {"server_name": "yahoo-finance",
                   "tools": [{"name": "get_news", "description": "News for a symbol", "inputSchema": {"type": "object"}}]}}},
                 {"name": "Fetch", "tools": {"fetch": {"tools": [{"name": "fetch", "inputSchema": {"type": "object"}}]}}}]""");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            importInto(ws, ImportSource.of(file), "dir");
            assertEquals(List.of("yahoo-finance/get_news", "fetch/fetch"), tools(ws, "dir").stream().map(Tool::key).toList());
        }
    }

    @Test
    void mcpSingleServerWithNamespace() throws Exception {
        Path file = TestData.write(dir, "server.json", """
                {"result": {"tools": [{"name": "read_file", "inputSchema": {"type": "object"}}]}}""");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            importInto(ws, new ImportSource(file, Map.of(), null, "filesystem", null), "fs");
            assertEquals(List.of("filesystem/read_file"), tools(ws, "fs").stream().map(Tool::key).toList());
        }
    }

    @Test
    void bfclRecordsGiveToolsQueriesAndGoldFromTheAnswerFile() throws Exception {
        Path data = RESOURCES.resolve("bfcl").resolve("BFCL_v3_sample.json");
        Path answers = RESOURCES.resolve("bfcl").resolve("BFCL_v3_sample.answers.json");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = importInto(ws, new ImportSource(data, Map.of(), null, null, answers), "bfcl");
            assertEquals("openai", report.format(), "JSON Lines under a .json name is detected as a function-calling benchmark");
            assertEquals(new ImportReport.Counts(3, 0, 0), report.tools());
            assertEquals(new ImportReport.Counts(4, 0, 0), report.queries());
            assertEquals(List.of("2 repeated function definitions were identical to one read before and were collapsed into it",
                    "1 functions share a name with an earlier function but not its schema; each is kept under its own key (calculate_triangle_area#2)"),
                    report.warnings());
            List<Tool> tools = tools(ws, "bfcl");
            assertEquals(List.of("calculate_triangle_area", "calculate_triangle_area#2", "math.factorial"), tools.stream().map(Tool::key).toList());
            assertEquals(List.of("a", "b", "c"), tools.get(1).parameters().stream().map(ToolParameter::name).toList());
            List<UserQuery> queries = queries(ws, "bfcl");
            assertEquals(List.of("simple_0", "simple_1", "multiple_2", "irrelevance_3"), queries.stream().map(UserQuery::key).toList());
            assertEquals("Area of a triangle with sides 3, 4 and 5?", queries.get(2).text(), "the user's message, not the system prompt");
            assertEquals(List.of("calculate_triangle_area#2"), queries.get(2).gold(), "gold is the variant the record itself offered");
            assertEquals(List.of("calculate_triangle_area"), queries.get(0).gold());
            assertEquals(Split.UNLABELLED, queries.get(3).split(), "no answer: no gold");
        }
    }

    @Test
    void bfclWithoutAnswersLeavesQueriesUnlabelled() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            importInto(ws, ImportSource.of(RESOURCES.resolve("bfcl").resolve("BFCL_v3_sample.json")), "bfcl");
            assertTrue(queries(ws, "bfcl").stream().allMatch(q -> q.split() == Split.UNLABELLED && !q.hasAnyGold()));
        }
    }

    @Test
    void answersForAFileWithoutBenchmarkRecordsAreRefused() throws Exception {
        Path functions = TestData.write(dir, "tools.json", """
                [{"name": "f", "parameters": {"type": "object"}}]""");
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportException e = assertThrows(ImportException.class, () -> importInto(ws,
                    new ImportSource(functions, Map.of(), null, null, RESOURCES.resolve("bfcl").resolve("BFCL_v3_sample.answers.json")), "c"));
            assertTrue(e.getMessage().contains("holds no such records"), e.getMessage());
        }
    }

    @Test
    void identicalFunctionsInAPlainFunctionListCollapse() throws Exception {
        Path functions = TestData.write(dir, "tools.jsonl", """
                {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}
                {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}
                """);
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportReport report = importInto(ws, ImportSource.of(functions), "c");
            assertEquals(1, report.tools().added());
        }
    }
}
