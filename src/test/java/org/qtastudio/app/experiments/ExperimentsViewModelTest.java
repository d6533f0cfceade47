package org.qtastudio.app.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.AlignFixtures;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.RewriteEvaluationStore;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.FxTest;
import org.qtastudio.app.TaskRunner;
import org.qtastudio.app.align.AlignViewModel;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.experiment.ExperimentResults;
import org.qtastudio.experiment.ExperimentSpec.Kind;
import org.qtastudio.experiment.ExperimentStore;
import org.qtastudio.store.Workspace;

/**
 * The Experiments screen without a window, on the tiny random model and RestBench cut to four test queries: a grid
 * defined from the Align screen's settings is stored with the planned cells, its problems are said in words, a run
 * completes every cell and the chart gets exactly {@link ExperimentResults#points} of the stored cells, and a run
 * cancelled in its second cell resumes without running the first again.
 */
class ExperimentsViewModelTest {

    @TempDir
    static Path dir;
    private static Path model;
    private AppContext context;

    @BeforeAll
    static void tinyModel() throws Exception {
        AlignFixtures.assumeShared();
        model = AlignFixtures.tinyQwen3(dir.resolve("tiny-qwen3"));
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    /** The screen on a new workspace, its Align screen set to the short settings and both on RestBench. */
    private ExperimentsViewModel screen(String name, TaskRunner runner) throws Exception {
        context = new AppContext(TinyExperiments.workspace(dir.resolve(name + ".qta")), runner);
        Catalog restbench = context.catalogs().require(TinyExperiments.CATALOG);
        ExperimentsViewModel screen = FxTest.call(() -> {
            AlignViewModel align = new AlignViewModel(context);
            align.catalogProperty().set(restbench);
            TinyExperiments.shortSettings(align, model);
            ExperimentsViewModel m = new ExperimentsViewModel(context, align);
            m.grid().catalogProperty().set(restbench);
            m.refresh();
            return m;
        });
        FxTest.settle();
        return screen;
    }

    /** Types a data-efficiency grid into the form. */
    private static void dataEfficiency(ExperimentsViewModel m, String name, String sizes, String seeds) throws Exception {
        FxTest.run(() -> {
            GridForm g = m.grid();
            g.kindProperty().set(Kind.data_efficiency);
            g.sizesProperty().set(sizes);
            g.seedsProperty().set(seeds);
            g.nameProperty().set(name);
        });
        FxTest.settle();
    }

    private static List<ExperimentStore.Cell> storedCells(Workspace w, String name) {
        ExperimentStore store = new ExperimentStore(w);
        return store.cells(store.require(name).id());
    }

    @Test
    void aGridFromTheAlignSettingsIsStoredWithItsPlannedCellsAndProblemsAreSaidInWords() throws Exception {
        ExperimentsViewModel m = screen("create", TaskRunner.CURRENT_THREAD);
        GridForm g = m.grid();
        FxTest.run(() -> {
            g.kindProperty().set(Kind.transfer);
            assertEquals("A transfer experiment needs at least two catalogs: tick another one.", g.problemProperty().get());
            g.kindProperty().set(Kind.backbones);
            assertTrue(g.problemProperty().get().startsWith("A backbones experiment compares two or more model folders"),
                    g.problemProperty().get());
            g.kindProperty().set(Kind.data_efficiency);
            g.seedsProperty().set("1, two");
            assertEquals("Seeds are whole numbers separated by commas, such as 1,2,3; 'two' is not one.", g.problemProperty().get());
            g.seedsProperty().set("1,2");
            g.sizesProperty().set("0,11");
        });
        FxTest.settle();
        FxTest.run(() -> assertEquals("Catalog 'mtrb-restbench' has 10 train queries with gold tools, fewer than the size 11; "
                + "annotate or split more.", g.problemProperty().get()));

        dataEfficiency(m, "", "0,1,2", "1,2");
        FxTest.run(() -> {
            assertEquals("", g.problemProperty().get(), "a blank name is no problem to warn of");
            assertFalse(g.canCreateBinding().get(), "but Create waits for one");
            assertTrue(g.planProperty().get().startsWith("5 cells at 3 grid points. ROUGH estimate"), g.planProperty().get());
            assertTrue(g.planDetailProperty().get().contains("tiny-qwen3: alignment not measured yet"), g.planDetailProperty().get());
            assertTrue(g.fixedProperty().get().contains("2 rewrites per query") && g.fixedProperty().get().contains("1 epoch,"),
                    g.fixedProperty().get());
            g.nameProperty().set("de");
            assertTrue(g.canCreateBinding().get(), g.problemProperty().get());
            g.create();
        });
        FxTest.settle();

        List<ExperimentStore.Cell> cells = storedCells(context.workspace(), "de");
        assertEquals(List.of("size=0", "size=1", "size=1", "size=2", "size=2"), cells.stream().map(ExperimentStore.Cell::point).toList());
        assertEquals(List.of(1L, 1L, 2L, 1L, 2L), cells.stream().map(ExperimentStore.Cell::seed).toList());
        assertTrue(cells.stream().allMatch(c -> c.status() == ExperimentStore.Status.pending));
        assertNull(cells.getFirst().plan().align(), "size 0 is the base model");
        assertEquals(List.of(1, 1, 2, 2), cells.subList(1, 5).stream().map(c -> c.plan().align().trainQueries().size()).toList());
        for (ExperimentStore.Cell c : cells.subList(1, 5)) {
            assertEquals(2, c.plan().align().settings().samples(), "the Align screen's settings");
            assertEquals(c.seed(), c.plan().align().settings().seed(), "each cell its own seed");
            assertEquals(model.toAbsolutePath().toString(), c.plan().align().modelDir());
        }
        FxTest.run(() -> {
            assertEquals("de", m.selectedProperty().get().name(), "the new experiment is selected");
            assertEquals(cells, List.copyOf(m.cells()));
            assertEquals("0/5 · created", m.state(m.selectedProperty().get()));
            assertTrue(m.canRunBinding().get());
            assertFalse(m.canResumeBinding().get());
            assertTrue(m.remainingProperty().get().startsWith("0 of 5 cells done. ROUGH estimate"), m.remainingProperty().get());
            assertEquals("", g.nameProperty().get(), "the form is ready for the next experiment");
            g.nameProperty().set("de");
            assertEquals("The name 'de' is taken: choose another, or select that experiment and resume it.", g.problemProperty().get());
            assertFalse(g.canCreateBinding().get());
        });
    }

    @Test
    void aRunCompletesEveryCellAndTheChartGetsThePointsOfTheStoredCells() throws Exception {
        ExperimentsViewModel m = screen("run", TaskRunner.CURRENT_THREAD);
        dataEfficiency(m, "de", "0,1", "1");
        FxTest.run(() -> m.grid().create());
        FxTest.settle();
        FxTest.run(m::run); // the whole queue, on this thread
        FxTest.settle();

        List<ExperimentStore.Cell> cells = storedCells(context.workspace(), "de");
        assertEquals(List.of(ExperimentStore.Status.done, ExperimentStore.Status.done), cells.stream().map(ExperimentStore.Cell::status).toList(),
                FxTest.call(() -> m.messageProperty().get()));
        List<ExperimentResults.Point> expected = new ExperimentResults(context.workspace()).points(cells);
        assertEquals(2, expected.size());
        FxTest.run(() -> {
            assertEquals(cells, List.copyOf(m.cells()));
            assertEquals(expected, List.copyOf(m.points()), "the chart's numbers are those of the stored cells");
            assertEquals("2/2 · done", m.state(m.selectedProperty().get()));
            assertEquals("Every cell is done.", m.remainingProperty().get());
            assertFalse(m.canRunBinding().get() || m.canResumeBinding().get());
            assertTrue(m.messageProperty().get().contains("ran 2 cells"), m.messageProperty().get());
        });
        FxTest.settle();
        FxTest.run(() -> assertTrue(m.grid().planProperty().get().startsWith("2 cells at 2 grid points. Estimated wall time"),
                "the run measured the model, and the form's estimate rests on it: " + m.grid().planProperty().get()));

        // a click on the rewrites' point at size=1 opens that cell's original and rewritten runs
        AtomicReference<EvalRun[]> opened = new AtomicReference<>();
        FxTest.run(() -> {
            m.setOnOpen((before, after) -> opened.set(new EvalRun[] {before, after}));
            m.open("size=1", "rewrite");
        });
        FxTest.settle();
        RewriteEvaluationStore.Link link = new RewriteEvaluationStore(context.workspace()).list().stream()
                .filter(l -> l.id() == cells.get(1).rewriteEvalId()).findFirst().orElseThrow();
        assertEquals(link.originalRunId(), opened.get()[0].id());
        assertEquals(link.rewriteRunId(), opened.get()[1].id());
    }

    @Test
    void aRunCancelledInItsSecondCellResumesWithoutRunningTheFirstAgain() throws Exception {
        ExperimentsViewModel m = screen("cancel", null); // the application's background pool: the FX thread stays free to cancel
        dataEfficiency(m, "de", "1,2", "1");
        FxTest.run(() -> m.grid().create());
        await(m, "the experiment created", () -> !m.cells().isEmpty());
        // cancel as soon as the screen shows the first cell done, while the second is aligning
        FxTest.run(() -> {
            m.cells().addListener(new ListChangeListener<ExperimentStore.Cell>() {
                @Override
                public void onChanged(Change<? extends ExperimentStore.Cell> c) {
                    if (m.workingProperty().get() && m.cells().getFirst().status() == ExperimentStore.Status.done) {
                        m.cancel();
                        m.cells().removeListener(this);
                    }
                }
            });
            m.run();
        });
        await(m, "the cancel", () -> !m.workingProperty().get() && m.canResumeBinding().get());
        List<ExperimentStore.Cell> cancelled = storedCells(context.workspace(), "de");
        assertEquals(ExperimentStore.Status.done, cancelled.get(0).status());
        assertNotEquals(ExperimentStore.Status.done, cancelled.get(1).status(), "cancelled mid-way");
        assertTrue(FxTest.call(() -> m.messageProperty().get()).contains("cancelled"), FxTest.call(() -> m.messageProperty().get()));

        FxTest.run(m::resume);
        await(m, "the resume", () -> !m.workingProperty().get() && "2/2 · done".equals(m.state(m.selectedProperty().get()))
                && m.cells().stream().allMatch(c -> c.status() == ExperimentStore.Status.done));
        List<ExperimentStore.Cell> done = storedCells(context.workspace(), "de");
        assertTrue(done.stream().allMatch(c -> c.status() == ExperimentStore.Status.done));
        assertEquals(cancelled.get(0).rewriteEvalId(), done.get(0).rewriteEvalId(), "the first cell was not evaluated again");
        assertEquals(cancelled.get(0).alignRunId(), done.get(0).alignRunId(), "nor aligned again");
        long catalogId = context.catalogs().require(TinyExperiments.CATALOG).id();
        assertEquals(2, new AlignStore(context.workspace()).runs(catalogId).size(), "one alignment run per cell, none run twice");
        assertEquals(2, new RewriteEvaluationStore(context.workspace()).list().size(), "one rewrite evaluation per cell");
        FxTest.run(() -> assertEquals(new ExperimentResults(context.workspace()).points(done), List.copyOf(m.points())));
    }

    private static void await(ExperimentsViewModel m, String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!FxTest.call(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen; the screen says: " + FxTest.call(() -> m.messageProperty().get()));
            }
            Thread.sleep(20);
        }
    }
}
