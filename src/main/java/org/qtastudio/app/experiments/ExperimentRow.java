package org.qtastudio.app.experiments;

import java.util.List;
import org.qtastudio.experiment.ExperimentStore;

/**
 * An experiment as the list shows it: how many of its cells are done, whether it has started (then Run refuses it
 * and Resume continues it), and where it stands in a few words.
 *
 * @param state {@code created}, {@code done}, or the first unfinished cell that stopped: {@code failed at cell 4}
 */
public record ExperimentRow(ExperimentStore.Experiment experiment, int cells, int done, boolean started, String state) {

    static ExperimentRow of(ExperimentStore.Experiment experiment, List<ExperimentStore.Cell> cells) {
        int done = (int) cells.stream().filter(c -> c.status() == ExperimentStore.Status.done).count();
        boolean started = cells.stream().anyMatch(c -> c.status() != ExperimentStore.Status.pending);
        String state = done == cells.size() ? "done" : !started ? "created"
                : cells.stream().filter(c -> c.status() != ExperimentStore.Status.done && c.status() != ExperimentStore.Status.pending)
                .findFirst().map(c -> CellStatus.stored(c) + " at cell " + (c.ordinal() + 1))
                .orElse(done + " of " + cells.size() + " done");
        return new ExperimentRow(experiment, cells.size(), done, started, state);
    }

    /** The experiment's name. */
    public String name() {
        return experiment.name();
    }

    /** True while cells are left and the queue has started: Resume continues it. */
    public boolean resumable() {
        return started && done < cells;
    }
}
