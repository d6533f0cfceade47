package org.qtastudio.cli;

import java.nio.file.Path;
import org.qtastudio.store.Workspace;
import org.qtastudio.store.WorkspaceLocations;
import picocli.CommandLine.Option;

/** The {@code --workspace} option every command that touches a workspace mixes in. */
public final class WorkspaceOptions {

    @Option(names = {"-w", "--workspace"}, paramLabel = "PATH",
            description = "Workspace file (import creates it when absent; other commands need an existing one). "
                    + "Default: ${DEFAULT-VALUE}")
    Path workspace = WorkspaceLocations.defaultWorkspace();

    /**
     * Opens the chosen workspace, which must exist: commands that only read (and commands that need a catalog
     * already there) never turn a mistyped path or an empty file into a new workspace. The caller closes it.
     */
    public Workspace open() {
        return Workspace.openExisting(workspace);
    }

    /** Opens the chosen workspace, creating it when absent and saying so on {@code err}; the caller closes it. */
    public Workspace openForWrite(java.io.PrintWriter err) {
        Workspace w = Workspace.open(workspace);
        if (w.created()) {
            err.println("created new workspace " + w.file());
            err.flush();
        }
        return w;
    }
}
