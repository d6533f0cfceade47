package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.TestData;

/**
 * Documents are read whole or refused where they go wrong: a second JSON value is never ignored, YAML aliases are
 * resolved within limits, and detection streams the whole document instead of a fixed prefix.
 */
class DocumentReadingTest {

    @TempDir
    Path dir;

    @Test
    void aSecondJsonValueIsRefusedWhereItStarts() throws Exception {
        Path file = TestData.write(dir, "spec.json", "{\"openapi\": \"3.0.0\", \"paths\": {}}\n{\"openapi\": \"3.0.0\"}\n");
        ImportException e = assertThrows(ImportException.class, () -> SourceFiles.readTree(file));
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertTrue(e.problem().startsWith("a second JSON value starts here"), e.problem());
        Path array = TestData.write(dir, "tools.json", "[{\"name\": \"a\"}]\n[{\"name\": \"b\"}]\n");
        List<JsonNode> seen = new ArrayList<>();
        e = assertThrows(ImportException.class, () -> SourceFiles.elements(array, Set.of(), (n, i) -> seen.add(n)));
        assertEquals(2, e.line());
        e = assertThrows(ImportException.class, () -> SourceFiles.fields(file, (name, v, i) -> { }));
        assertEquals(2, e.line());
    }

    @Test
    void yamlAliasesAreResolvedMergeKeysIncluded() throws Exception {
        Path file = TestData.write(dir, "spec.yaml", """
                openapi: 3.0.0
                x-common:
                  limit: &p {name: limit, in: query, schema: {type: integer}}
                  tag: &t pets
                  base: &b {summary: List pets, tags: [*t]}
                paths:
                  /pets:
                    get:
                      <<: *b
                      parameters: [*p]
                """);
        JsonNode root = SourceFiles.readTree(file);
        JsonNode get = root.at("/paths/~1pets/get");
        assertEquals("limit", get.at("/parameters/0/name").asText());
        assertEquals("integer", get.at("/parameters/0/schema/type").asText());
        assertEquals("List pets", get.path("summary").asText());
        assertEquals("pets", get.at("/tags/0").asText());
    }

    @Test
    void aYamlAliasBombIsRefused() throws Exception {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 8; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        Path file = TestData.write(dir, "bomb.yaml", yaml.toString());
        ImportException e = assertThrows(ImportException.class, () -> SourceFiles.readTree(file));
        assertTrue(e.problem().startsWith("YAML aliases expand this document beyond"), e.getMessage());
        assertTrue(e.line() > 1, "located at the alias: " + e.getMessage());
        Path dangling = TestData.write(dir, "dangling.yaml", "a: *nothing\n");
        e = assertThrows(ImportException.class, () -> SourceFiles.readTree(dangling));
        assertTrue(e.getMessage().contains("YAML alias *nothing names no anchor"), e.getMessage());
    }

    @Test
    void aYamlSpecLargerThanSnakeYamlsDefaultThreeMebibytesIsRead() throws Exception {
        StringBuilder yaml = new StringBuilder("openapi: 3.0.0\npaths: {}\nx-padding:\n");
        while (yaml.length() < 4 * 1024 * 1024) {
            yaml.append("  - \"").append("p".repeat(200)).append("\"\n");
        }
        Path file = TestData.write(dir, "big.yaml", yaml.toString());
        assertEquals("3.0.0", SourceFiles.readTree(file).path("openapi").asText());
    }

    @Test
    void detectionFindsTheOpenApiKeyAfter300KilobytesOfOtherKeys() throws Exception {
        StringBuilder json = new StringBuilder("{\"x-notes\": {");
        for (int i = 0; json.length() < 300 * 1024; i++) {
            json.append(i == 0 ? "" : ", ").append("\"note").append(i).append("\": \"").append("n".repeat(100)).append('"');
        }
        json.append("}, \"paths\": {\"/a\": {\"get\": {\"summary\": \"A\"}}}, \"openapi\": \"3.0.0\"}");
        Path file = TestData.write(dir, "service.json", json.toString());
        assertEquals("openapi", Importers.detect(ImportSource.of(file)).format());
    }

    @Test
    void aBrokenFileOfUnknownFormatIsReportedAsItsSyntaxError() throws Exception {
        Path file = TestData.write(dir, "things.json", "[\n  {\"title\": \"a\"},\n  {\"title\": }\n]\n");
        ImportException e = assertThrows(ImportException.class, () -> Importers.detect(ImportSource.of(file)));
        assertEquals(3, e.line());
        assertEquals(13, e.column());
        assertTrue(e.getMessage().startsWith(file + ":3:13: "), e.getMessage());
    }

    @Test
    void queryRecordsInAJsonFileAreDetectedAsGeneric() throws Exception {
        Path file = TestData.write(dir, "dev.json", """
                {"id": "q1", "query": "weather", "calling": [{"api": "w", "parameters": {"city": "x"}}]}
                {"id": "q2", "query": "mail", "calling": [{"api": "m", "parameters": {}}]}
                """);
        assertEquals("generic", Importers.detect(ImportSource.of(file)).format());
    }
}
