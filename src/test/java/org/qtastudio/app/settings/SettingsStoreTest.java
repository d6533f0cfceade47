package org.qtastudio.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileReadsAsTheDefaults() {
        assertEquals(AppSettings.defaults(), new SettingsStore(dir.resolve("none/settings.json")).load());
    }

    @Test
    void savedSettingsReadBack() {
        SettingsStore store = new SettingsStore(dir.resolve("sub/settings.json"));
        store.save(AppSettings.defaults().withDark(true).withGuideShown());
        AppSettings back = store.load();
        assertTrue(back.dark());
        assertTrue(back.guideShown());
    }

    @Test
    void aBrokenFileReadsAsTheDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), "{not json");
        assertEquals(AppSettings.defaults(), new SettingsStore(file).load());
    }

    @Test
    void theViewModelSavesAThemeChangeAndTheShownGuide() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        SettingsViewModel model = new SettingsViewModel(store);
        assertTrue(model.guidePending());
        model.darkThemeProperty().set(true);
        model.guideShown();
        assertFalse(model.guidePending());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!store.load().guideShown() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(new AppSettings(AppSettings.DARK, true), store.load());
        assertTrue(new SettingsViewModel(store).darkThemeProperty().get(), "the next start reads the dark theme");
    }
}
