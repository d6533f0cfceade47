package org.qtastudio.app.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.FxTest;
import org.qtastudio.app.HeldTaskRunner;
import org.qtastudio.app.TaskRunner;
import org.qtastudio.store.Workspace;

/** The import dialog's state without a window: its errors, its latest dry run only, its readiness. */
class ImportPreviewViewModelTest {

    private Path dir;
    private AppContext context;

    @BeforeEach
    void workspace() throws Exception {
        dir = Files.createTempDirectory("qta-import-vm");
        context = new AppContext(Workspace.open(dir.resolve("vm.qta")), TaskRunner.CURRENT_THREAD);
    }

    @AfterEach
    void close() {
        context.close();
    }

    private String errorOf(String name, String format, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        ImportPreviewViewModel model = FxTest.call(() -> new ImportPreviewViewModel(context, file));
        FxTest.run(() -> {
            if (format != null) {
                model.formatProperty().set(format); // starts a dry run
            } else {
                model.refresh();
            }
        });
        FxTest.settle();
        return FxTest.call(() -> {
            assertFalse(model.readyProperty().get(), name + " cannot be imported");
            return model.errorProperty().get();
        });
    }

    @Test
    void aBrokenFileSaysFileLineColumnAndTheParsersMessageWithoutItsInternals() throws Exception {
        List<String> errors = new ArrayList<>();
        errors.add(errorOf("tools.json", "mcp", "{\"tools\": [\n  {\"name\": \"a\", \"description\": \"x\"},\n  {\"name\": \"b\" \"description\": \"y\"}\n]}\n"
                .getBytes(StandardCharsets.UTF_8)));
        errors.add(errorOf("queries.jsonl", "generic", "{\"id\":\"q1\",\"query\":\"x\"}\n{\"id\": \"q2\", \"query\": }\n"
                .getBytes(StandardCharsets.UTF_8)));
        errors.add(errorOf("api.yaml", "openapi", "openapi: 3.0.0\npaths:\n  /a:\n    get: [\n  bad: : x\n".getBytes(StandardCharsets.UTF_8)));
        errors.add(errorOf("latin1.json", "mcp", "[{\"name\":\"a\",\"description\":\"caf\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1)));
        errors.add(errorOf("detected.json", "mcp", "{\"tools\": [ {\"name\": \"a\" ] }".getBytes(StandardCharsets.UTF_8)));
        for (String error : errors) {
            assertFalse(error.isBlank(), "an error is shown");
            assertFalse(error.contains("[Source"), "no parser internals: " + error);
            assertFalse(error.contains("REDACTED"), "no parser internals: " + error);
            assertFalse(error.contains("Exception"), "no exception class names: " + error);
            assertTrue(error.matches("(?s).*\\.(json|jsonl|yaml):\\d+(:\\d+)?: .+"), "file:line:column then the message: " + error);
        }
        assertTrue(errors.get(0).contains("tools.json:3:"), errors.get(0));
    }

    @Test
    void onlyTheLatestDryRunIsShown() throws Exception {
        HeldTaskRunner runner = new HeldTaskRunner();
        Path good = dir.resolve("good.json");
        Files.writeString(good, "{\"tools\": [{\"name\": \"a\", \"description\": \"tool a\", \"inputSchema\": {\"type\": \"object\"}}]}");
        try (AppContext held = new AppContext(Workspace.open(dir.resolve("held.qta")), runner)) {
            ImportPreviewViewModel model = FxTest.call(() -> new ImportPreviewViewModel(held, good));
            FxTest.run(() -> {
                model.refresh();
                var first = runner.held().getLast();
                model.formatProperty().set("mcp"); // a new choice replaces the first dry run
                var second = runner.held().getLast();
                runner.run(second);
                runner.run(first);
            });
            FxTest.settle();
            FxTest.run(() -> {
                assertTrue(model.readyProperty().get(), "the latest dry run counts: " + model.errorProperty().get());
                assertEquals(1, model.tools().size());
                assertFalse(model.readingProperty().get());
                model.catalogNameProperty().set("renamed");
                assertFalse(model.readyProperty().get(), "a renamed catalog needs a new dry run before importing");
            });
        }
    }

    @Test
    void theEmptyPreviewSaysWhyItIsEmpty() throws Exception {
        errorOf("broken.json", "mcp", "[ {\"name\": ".getBytes(StandardCharsets.UTF_8));
        Path toolsOnly = dir.resolve("tools-only.json");
        Files.writeString(toolsOnly, "{\"tools\": [{\"name\": \"a\", \"description\": \"tool a\", \"inputSchema\": {\"type\": \"object\"}}]}");
        ImportPreviewViewModel model = FxTest.call(() -> new ImportPreviewViewModel(context, toolsOnly));
        FxTest.run(() -> model.formatProperty().set("mcp"));
        FxTest.settle();
        FxTest.run(() -> {
            assertTrue(model.readyProperty().get(), model.errorProperty().get());
            assertTrue(model.queries().isEmpty());
            assertTrue(model.queriesEmptyReasonProperty().get().contains("holds no queries"), model.queriesEmptyReasonProperty().get());
            assertTrue(model.problemsEmptyReasonProperty().get().startsWith("No problems"));
        });
        Path broken = dir.resolve("broken2.json");
        Files.writeString(broken, "[ {\"name\": ");
        ImportPreviewViewModel failed = FxTest.call(() -> new ImportPreviewViewModel(context, broken));
        FxTest.run(failed::refresh);
        FxTest.settle();
        FxTest.run(() -> assertTrue(failed.toolsEmptyReasonProperty().get().contains("could not be read"),
                failed.toolsEmptyReasonProperty().get()));
    }

    @Test
    void aDatasetFolderPreviewsAsAWhole() throws Exception {
        Path restbench = org.qtastudio.catalog.TestData.dataset("mtrb", "restbench");
        ImportPreviewViewModel model = FxTest.call(() -> new ImportPreviewViewModel(context, restbench));
        FxTest.run(model::refresh);
        FxTest.settle();
        FxTest.run(() -> {
            assertTrue(model.readyProperty().get(), model.errorProperty().get());
            assertFalse(model.tools().isEmpty());
            assertFalse(model.queries().isEmpty());
        });
    }

    @Test
    void theFieldMappingOffersTheFilesColumnsAndTheDryRunFollowsIt() throws Exception {
        Path file = dir.resolve("seal.jsonl");
        Files.writeString(file, """
                {"id": "weather", "name": "weather", "description": "forecast for a city"}
                {"id": "stocks", "name": "stocks", "description": "share prices"}
                {"id": "q1", "question": "rain in Oslo tomorrow?", "calling": [{"api": "weather", "arguments": {"city": "Oslo"}}]}
                {"id": "q2", "question": "price of ACME and rain?", "calling": [{"api": "stocks"}, {"api": "weather"}]}
                {"id": "q3", "question": "nothing to call"}
                """);
        ImportPreviewViewModel model = FxTest.call(() -> new ImportPreviewViewModel(context, file));
        FxTest.run(model::refresh);
        FxTest.settle();
        FxTest.run(() -> {
            assertTrue(model.mappableProperty().get(), "a .jsonl of records reads as generic");
            assertEquals(List.of("id", "name", "description", "question", "calling"), model.columns());
            assertFalse(model.readyProperty().get(), "unmapped, the query records are neither queries nor tools");
            model.map("query", "question");
            model.map("gold", "calling[].api");
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertTrue(model.readyProperty().get(), model.errorProperty().get());
            assertEquals(2, model.tools().size());
            assertEquals(List.of("q1", "q2", "q3"), model.queries().stream().map(q -> q.key()).toList());
            assertEquals(List.of("stocks", "weather"), model.queries().get(1).goldRefs());
            assertTrue(model.problems().isEmpty(), "every gold resolves: " + model.problems());
            assertEquals(Map.of("query", "question", "gold", "calling[].api"), model.source().fieldMapping());
            model.map("gold", "golds"); // a typo
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertFalse(model.readyProperty().get());
            String error = model.errorProperty().get();
            assertTrue(error.contains("'golds'") && error.contains("none of the 5 records") && error.contains("question, calling"), error);
            model.map("gold", " ");
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertTrue(model.readyProperty().get(), model.errorProperty().get());
            assertTrue(model.queries().get(0).goldRefs().isEmpty(), "an unmapped gold reads the default column, which these records lack");
        });
    }
}
