package org.qtastudio.app.experiments;

import org.qtastudio.experiment.ExperimentStore;

/**
 * What the cells table says of a cell's state. The cell the screen runs now shows the phase its work reports
 * (sampling, training, evaluating); a cell stored as aligning or evaluating that nothing runs was interrupted (the
 * program was closed or killed), and Resume continues it.
 */
public final class CellStatus {

    private CellStatus() {
    }

    /**
     * @param running whether this cell is the one the screen runs now
     * @param phase what that work reports doing, empty before its first report
     */
    public static String of(ExperimentStore.Cell cell, boolean running, String phase) {
        if (running) {
            return phase == null || phase.isEmpty() ? "starting" : phase;
        }
        return stored(cell);
    }

    /** The stored state in words, for a cell nothing runs. */
    static String stored(ExperimentStore.Cell cell) {
        return switch (cell.status()) {
            case aligning, evaluating -> "interrupted";
            default -> cell.status().name();
        };
    }
}
