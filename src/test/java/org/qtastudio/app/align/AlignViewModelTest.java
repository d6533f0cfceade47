package org.qtastudio.app.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;
import javafx.concurrent.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qtastudio.align.AlignStore;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.FxTest;
import org.qtastudio.app.HeldTaskRunner;
import org.qtastudio.app.TaskRunner;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * The Align screen's loads without a window: a catalog's runs and the selected run's steps, the model folder's
 * description, and only the newest load counting when loads end out of order.
 */
class AlignViewModelTest {

    private Workspace workspace;
    private AppContext context;
    private Catalog sample;
    private long shortRun;
    private long longRun;

    @BeforeEach
    void twoRuns() throws Exception {
        workspace = Workspace.open(Files.createTempDirectory("qta-align-vm").resolve("vm.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        AlignStore store = new AlignStore(workspace);
        long catalogId = new org.qtastudio.catalog.CatalogStore(workspace).require(SampleData.CATALOG).id();
        shortRun = store.createRun(catalogId, "three steps", "/models/a", "{}");
        longRun = store.createRun(catalogId, "five steps", "/models/b", "{}");
        IntStream.rangeClosed(1, 3).forEach(i -> store.recordStep(shortRun, step(i)));
        IntStream.rangeClosed(1, 5).forEach(i -> store.recordStep(longRun, step(i)));
    }

    private static AlignStore.Step step(int i) {
        return new AlignStore.Step(1, i, 1, 0.7 - i * 0.01, 0.1, -0.1, 0.2, 0.5, 1e-4, 100);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void choosingACatalogListsItsRunsSelectsTheNewestAndPlotsItsSteps() throws Exception {
        context = new AppContext(workspace, TaskRunner.CURRENT_THREAD);
        sample = context.catalogs().require(SampleData.CATALOG);
        AlignViewModel model = FxTest.call(() -> new AlignViewModel(context));
        FxTest.run(() -> model.catalogProperty().set(sample));
        FxTest.settle();
        FxTest.run(() -> {
            assertEquals(List.of(longRun, shortRun), model.runs().stream().map(AlignStore.AlignRun::id).toList(), model.messageProperty().get());
            assertEquals(longRun, model.selectedRunProperty().get().id());
            assertEquals(5, model.steps().size());
            model.overlayRunProperty().set(model.runs().getLast());
        });
        FxTest.settle();
        FxTest.run(() -> assertEquals(3, model.overlaySteps().size(), "the overlaid run's steps"));
    }

    @Test
    void theStepsOfARunLeftBeforeTheyLoadedAreNotPlotted() throws Exception {
        HeldTaskRunner held = new HeldTaskRunner();
        context = new AppContext(workspace, held);
        sample = context.catalogs().require(SampleData.CATALOG);
        AlignViewModel model = FxTest.call(() -> new AlignViewModel(context));
        FxTest.run(() -> model.catalogProperty().set(sample));
        held.runAllAndSettle();
        FxTest.run(() -> {
            AlignStore.AlignRun five = model.runs().getFirst();
            AlignStore.AlignRun three = model.runs().getLast();
            model.selectedRunProperty().set(three);
            List<Task<?>> forThree = held.held();
            model.selectedRunProperty().set(five);
            held.held().stream().filter(t -> !forThree.contains(t)).forEach(held::run); // the newer loads end first
            forThree.forEach(held::run);
        });
        FxTest.settle();
        FxTest.run(() -> assertEquals(5, model.steps().size(), "the selected run's steps, not those of the run left"));
    }

    @Test
    void aMissingModelFolderBlocksStartAndAnOlderDescriptionNeverReplacesANewerOne() throws Exception {
        HeldTaskRunner held = new HeldTaskRunner();
        context = new AppContext(workspace, held);
        sample = context.catalogs().require(SampleData.CATALOG);
        AlignViewModel model = FxTest.call(() -> new AlignViewModel(context));
        String missing = Files.createTempDirectory("qta-align-vm").resolve("no-model").toString();
        FxTest.run(() -> model.catalogProperty().set(sample));
        held.runAllAndSettle();
        FxTest.run(() -> model.model().modelDirProperty().set(missing));
        held.runAllAndSettle();
        FxTest.run(() -> {
            assertFalse(model.model().usableProperty().get());
            assertTrue(model.model().modelInfoProperty().get().contains("no folder"), model.model().modelInfoProperty().get());
            assertTrue(model.startProblemProperty().get().startsWith("The model folder cannot be used"), model.startProblemProperty().get());

            model.model().modelDirProperty().set(missing + "-too");
            List<Task<?>> describing = held.held();
            model.model().modelDirProperty().set(" "); // cleared while the description of the other folder runs
            describing.forEach(held::run);
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertTrue(model.model().modelInfoProperty().get().startsWith("Choose a model folder"), model.model().modelInfoProperty().get());
            assertTrue(model.startProblemProperty().get().startsWith("Choose a model folder"), model.startProblemProperty().get());
        });
    }
}
