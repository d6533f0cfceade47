package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * The generic importer reads records through a mapping that reaches into nested values, refuses mappings and
 * records it cannot read faithfully, and a re-import replaces only what the source states.
 */
class GenericMappingTest {

    /** Seal-Tools' shape: tools with parameters as an object of name -> schema and a separate required list. */
    private static final String SEAL_TOOLS = """
            {"api_name": "getWeather", "api_description": "Current weather of a city", "field": "Weather", "parameters": {"city": {"type": "str", "description": "City name"}, "unit": {"type": "str", "description": "C or F"}}, "required": ["city"]}
            {"api_name": "sendMail", "api_description": "Send an e-mail", "field": "Mail", "parameters": {"to": {"type": "str", "description": "Recipient"}}, "required": ["to"]}
            {"api_name": "getNews", "api_description": "Latest headlines", "field": "News", "parameters": {}, "required": []}
            """;
    /** Seal-Tools' queries: the gold is the list of calls. */
    private static final String SEAL_QUERIES = """
            {"id": "q1", "query": "Weather in Paris, then mail it to Bob", "calling": [{"api": "getWeather", "parameters": {"city": "Paris"}}, {"api": "sendMail", "parameters": {"to": "bob"}}]}
            {"id": "q2", "query": "What is in the news?", "calling": [{"api": "getNews", "parameters": {}}]}
            """;

