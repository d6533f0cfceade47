package org.qtastudio.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.AlignedRewriter;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/**
 * Works through an experiment's queue: for each unfinished cell, its alignment (created and linked to the cell
 * before it starts, so that a crash or a cancel continues that run from its last checkpoint), then the rewrite
 * evaluation of its rewriter, then the cell's numbers committed with its status. Finished cells are skipped, so
 * running an experiment again after a kill or Ctrl-C repeats none of them. The first failure stops the queue and
 * is recorded on its cell; a resume retries it.
 */
public final class ExperimentRunner {

    private final Workspace workspace;
    private final Retrievers retrievers;
    private final ExperimentStore store;
    private final QtaAligner aligner;

    public ExperimentRunner(Workspace workspace, Retrievers retrievers) {
        this.workspace = workspace;
        this.retrievers = retrievers;
        this.store = new ExperimentStore(workspace);
        this.aligner = new QtaAligner(workspace, retrievers);
    }

    /** The aligner the cells run on (for a step listener or a memory budget). */
    public QtaAligner aligner() {
        return aligner;
    }

    /** Hears of each cell as it starts and once it is done. */
    public interface Listener {
        void started(ExperimentStore.Cell cell, int position, int total);

        void finished(ExperimentStore.Cell cell, int position, int total);
    }

    /** How many cells this call ran and how many were already finished. */
    public record Outcome(int ran, int alreadyDone, int total) {
    }

    /**
     * Runs the unfinished cells of experiment {@code name}.
     *
     * @param continuing false: refuse an experiment that has started (a first run); true: continue one (a resume)
     */
    public Outcome run(String name, boolean continuing, Progress progress, Listener listener) {
        ExperimentStore.Experiment experiment = store.require(name);
        List<ExperimentStore.Cell> cells = store.cells(experiment.id());
        boolean started = cells.stream().anyMatch(c -> c.status() != ExperimentStore.Status.pending);
        if (started && !continuing) {
            throw new IllegalArgumentException("experiment '" + name + "' has started; continue it with 'qta-studio experiment resume "
                    + name + "' (finished cells are not run again)");
        }
        int ran = 0;
        int done = 0;
        for (int i = 0; i < cells.size(); i++) {
            ExperimentStore.Cell cell = cells.get(i);
            if (cell.status() == ExperimentStore.Status.done) {
                done++;
                continue;
            }
            progress.checkCancelled();
            listener.started(cell, i + 1, cells.size());
            runCell(experiment, cell, progress);
            ran++;
            listener.finished(store.cells(experiment.id()).get(i), i + 1, cells.size());
        }
        return new Outcome(ran, done, cells.size());
    }

    private void runCell(ExperimentStore.Experiment experiment, ExperimentStore.Cell cell, Progress progress) {
        try {
            RewriteEvaluator.Request evaluate = cell.plan().evaluate();
            double alignSeconds = 0;
            int trainingQueries = 0;
            if (cell.plan().align() != null) {
                store.setStatus(cell.id(), ExperimentStore.Status.aligning, null);
                long runId = alignRun(experiment, cell);
                AlignStore.AlignRun run = aligner.store().run(runId);
                if (run.status() != AlignStore.Status.completed) {
                    aligner.resume(runId, progress);
                    run = aligner.store().run(runId);
                }
                JsonNode summary = Json.MAPPER.readTree(run.summaryJson());
                alignSeconds = summary.path("seconds").asDouble();
                trainingQueries = summary.path("trainingQueries").asInt();
                AlignedRewriter rewriter = AlignedRewriter.of(run);
                RewriteEvaluator.Request e = evaluate;
                evaluate = new RewriteEvaluator.Request(e.catalog(), e.split(), e.modelDir(), rewriter.adapter().toAbsolutePath().toString(),
                        e.device(), e.dtype(), e.retriever(), rewriter.instruction(), e.toolDocuments(), e.maxNewTokens(), e.mode(),
                        e.samples(), e.seed(), e.ks(), runId, e.batchSize());
            }
            store.setStatus(cell.id(), ExperimentStore.Status.evaluating, null);
            RewriteEvaluator.Outcome outcome = new RewriteEvaluator(workspace, retrievers).evaluate(evaluate, progress);
            List<List<QueryRecord>> records = new ExperimentResults(workspace).records(outcome.id());
            store.finish(cell.id(), outcome.id(), CellResult.of(records.get(0), records.get(1), records.get(2), alignSeconds,
                    trainingQueries, outcome.original().wallMillis() / 1000.0));
        } catch (CancelledException e) {
            store.setStatus(cell.id(), ExperimentStore.Status.cancelled, "cancelled; 'experiment resume' continues here");
            throw e;
        } catch (IOException e) {
            store.setStatus(cell.id(), ExperimentStore.Status.failed, e.getMessage());
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            store.setStatus(cell.id(), ExperimentStore.Status.failed, Objects.requireNonNullElse(e.getMessage(), e.toString()));
            throw e;
        }
    }

    /**
     * The cell's alignment run: its own if it has one, else the run of an earlier cell with the same alignment
     * request (a transfer experiment's rewriter tested on another catalog), else a new one, linked at once.
     */
    private long alignRun(ExperimentStore.Experiment experiment, ExperimentStore.Cell cell) {
        if (cell.alignRunId() != null) {
            return cell.alignRunId();
        }
        long runId = store.cells(experiment.id()).stream()
                .filter(c -> c.alignRunId() != null && cell.plan().align().equals(c.plan().align()))
                .mapToLong(ExperimentStore.Cell::alignRunId).findFirst()
                .orElseGet(() -> aligner.create(cell.plan().align()));
        store.setAlignRun(cell.id(), runId);
        return runId;
    }
}
