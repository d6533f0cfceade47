package org.qtastudio.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import javafx.concurrent.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.FxTest;
import org.qtastudio.app.HeldTaskRunner;
import org.qtastudio.app.TaskRunner;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalService;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/** The Results screen's loads without a window: the default pair is compared, and a replaced comparison never shows. */
class ResultsLoadsTest {

    private Workspace workspace;
    private AppContext context;
    private Catalog sample;

    @BeforeEach
    void twoRuns() throws Exception {
        workspace = Workspace.open(Files.createTempDirectory("qta-results-vm").resolve("vm.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        try (Retrievers retrievers = new Retrievers(workspace)) {
            EvalService service = new EvalService(workspace, retrievers);
            service.evaluate(SampleData.CATALOG, null, RetrieverSpec.Bm25.defaults(), List.of(5, 10), Progress.NONE);
            service.evaluate(SampleData.CATALOG, null, RetrieverSpec.Bm25.defaults(), List.of(5, 10), Progress.NONE);
        }
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void choosingACatalogComparesTheNewestRunWithTheOneBefore() throws Exception {
        context = new AppContext(workspace, TaskRunner.CURRENT_THREAD);
        sample = context.catalogs().require(SampleData.CATALOG);
        ResultsViewModel model = FxTest.call(() -> new ResultsViewModel(context));
        FxTest.run(() -> model.catalogProperty().set(sample));
        FxTest.settle();
        FxTest.run(() -> {
            assertEquals(2, model.runs().size(), model.messageProperty().get());
            assertEquals(model.runs().getLast(), model.beforeProperty().get());
            assertEquals(model.runs().getFirst(), model.afterProperty().get());
            BeforeAfter c = model.comparisonProperty().get();
            assertEquals(model.runs().getFirst().id(), c.after().id());
            assertEquals(c.queries().size(), model.queries().size());
            assertTrue(model.messageProperty().get().contains("unchanged"), model.messageProperty().get());
        });
    }

    @Test
    void aComparisonReplacedBeforeItEndedIsDropped() throws Exception {
        HeldTaskRunner held = new HeldTaskRunner();
        context = new AppContext(workspace, held);
        sample = context.catalogs().require(SampleData.CATALOG);
        ResultsViewModel model = FxTest.call(() -> new ResultsViewModel(context));
        FxTest.run(() -> model.catalogProperty().set(sample));
        held.runAllAndSettle();
        FxTest.run(() -> {
            model.swap(); // newer → older, loading
            List<Task<?>> swapped = held.held();
            model.swap(); // back to older → newer before the first load ended
            held.held().stream().filter(t -> !swapped.contains(t)).forEach(held::run);
            swapped.forEach(held::run);
        });
        FxTest.settle();
        FxTest.run(() -> {
            EvalRun older = model.runs().getLast();
            EvalRun newer = model.runs().getFirst();
            assertEquals(older.id(), model.comparisonProperty().get().before().id(), "the pair chosen last is shown");
            assertEquals(newer.id(), model.comparisonProperty().get().after().id());
        });
    }
}
