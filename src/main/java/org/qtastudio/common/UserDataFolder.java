package org.qtastudio.common;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The per-user data folder (workspace, engine builds, models): the OS convention, or {@code $QTA_STUDIO_HOME}
 * for portable installs and tests. It lives here, not in {@code store}, because the LM engine keeps its
 * builds there too and depends on nothing but {@code common}.
 */
public final class UserDataFolder {

    /** Environment variable naming the data folder. */
    public static final String HOME_VARIABLE = "QTA_STUDIO_HOME";

    private UserDataFolder() {
    }

    /** {@code $QTA_STUDIO_HOME}, else the OS convention. */
    public static Path path() {
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
}
