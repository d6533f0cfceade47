package org.qtastudio.app.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.FxTest;
import org.qtastudio.app.TaskRunner;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Deletion;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/** Deleting in the catalog screen: counted first for the confirmation, then deleted through the store, then the lists reload. */
class CatalogDeleteViewModelTest {

    private Path dir;
    private AppContext context;
    private CatalogBrowserViewModel model;

    @BeforeEach
    void catalog() throws Exception {
        dir = Files.createTempDirectory("qta-delete-vm");
        context = new AppContext(Workspace.open(dir.resolve("vm.qta")), TaskRunner.CURRENT_THREAD);
        Path file = Files.writeString(dir.resolve("calls.jsonl"), """
                {"id": "weather", "name": "weather", "description": "forecast for a city"}
                {"id": "stocks", "name": "stocks", "description": "share prices"}
                {"id": "maps", "name": "maps", "description": "routes between places"}
                {"id": "q1", "query": "rain in Oslo?", "gold": ["weather"]}
                {"id": "q2", "query": "ACME price and rain?", "gold": ["stocks", "weather"]}
                {"id": "q3", "query": "way to the station?", "gold": ["maps"]}
                """);
        new ImportService(context.workspace()).importSource(new ImportSource(file, Map.of(), null), "generic", "calls", Progress.NONE);
        model = FxTest.call(() -> new CatalogBrowserViewModel(context));
        FxTest.run(model::refreshCatalogs);
        FxTest.settle();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void deletingToolsSaysHowManyGoAndWhichGoldBecomesUnresolvedThenReloads() throws Exception {
        AtomicReference<Deletion> counted = new AtomicReference<>();
        FxTest.run(() -> model.countToolDeletion(List.of("weather", "stocks"), counted::set));
        FxTest.settle();
        String question = CatalogBrowserViewModel.toolConfirmation(counted.get());
        assertEquals("Delete 2 tools of catalog 'calls'? 3 gold references of 2 queries name them and become unresolved gold on those"
                + " queries. This cannot be undone.", question);
        assertEquals(3, context.catalogs().tools(context.catalogs().require("calls").id()).size(), "counting deletes nothing");

        FxTest.run(() -> model.deleteTools(List.of("weather", "stocks")));
        FxTest.settle();
        long id = context.catalogs().require("calls").id();
        assertEquals(List.of("maps"), context.catalogs().tools(id).stream().map(t -> t.key()).toList());
        UserQuery q2 = context.catalogs().queries(id, null).get(1);
        assertEquals(List.of("stocks", "weather"), q2.unresolvedGold().stream().sorted().toList());
        FxTest.run(() -> {
            assertEquals(1, model.catalogs().get(0).toolCount(), "the catalog list reloaded");
            assertEquals(1, model.visibleToolsProperty().get().size(), "the tool list reloaded");
            assertTrue(model.statusProperty().get().contains("calls"), model.statusProperty().get());
        });
    }

    @Test
    void deletingACatalogCountsEverythingThatGoesAndEmptiesTheList() throws Exception {
        AtomicReference<Deletion> counted = new AtomicReference<>();
        Catalog calls = FxTest.call(() -> model.catalogs().get(0));
        FxTest.run(() -> model.countCatalogDeletion(calls, counted::set));
        FxTest.settle();
        assertEquals("Delete catalog 'calls' with its 3 tools, 3 queries, 4 gold references and 0 alignment runs? This cannot be undone.",
                CatalogBrowserViewModel.catalogConfirmation(counted.get()));
        FxTest.run(() -> model.deleteCatalog(calls));
        FxTest.settle();
        assertTrue(context.catalogs().catalogs().isEmpty());
        FxTest.run(() -> {
            assertTrue(model.catalogs().isEmpty(), "the catalog list reloaded");
            assertEquals(null, model.selectedCatalogProperty().get());
        });
    }
}
