package org.qtastudio.store;

import java.nio.file.Path;
import java.util.Locale;

/** Where workspaces live by default: the per-user data folder of each OS, overridable for tests and portable installs. */
public final class WorkspaceLocations {

    /** Environment variable naming the data folder, for portable installs and tests. */
    public static final String HOME_VARIABLE = "QTA_STUDIO_HOME";

    private WorkspaceLocations() {
    }

    /** The per-user data folder: {@code $QTA_STUDIO_HOME}, else the OS convention. */
    public static Path dataFolder() {
        String override = System.getenv(HOME_VARIABLE);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return Path.of(appData != null ? appData : home, "QTA Studio");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "QTA Studio");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("qta-studio");
    }

    /** The workspace opened when none is named: the sample workspace in the data folder. */
    public static Path defaultWorkspace() {
        return dataFolder().resolve("workspace" + Workspace.EXTENSION);
    }
}
