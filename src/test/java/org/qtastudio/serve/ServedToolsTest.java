package org.qtastudio.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.ToolParameter;

/** The input schema an agent gets for tools of each importer's format. */
class ServedToolsTest {

    private static String schema(Tool tool) {
        return ServedTools.of(tool, 1, 1.0).inputSchema().toString();
    }

    @Test
    void anMcpToolKeepsItsInputSchemaAndIsCalledByItsName() {
        String doc = """
                {"name":"create_issue","title":"Create an issue","description":"Open an issue",
                 "inputSchema":{"type":"object","properties":{"repo":{"type":"string","pattern":"^[^/]+/[^/]+$"}},"required":["repo"]}}""";
        Tool tool = new Tool("github/create_issue", "Create an issue", "Open an issue", null, null,
                List.of(new ToolParameter("repo", "string", "", true)), "github", List.of(), "mcp", doc);
        ServedTool served = ServedTools.of(tool, 2, 0.5);
        assertEquals("create_issue", served.name());
        assertEquals("github", served.namespace());
        assertEquals("{\"type\":\"object\",\"properties\":{\"repo\":{\"type\":\"string\",\"pattern\":\"^[^/]+/[^/]+$\"}},\"required\":[\"repo\"]}",
                served.inputSchema().toString(), "the source's own schema, with what the parameters do not hold (a pattern)");
    }

    @Test
    void anOpenAiFunctionKeepsItsParameters() {
        String wrapped = """
                {"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string","enum":["Paris","Rome"]}}}}}""";
        String bare = """
                {"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string","enum":["Paris","Rome"]}}}}""";
        for (String doc : List.of(wrapped, bare)) {
            Tool tool = new Tool("get_weather", "get_weather", "", null, null, List.of(), null, List.of(), "openai", doc);
            assertEquals("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"enum\":[\"Paris\",\"Rome\"]}}}", schema(tool));
        }
    }

    @Test
    void otherFormatsGetASchemaBuiltFromTheirParameters() {
        Tool openApi = new Tool("GET /movie/{id}", "Movie details", "", "GET", "/movie/{id}", List.of(
                new ToolParameter("id", "integer", "The movie's id", true),
                new ToolParameter("language", "string|null", "", false),
                new ToolParameter("ids", "array<integer>", "", false),
                new ToolParameter("sort", "enum", "How to sort", false),
                new ToolParameter("id", "string", "the same name again (query and path)", false)),
                "TMDB", List.of(), "openapi", "{\"method\":\"GET\",\"path\":\"/movie/{id}\",\"operation\":{}}");
        assertEquals("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\",\"description\":\"The movie's id\"},"
                + "\"language\":{\"type\":[\"string\",\"null\"]},\"ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},"
                + "\"sort\":{\"description\":\"How to sort\"}},\"required\":[\"id\"]}", schema(openApi));
        Tool toolBench = new Tool("weather/forecast", "forecast", "", "GET", null, List.of(
                new ToolParameter("city", "STRING", "", true), new ToolParameter("date", "DATE (YYYY-MM-DD)", "day", false)),
                "Weather", List.of(), "toolbench", "{}");
        assertEquals("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"date\":{\"description\":\"day\"}},"
                + "\"required\":[\"city\"]}", schema(toolBench), "a type JSON Schema has no word for is left out, not guessed");
        Tool none = new Tool("search", "search", "", null, null, List.of(), null, List.of(), "metatool", "not json");
        assertEquals("{\"type\":\"object\",\"properties\":{}}", schema(none));
    }
}
