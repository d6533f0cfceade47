package org.qtastudio.app.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.qtastudio.align.AlignStore;
import org.qtastudio.app.ProgressLine;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.common.Plurals;

/**
 * The Align screen's state machine without a window: when Start is possible and what it says otherwise, what the
 * runs table says of a run (live phase while it runs, never the lagging stored status), the progress line, plurals,
 * and the step ticks of the charts.
 */
class AlignStateTest {

    private static final Catalog CATALOG = new Catalog(1, "mtrb-restbench", Instant.EPOCH, 54, 100);

    private static AlignStore.AlignRun run(AlignStore.Status status) {
        return new AlignStore.AlignRun(7, 1, "run", "/models/tiny", "{}", status, null, 1, null, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void startSaysWhatToFixInOrderAndIsPossibleOnlyWhenNothingIsLeft() {
        AlignSettingsForm form = new AlignSettingsForm();
        String ok = "Qwen3ForCausalLM: 2 layers";
        assertTrue(AlignViewModel.startProblem(CATALOG, "/m", true, ok, true, form).startsWith("Work is running"));
        assertTrue(AlignViewModel.startProblem(null, "/m", true, ok, false, form).startsWith("Choose a catalog"));
        assertTrue(AlignViewModel.startProblem(CATALOG, " ", false, "", false, form).startsWith("Choose a model folder"));
        assertEquals("The model folder cannot be used: Reading the model folder failed: there is no folder /nowhere.",
                AlignViewModel.startProblem(CATALOG, "/nowhere", false,
                        "Reading the model folder failed: there is no folder /nowhere.", false, form));
        assertEquals("Reading the model folder…", AlignViewModel.startProblem(CATALOG, "/m", false, "", false, form));
        form.fields().stream().filter(f -> f.id().equals("epochs")).findFirst().orElseThrow().text().set("two");
        assertEquals("Check the settings: Epochs must be a whole number, not 'two'.",
                AlignViewModel.startProblem(CATALOG, "/m", true, ok, false, form));
        form.fields().stream().filter(f -> f.id().equals("epochs")).findFirst().orElseThrow().text().set("0");
        assertTrue(AlignViewModel.startProblem(CATALOG, "/m", true, ok, false, form).startsWith("Check the settings: epochs"));
        form.fields().stream().filter(f -> f.id().equals("epochs")).findFirst().orElseThrow().text().set("2");
        assertEquals("", AlignViewModel.startProblem(CATALOG, "/m", true, ok, false, form));
    }

    @Test
    void theRunningRunShowsItsPhaseAndAStoppedOneItsTrueState() {
        assertEquals("starting", RunStatus.of(run(AlignStore.Status.created), true, ""));
        assertEquals("sampling", RunStatus.of(run(AlignStore.Status.created), true, "sampling"));
        assertEquals("training", RunStatus.of(run(AlignStore.Status.review), true, "training"), "not 'review' while it trains");
        assertEquals("sampling", RunStatus.of(run(AlignStore.Status.cancelled), true, "sampling"), "not 'cancelled' once resumed");
        assertEquals("interrupted", RunStatus.of(run(AlignStore.Status.training), false, ""));
        assertEquals("waits for review", RunStatus.of(run(AlignStore.Status.review), false, ""));
        assertEquals("completed", RunStatus.of(run(AlignStore.Status.completed), false, ""));
        assertEquals("cancelled", RunStatus.of(run(AlignStore.Status.cancelled), false, ""));
    }

    @Test
    void phasesAreReadFromTheServicesMessages() {
        assertEquals("sampling", ProgressLine.phase("Sampling rewrites for \"Find movies\""));
        assertEquals("training", ProgressLine.phase("Reference log-probabilities"));
        assertEquals("training", ProgressLine.phase("Round 1, epoch 2/4, step 3/8"));
        assertEquals("evaluating", ProgressLine.phase("Rewriting and ranking test queries"));
    }

    @Test
    void theProgressLineSaysCountElapsedAndTimeLeftPerPhase() {
        AtomicLong now = new AtomicLong(0);
        ProgressLine line = new ProgressLine(now::get);
        line.counted(0, 10);
        assertEquals("Sampling · 0/10 · 0:00 elapsed", line.text("Sampling"));
        now.set(4_000);
        line.counted(2, 10);
        assertEquals("Sampling · 2/10 · 0:04 elapsed · about 0:16 left", line.text("Sampling"));
        now.set(10_000);
        line.counted(0, 4); // training starts: a new phase, a new pace
        now.set(13_000);
        line.counted(1, 4);
        assertEquals("Round 1, epoch 1/2, step 1/4 · 1/4 · 0:13 elapsed · about 0:09 left", line.text("Round 1, epoch 1/2, step 1/4"));
        assertEquals("1:01:01", ProgressLine.clock(3_661_000));
    }

    @Test
    void countsTakeTheRightNounForm() {
        assertEquals("1 query", Plurals.count(1, "query", "queries"));
        assertEquals("0 queries", Plurals.count(0, "query", "queries"));
        assertEquals("2 pairs", Plurals.count(2, "pair", "pairs"));
    }

    @Test
    void stepTicksAreWholeAndNeverMoreThanFit() {
        assertEquals(1, StepChart.niceStep(8, 10));
        assertEquals(2, StepChart.niceStep(15, 10));
        assertEquals(20, StepChart.niceStep(150, 8));
        assertEquals(500, StepChart.niceStep(3000, 7));
        for (int last = 1; last < 5000; last += 37) {
            for (int fit = 2; fit < 20; fit++) {
                int step = StepChart.niceStep(last, fit);
                assertTrue(last / (double) step <= fit, last + " steps, " + fit + " ticks: " + step);
            }
        }
    }
}
