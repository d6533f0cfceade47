package org.qtastudio.store;

import org.qtastudio.common.UserDataFolder;

/** Where the workspace opened by default lives: the sample workspace in the user's data folder. */
public final class WorkspaceLocations {

    private WorkspaceLocations() {
    }

    /** The workspace opened when none is named. */
    public static java.nio.file.Path defaultWorkspace() {
        return UserDataFolder.path().resolve("workspace" + Workspace.EXTENSION);
    }
}
