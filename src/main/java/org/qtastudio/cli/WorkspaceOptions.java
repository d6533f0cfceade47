package org.qtastudio.cli;

import java.nio.file.Path;
import org.qtastudio.store.Workspace;
import org.qtastudio.store.WorkspaceLocations;
import picocli.CommandLine.Option;

/** The {@code --workspace} option every command that touches a workspace mixes in. */
public final class WorkspaceOptions {

    @Option(names = {"-w", "--workspace"}, paramLabel = "PATH",
            description = "Workspace file (created when absent). Default: ${DEFAULT-VALUE}")
    Path workspace = WorkspaceLocations.defaultWorkspace();

    /** Opens the chosen workspace; the caller closes it. */
    public Workspace open() {
        return Workspace.open(workspace);
    }
}
