package org.qtastudio.app.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.qtastudio.common.UserDataFolder;
import org.qtastudio.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes {@link AppSettings} in one small JSON file; a missing or broken file reads as the defaults. */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final String FILE = "settings.json";

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The settings file of the per-user data folder. */
    public static SettingsStore inDataFolder() {
        return new SettingsStore(UserDataFolder.path().resolve(FILE));
    }

    public Path file() {
        return file;
    }

    public AppSettings load() {
        if (!Files.isRegularFile(file)) {
            return AppSettings.defaults();
        }
        try {
            return Json.read(Files.readString(file, StandardCharsets.UTF_8), new TypeReference<AppSettings>() { });
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable settings file {}: {}", file, e.getMessage());
            return AppSettings.defaults();
        }
    }

    /** Writes the settings whole (to a temporary file first, so a crash never leaves half a file). */
    public void save(AppSettings settings) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, Json.write(settings), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the settings to " + file + ": " + e.getMessage(), e);
        }
    }
}
