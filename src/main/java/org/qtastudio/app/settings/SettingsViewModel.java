package org.qtastudio.app.settings;

import org.qtastudio.common.UserDataFolder;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * State of the settings: the theme and whether the first-start guide was shown, saved in order off the FX
 * thread each time they change, plus the folders and device the Settings and help dialog shows.
 */
public final class SettingsViewModel {

    /** What the application runs models on today; GPU support needs a separate, consented download. */
    public static final String DEVICE = "Using an NVIDIA GPU needs the CUDA build of PyTorch, a large download that QTA "
            + "Studio only starts after asking for your consent (GPU engine…); until then everything runs on the CPU.";

    private final SettingsStore store;
    private final ExecutorService saves = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qta-settings");
        t.setDaemon(true);
        return t;
    });
    private final BooleanProperty darkTheme = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private AppSettings current;

    /**
     * Reads the settings file once (a few bytes, before the first window shows).
     *
     * @param store where to keep the settings, or null to keep them for this session only (tests, screenshots)
     */
    public SettingsViewModel(SettingsStore store) {
        this.store = store;
        this.current = store == null ? AppSettings.defaults() : store.load();
        darkTheme.set(current.dark());
        darkTheme.addListener((obs, old, dark) -> update(current.withDark(dark)));
    }

    /** Settings kept for this session only. */
    public static SettingsViewModel inMemory() {
        return new SettingsViewModel(null);
    }

    private void update(AppSettings next) {
        current = next;
        if (store != null) {
            saves.submit(() -> {
                try {
                    store.save(next);
                } catch (RuntimeException e) {
                    Platform.runLater(() -> message.set("Could not save the settings: " + e.getMessage()));
                }
            });
        }
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /** Whether the first-start guide still has to be shown. */
    public boolean guidePending() {
        return !current.guideShown();
    }

    /** Remembers that the guide was shown, so it is not shown on the next start. */
    public void guideShown() {
        if (!current.guideShown()) {
            update(current.withGuideShown());
        }
    }

    /** The per-user data folder (settings, default workspace). */
    public Path dataFolder() {
        return UserDataFolder.path();
    }

    /** The settings file, or null when settings are not saved. */
    public Path settingsFile() {
        return store == null ? null : store.file();
    }

    /** A save that failed, in a sentence; empty when all went well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
