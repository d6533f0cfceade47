package org.qtastudio.app.align;

import org.qtastudio.align.AlignStore;

/**
 * What the runs table says of a run's state. The stored status of a running run lags (a run is stored "created" until
 * it has sampled, a resumed run keeps "cancelled" until its next record), so the run being executed shows the phase
 * its work reports now; a run stored as sampling or training that nothing executes was interrupted.
 */
public final class RunStatus {

    private RunStatus() {
    }

    /**
     * @param running whether this run is the one the screen executes now
     * @param phase what that work reports doing ("sampling", "training"), empty before its first report
     */
    public static String of(AlignStore.AlignRun run, boolean running, String phase) {
        if (running) {
            return phase == null || phase.isEmpty() ? "starting" : phase;
        }
        return switch (run.status()) {
            case created, sampling, training -> "interrupted";
            case review -> "waits for review";
            default -> run.status().name();
        };
    }
}
