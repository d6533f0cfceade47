package org.qtastudio.app.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.qtastudio.eval.EvalService;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/**
 * The Baselines screen's state without a window: runs of the chosen catalog, the records of the first selected run,
 * the comparison of exactly two, and only the newest load counting when loads finish out of order.
 */
class BaselinesViewModelTest {

    private Workspace workspace;
    private AppContext context;
    private Catalog sample;

    @BeforeEach
    void twoRuns() throws Exception {
        workspace = Workspace.open(Files.createTempDirectory("qta-baselines-vm").resolve("vm.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        try (Retrievers retrievers = new Retrievers(workspace)) {
            EvalService service = new EvalService(workspace, retrievers);
            service.evaluate(SampleData.CATALOG, null, RetrieverSpec.Bm25.defaults(), List.of(5, 10), Progress.NONE);
            service.evaluate(SampleData.CATALOG, null, RetrieverSpec.Bm25.defaults(), List.of(1, 5), Progress.NONE);
        }
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        } else {
            workspace.close();
        }
    }

    @Test
    void listsTheRunsShowsRecordsAndComparesExactlyTwo() throws Exception {
        context = new AppContext(workspace, TaskRunner.CURRENT_THREAD);
        sample = context.catalogs().require(SampleData.CATALOG);
        BaselinesViewModel model = FxTest.call(() -> new BaselinesViewModel(context));
        FxTest.run(() -> model.catalogProperty().set(sample));
        FxTest.settle();
        FxTest.run(() -> {
            assertEquals(2, model.runs().size(), model.messageProperty().get());
            assertTrue(model.metricLabels().containsAll(List.of("S@1", "S@5", "S@10")), "the union of both runs' cutoffs: " + model.metricLabels());
            model.selectedRuns().setAll(model.runs().getFirst());
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertEquals(model.runs().getFirst(), model.shownRunProperty().get());
            assertFalse(model.queryRows().isEmpty(), "the first selected run's queries are listed");
            assertNull(model.comparisonProperty().get());
            assertTrue(model.comparisonTextProperty().get().startsWith("Select two runs"));
            model.selectedRuns().setAll(model.runs());
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertTrue(model.compareMetrics().contains("S@5") && !model.compareMetrics().contains("S@1")
                    && !model.compareMetrics().contains("S@10"), "only the metrics both runs have: " + model.compareMetrics());
            assertEquals("S@5", model.compareMetricProperty().get());
            assertTrue(model.comparisonProperty().get() != null, model.comparisonTextProperty().get());
            assertTrue(model.comparisonTextProperty().get().contains("(A) against run"), model.comparisonTextProperty().get());
        });
    }

    @Test
    void aComparisonThatFinishesAfterTheSelectionChangedIsDropped() throws Exception {
        HeldTaskRunner held = new HeldTaskRunner();
        context = new AppContext(workspace, held);
        sample = context.catalogs().require(SampleData.CATALOG);
        BaselinesViewModel model = FxTest.call(() -> new BaselinesViewModel(context));
        FxTest.run(() -> model.catalogProperty().set(sample));
        held.runAllAndSettle();
        FxTest.run(() -> model.selectedRuns().setAll(model.runs()));
        List<Task<?>> pending = held.held();
        assertFalse(pending.isEmpty(), "the records and the comparison load in the background");
        FxTest.run(() -> {
            model.selectedRuns().setAll(model.runs().getLast()); // one run left: nothing to compare
            pending.forEach(held::run); // the old loads end now, after the change
        });
        FxTest.settle();
        held.runAllAndSettle();
        FxTest.run(() -> {
            assertNull(model.comparisonProperty().get(), "the comparison of the runs no longer selected is not shown");
            assertTrue(model.comparisonTextProperty().get().startsWith("Select two runs"), model.comparisonTextProperty().get());
            assertEquals(model.runs().getLast(), model.shownRunProperty().get());
        });
    }

    @Test
    void runsOfACatalogLeftBeforeTheirLoadEndedAreNotShown() throws Exception {
        HeldTaskRunner held = new HeldTaskRunner();
        context = new AppContext(workspace, held);
        sample = context.catalogs().require(SampleData.CATALOG);
        BaselinesViewModel model = FxTest.call(() -> new BaselinesViewModel(context));
        held.runAllAndSettle();
        FxTest.run(() -> {
            model.catalogProperty().set(sample);
            Task<?> sampleRuns = held.held().getLast();
            model.catalogProperty().set(null); // the user left the catalog: its runs must not appear
            Task<?> noRuns = held.held().getLast();
            held.run(noRuns);
            held.run(sampleRuns);
        });
        FxTest.settle();
        FxTest.run(() -> assertTrue(model.runs().isEmpty(), "runs of the catalog left: " + model.runs()));
    }
}
