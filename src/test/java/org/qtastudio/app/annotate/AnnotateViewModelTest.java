package org.qtastudio.app.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.FxTest;
import org.qtastudio.app.HeldTaskRunner;
import org.qtastudio.app.TaskRunner;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/** The Annotate screen's state without a window: loading, filters, suggestions, undo. */
class AnnotateViewModelTest {

    private AppContext context;
    private Catalog sample;

    @BeforeEach
    void workspace() throws Exception {
        Path dir = Files.createTempDirectory("qta-annotate-vm");
        Workspace workspace = Workspace.open(dir.resolve("vm.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        context = new AppContext(workspace, TaskRunner.CURRENT_THREAD);
        sample = context.catalogs().require(SampleData.CATALOG);
    }

    @AfterEach
    void close() {
        context.close();
    }

    /** A view model on the sample catalog with its queries loaded and its first suggestions shown. */
    private AnnotateViewModel loaded() throws Exception {
        AnnotateViewModel model = FxTest.call(() -> new AnnotateViewModel(context));
        FxTest.run(() -> model.catalogProperty().set(sample));
        FxTest.settle();
        return model;
    }

    @Test
    void choosingACatalogLoadsItsQueriesSelectsTheFirstAndSuggestsScoredTools() throws Exception {
        AnnotateViewModel model = loaded();
        FxTest.run(() -> {
            assertFalse(model.queries().isEmpty());
            assertEquals(model.queries().get(0), model.selectedQueryProperty().get());
            assertTrue(model.suggestions().stream().allMatch(s -> s.score() > 0), "zero-score tools are not suggested");
            model.selectedQueryProperty().set(model.queries().get(1));
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertFalse(model.suggestions().isEmpty(), "the default BM25 suggests tools for the first query '"
                    + model.selectedQueryProperty().get().text() + "'; message: " + model.messageProperty().get());
            assertTrue(model.suggestions().stream().allMatch(s -> s.score() > 0), "zero-score tools are not suggested");
            assertTrue(model.suggestions().size() <= 8);
        });
    }

    @Test
    void filtersBySplitAnnotatedAndTextAndSayWhyTheListIsEmpty() throws Exception {
        AnnotateViewModel model = loaded();
        FxTest.run(() -> {
            int all = model.queries().size();
            model.splitFilterProperty().set(Split.TEST);
            assertTrue(model.shownQueries().stream().allMatch(q -> q.split() == Split.TEST));
            model.splitFilterProperty().set(null);
            model.annotatedFilterProperty().set(AnnotateViewModel.Annotated.ANNOTATED);
            assertTrue(model.shownQueries().stream().noneMatch(q -> q.gold().isEmpty()));
            model.annotatedFilterProperty().set(AnnotateViewModel.Annotated.ALL);
            String word = model.queries().get(0).text().split("\\s+")[0];
            model.textFilterProperty().set(word.toUpperCase());
            assertTrue(model.shownQueries().stream().allMatch(q -> q.text().toLowerCase().contains(word.toLowerCase())));
            assertTrue(model.shownQueries().size() < all || all == 1);

            model.textFilterProperty().set("zzzz no such words");
            assertTrue(model.shownQueries().isEmpty());
            assertTrue(model.emptyReasonProperty().get().contains("No query matches the filters"), model.emptyReasonProperty().get());
            assertTrue(model.emptyReasonProperty().get().contains("zzzz"), "it names the filter");
            model.clearFilters();
            assertEquals(all, model.shownQueries().size());
            assertEquals("", model.emptyReasonProperty().get());
        });
    }

    @Test
    void switchingCatalogClearsAFilterThatWouldLeaveTheListEmpty() throws Exception {
        AnnotateViewModel model = FxTest.call(() -> new AnnotateViewModel(context));
        FxTest.run(() -> {
            model.textFilterProperty().set("zzzz no such words");
            model.catalogProperty().set(sample);
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertEquals(model.queries().size(), model.shownQueries().size(), "the emptying filter was cleared");
            assertEquals("", model.textFilterProperty().get());
            assertTrue(model.messageProperty().get().contains("cleared"), model.messageProperty().get());
        });
    }

    @Test
    void onlyTheLatestCatalogLoadIsShown() throws Exception {
        HeldTaskRunner runner = new HeldTaskRunner();
        try (AppContext held = new AppContext(context.workspace(), runner)) {
            AnnotateViewModel model = FxTest.call(() -> new AnnotateViewModel(held));
            FxTest.run(() -> {
                model.catalogProperty().set(sample);
                var sampleLoad = runner.held().getLast();
                model.catalogProperty().set(null);
                runner.run(sampleLoad); // the answer for the catalog the user left comes late
            });
            FxTest.settle();
            FxTest.run(() -> {
                assertTrue(model.queries().isEmpty(), "a replaced load is dropped");
                assertNull(model.selectedQueryProperty().get());
            });
        }
        context = new AppContext(Workspace.open(context.workspace().file()), TaskRunner.CURRENT_THREAD);
    }

    @Test
    void undoRestoresTheGoldSetAndReloadKeepsTheSelectedQuery() throws Exception {
        AnnotateViewModel model = loaded();
        UserQuery second = FxTest.call(() -> model.queries().get(1));
        FxTest.run(() -> model.selectedQueryProperty().set(second));
        FxTest.settle();
        FxTest.run(() -> {
            List<String> before = second.gold();
            String tool = model.suggestions().get(0).key();
            model.toggleGold(tool);
            assertEquals(before.contains(tool) ? before.size() - 1 : before.size() + 1, model.gold().size());
            assertTrue(model.undo());
            assertEquals(before, model.gold());
            model.reload();
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertEquals(second.key(), model.selectedQueryProperty().get().key(), "F5 keeps the query being annotated");
        });
    }

    @Test
    void deletingTheSelectedQueryRemovesItFromTheWorkspaceAndSelectsTheNext() throws Exception {
        AnnotateViewModel model = loaded();
        UserQuery[] picked = new UserQuery[2];
        FxTest.run(() -> {
            picked[0] = model.queries().get(0);
            picked[1] = model.queries().get(1);
            model.selectedQueryProperty().set(picked[0]);
            assertTrue(AnnotateViewModel.queryConfirmation(picked[0]).startsWith("Delete query '" + picked[0].key() + "'"));
            model.deleteSelectedQuery();
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertFalse(model.queries().contains(picked[0]));
            assertEquals(picked[1], model.selectedQueryProperty().get(), "the next query is selected");
        });
        List<String> stored = context.catalogs().queries(sample.id(), null).stream().map(UserQuery::key).toList();
        assertFalse(stored.contains(picked[0].key()), "deleted in the workspace: " + stored);
        assertTrue(stored.contains(picked[1].key()));
    }
}