    @TempDir
    Path dir;
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("w.qta"));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private ImportReport importWith(Path file, Map<String, String> mapping, String catalog) throws Exception {
        return new ImportService(ws).importSource(new ImportSource(file, mapping, null), "generic", catalog, Progress.NONE);
    }

    private ImportException refused(Path file, Map<String, String> mapping, String catalog) {
        return assertThrows(ImportException.class, () -> importWith(file, mapping, catalog));
    }

    private void importSealTools() throws Exception {
        Path tools = TestData.write(dir, "tool.jsonl", SEAL_TOOLS);
        ImportReport report = importWith(tools, Map.of("key", "api_name", "description", "api_description", "category", "field"), "seal");
        assertEquals(3, report.tools().added());
    }

    @Test
    void sealToolsImportsWithoutConversion() throws Exception {
        importSealTools();
        Path queries = TestData.write(dir, "dev.jsonl", SEAL_QUERIES);
        ImportSource mapped = new ImportSource(queries, Map.of("gold", "calling[].api"), null);
        assertEquals("generic", Importers.detect(mapped).format(), "a mapping is for generic records");
        ImportReport report = new ImportService(ws).importSource(mapped, null, "seal", Progress.NONE);
        assertEquals(2, report.queries().added());
        assertEquals(List.of(), report.unmatchedGold());
        CatalogStore store = new CatalogStore(ws);
        long id = store.require("seal").id();
        List<UserQuery> train = store.queries(id, Split.TRAIN);
        assertEquals(List.of(List.of("getWeather", "sendMail"), List.of("getNews")), train.stream().map(UserQuery::gold).toList());
        Tool weather = store.tool(id, "getWeather").orElseThrow();
        assertEquals("Weather", weather.category());
        assertEquals(List.of(new ToolParameter("city", "str", "City name", true), new ToolParameter("unit", "str", "C or F", false)),
                weather.parameters());
    }

    @Test
    void parametersAsJsonSchemaOrAsAList() throws Exception {
        Path tools = TestData.write(dir, "tools.json", """
                [{"id": "a", "description": "first", "parameters": {"type": "object", "properties": {"q": {"type": "string", "description": "text"}}, "required": ["q"]}},
                 {"id": "b", "description": "second", "parameters": [{"name": "n", "type": "integer", "description": "count", "required": true}]}]
                """);
        importWith(tools, Map.of(), "p");
        CatalogStore store = new CatalogStore(ws);
        long id = store.require("p").id();
        assertEquals(List.of(new ToolParameter("q", "string", "text", true)), store.tool(id, "a").orElseThrow().parameters());
        assertEquals(List.of(new ToolParameter("n", "integer", "count", true)), store.tool(id, "b").orElseThrow().parameters());
    }

    @Test
    void aMappedColumnNoRecordHasIsRefusedWithTheColumnsSeen() throws Exception {
        importSealTools();
        Path queries = TestData.write(dir, "dev.jsonl", SEAL_QUERIES);
        ImportException e = refused(queries, Map.of("gold", "golds"), "seal");
        assertEquals(queries + ": column 'golds' (mapped to gold) occurs in none of the 2 records; columns seen: id, query, calling",
                e.getMessage());
        assertEquals(0, new CatalogStore(ws).queries(new CatalogStore(ws).require("seal").id(), null).size(), "nothing stored");
        Path tools = TestData.write(dir, "more.jsonl", SEAL_TOOLS);
        e = refused(tools, Map.of("key", "api_name", "description", "api_descriptoin"), "seal");
        assertTrue(e.getMessage().contains("column 'api_descriptoin' (mapped to description) occurs in none of the 3 records"), e.getMessage());
        assertEquals("Current weather of a city", new CatalogStore(ws).tool(new CatalogStore(ws).require("seal").id(), "getWeather")
                .orElseThrow().description(), "the earlier import is untouched");
        e = refused(queries, Map.of("gold", "calling[].apii"), "seal");
        assertTrue(e.getMessage().contains("path 'calling[].apii' (mapped to gold) occurs in none of the 2 records"), e.getMessage());
    }

    @Test
    void aReImportKeepsGoldAndSplitTheFileDoesNotState() throws Exception {
        importSealTools();
        Path labelled = TestData.write(dir, "dev.jsonl", SEAL_QUERIES);
        importWith(labelled, Map.of("gold", "calling[].api"), "seal");
        Path withSplit = TestData.write(dir, "dev-split.jsonl", """
                {"id": "q1", "query": "Weather in Paris, then mail it to Bob", "part": "test"}
                """);
        importWith(withSplit, Map.of("split", "part"), "seal");
        // the same queries again, without gold and without a split: nothing they hold may be lost
        ImportReport again = importWith(labelled, Map.of(), "seal");
        assertEquals(new ImportReport.Counts(0, 0, 2), again.queries());
        CatalogStore store = new CatalogStore(ws);
        long id = store.require("seal").id();
        assertEquals(List.of(new UserQuery("q1", "Weather in Paris, then mail it to Bob", Split.TEST, List.of("getWeather", "sendMail"))),
                store.queries(id, Split.TEST));
        assertEquals(List.of(new UserQuery("q2", "What is in the news?", Split.TRAIN, List.of("getNews"))), store.queries(id, Split.TRAIN));
        // gold the file states replaces the query's gold; an unlabelled query that gains gold moves to train
        Path changed = TestData.write(dir, "changed.jsonl", """
                {"id": "q2", "query": "What is in the news?", "gold": ["getWeather"]}
                {"id": "q3", "query": "Mail Alice"}
                """);
        importWith(changed, Map.of(), "seal");
        assertEquals(List.of("getWeather"), store.queries(id, Split.TRAIN).get(0).gold());
        assertEquals(List.of("q3"), store.queries(id, Split.UNLABELLED).stream().map(UserQuery::key).toList());
        importWith(TestData.write(dir, "gain.jsonl", "{\"id\": \"q3\", \"query\": \"Mail Alice\", \"gold\": \"sendMail\"}\n"), Map.of(), "seal");
        assertEquals(List.of("q2", "q3"), store.queries(id, Split.TRAIN).stream().map(UserQuery::key).toList());
    }

    @Test
    void aFieldMappedToAnObjectOrAListOfObjectsIsAnErrorNamingRecordAndField() throws Exception {
        importSealTools();
        Path queries = TestData.write(dir, "dev.jsonl", SEAL_QUERIES);
        ImportException e = refused(queries, Map.of("gold", "calling"), "seal");
        assertEquals(queries + ":1:1: record #1: field 'gold' (column 'calling') holds an object where a name belongs;"
                + " map a path to the names, e.g. gold=calling[].name", e.getMessage());
        e = refused(queries, Map.of("query", "calling[0]", "gold", "calling[].api"), "seal");
        assertTrue(e.getMessage().startsWith(queries + ":1:1: record #1: field 'query' (path 'calling[0]') is an object, not text"), e.getMessage());
    }

    @Test
    void aQueryWithoutTextIsAnErrorNamingTheRecordNeverATool() throws Exception {
        importSealTools();
        Path queries = TestData.write(dir, "dev.jsonl", """
                {"id": "q1", "query": "Weather in Paris", "calling": [{"api": "getWeather"}]}

                {"id": "q2", "query": "  ", "calling": [{"api": "getNews"}]}
                """);
        ImportException e = refused(queries, Map.of("gold", "calling[].api"), "seal");
        assertEquals(queries + ":3:1: record #2: query has no text ('query'); every query needs its text", e.getMessage());
        Path missing = TestData.write(dir, "missing.jsonl", """
                {"id": "q1", "query": "Weather in Paris", "gold": ["getWeather"]}
                {"id": "q2", "gold": ["getNews"]}
                """);
        e = refused(missing, Map.of(), "seal");
        assertTrue(e.getMessage().startsWith(missing + ":2:1: record #2: query has no text"), e.getMessage());
        CatalogStore store = new CatalogStore(ws);
        assertEquals(3, store.tools(store.require("seal").id()).size(), "no query became a tool");
    }

    @Test
    void aFileOfQueriesUnderOtherColumnNamesIsNotImportedAsTools() throws Exception {
        Path questions = TestData.write(dir, "questions.csv", "id,question,answer\n1,how warm is it,getWeather\n");
        ImportException e = refused(questions, Map.of(), "qs");
        assertEquals(questions + ":2: row 1: neither a query (no 'query') nor a tool (no 'name' or 'description'); fields of this record:"
                + " id, question, answer; map them with --map FIELD=COLUMN", e.getMessage());
        assertEquals(List.of(), new CatalogStore(ws).catalogs());
    }

    @Test
    void aToolWithoutKeyOrNameIsAnErrorNamingTheRecord() throws Exception {
        Path tools = TestData.write(dir, "tools.jsonl", "{\"id\": \"a\", \"description\": \"first\"}\n{\"description\": \"second\"}\n");
        ImportException e = refused(tools, Map.of(), "t");
        assertEquals(tools + ":2:1: record #2: a tool needs a key: no 'key' (column 'id') and no 'name'; map one with --map key=COLUMN",
                e.getMessage());
    }

    @Test
    void aJsonFileOfSeveralValuesIsReadWhole() throws Exception {
        Path tools = TestData.write(dir, "tools.json", """
                {"id": "a", "description": "first"}
                {"id": "b", "description": "second"}
                {"id": "c",
                 "description": "third"}
                """);
        // detected as records (each with a description), and every value read, not only the first
        assertEquals(3, new ImportService(ws).importSource(ImportSource.of(tools), null, "several", Progress.NONE).tools().added());
    }

    @Test
    void anInvalidPathIsRefusedNamingTheMapping() {
        Path file = dir.resolve("x.jsonl");
        ImportException e = assertThrows(ImportException.class,
                () -> importWith(TestData.write(dir, "x.jsonl", "{\"id\": \"a\", \"name\": \"A\"}\n"), Map.of("gold", "calling[.api"), "x"));
        assertTrue(e.getMessage().startsWith(file + ": mapping gold=calling[.api is neither a column of the 1 records nor a valid JMESPath path"),
                e.getMessage());
    }

    @Test
    void aCsvHeaderThatIsNoValidPathIsStillAColumn() throws Exception {
        Path csv = TestData.write(dir, "tools.csv", "api-name,api description\nw,Gets weather\n");
        importWith(csv, Map.of("key", "api-name", "description", "api description"), "c");
        CatalogStore store = new CatalogStore(ws);
        assertEquals("Gets weather", store.tool(store.require("c").id(), "w").orElseThrow().description());
    }

    @Test
    void toolDocumentsHeldAsTextAreParsedAndTheirQueriesImportedInOnePass() throws Exception {
        // ToolAlpaca's shape: each record is an API with its OpenAPI spec as a JSON string, its queries and their calls
        Path file = TestData.write(dir, "apis.json", """
                [{"Name": "Axolotl", "Category": "Animals",
                  "Documentation": "{\\"openapi\\": \\"3.0.0\\", \\"info\\": {\\"title\\": \\"Axolotl\\"}, \\"paths\\": {\\"/random\\": {\\"get\\": {\\"operationId\\": \\"getRandomImage\\", \\"description\\": \\"A random picture\\"}}, \\"/search\\": {\\"get\\": {\\"operationId\\": \\"searchImages\\", \\"summary\\": \\"Search pictures\\"}}}}",
                  "Instructions": ["Show me an axolotl", "Find pink axolotls, then one more at random"],
                  "Golden_Answers": [[{"Action": "getRandomImage"}], [{"Action": "searchImages"}, {"Action": "getRandomImage"}]]},
                 {"Name": "Cats", "Category": "Animals",
                  "Documentation": "{\\"openapi\\": \\"3.0.0\\", \\"paths\\": {\\"/search\\": {\\"get\\": {\\"operationId\\": \\"searchCats\\"}}}}",
                  "Instructions": ["Find a cat"], "Golden_Answers": [[{"Action": "searchCats"}]]}]
                """);
        ImportReport report = importWith(file, Map.of("key", "Name", "category", "Category", "document", "Documentation",
                "parse-as", "openapi", "query", "Instructions", "gold", "Golden_Answers[*][*].Action"), "alpaca");
        assertEquals(3, report.tools().added());
        assertEquals(3, report.queries().added());
        assertEquals(List.of(), report.unmatchedGold());
        CatalogStore store = new CatalogStore(ws);
        long id = store.require("alpaca").id();
        assertEquals(List.of("Axolotl/GET /random", "Axolotl/GET /search", "Cats/GET /search"), store.tools(id).stream().map(Tool::key).toList());
        assertEquals("Animals", store.tool(id, "Cats/GET /search").orElseThrow().category());
        assertEquals(List.of(new UserQuery("Axolotl#1", "Show me an axolotl", Split.TRAIN, List.of("Axolotl/GET /random")),
                new UserQuery("Axolotl#2", "Find pink axolotls, then one more at random", Split.TRAIN,
                        List.of("Axolotl/GET /search", "Axolotl/GET /random")),
                new UserQuery("Cats#1", "Find a cat", Split.TRAIN, List.of("Cats/GET /search"))), store.queries(id, Split.TRAIN));
    }

    @Test
    void aBrokenEmbeddedDocumentNamesTheRecordAndThePlaceInIt() throws Exception {
        Path file = TestData.write(dir, "apis.jsonl", """
                {"Name": "Good", "Documentation": "{\\"openapi\\": \\"3.0.0\\", \\"paths\\": {}}"}
                {"Name": "Bad", "Documentation": "{\\"openapi\\": \\"3.0.0\\",\\n \\"paths\\": {,}}"}
                """);
        ImportException e = refused(file, Map.of("key", "Name", "document", "Documentation", "parse-as", "openapi"), "x");
        assertTrue(e.getMessage().startsWith(file + ":2:1: record #2: field 'document' (column 'Documentation') of 'Bad', line 2, column 12 of the document:"),
                e.getMessage());
        e = refused(file, Map.of("key", "Name", "document", "Documentation"), "x");
        assertEquals(file + ": document=Documentation needs the documents' format: add --parse-as FORMAT", e.getMessage());
        assertEquals(List.of(), new CatalogStore(ws).catalogs());
    }
}
